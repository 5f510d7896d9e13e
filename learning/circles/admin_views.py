"""Circle memberships in the Wagtail admin: listing, inspect with the log, approve and decline.

Every change goes through learning.circles.services, so the admin obeys the same rules as the
site (group in the same transaction, audit log, e-mail).
"""

from collections import OrderedDict

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button

from learning.core.admin import AuditTrailInspectMixin, LocalTimeInspectMixin
from learning.core.errors import form_refused
from learning.core.exports import LocalTimeExportMixin

from . import selectors, services
from .exports import MEMBER_COLUMNS
from .forms import DecisionForm
from .models import CircleMembership, MembershipStatus
from .services import CircleError

LOG_ACTION_LABELS = {
    "apply": _("Aangemeld"),
    "approve": _("Goedgekeurd"),
    "decline": _("Afgewezen"),
    "leave": _("Vertrokken"),
    "accept_invitation": _("Uitnodiging geaccepteerd"),
    "coordinator_added": _("Coördinator geworden"),
    "coordinator_removed": _("Geen coördinator meer"),
}
ACTIONS = (("approve", _("Goedkeuren"), "check"), ("decline", _("Afwijzen"), "cross"))
EXPORT_ACCESSORS = {
    "circle_title": lambda m: m.circle.title,
    "status_label": lambda m: m.get_status_display(),
    **{key: accessor for key, (_label, accessor) in MEMBER_COLUMNS.items()},
}


def memberships_managed_by(user):
    """The memberships ``user`` manages, with what the admin shows of them."""
    return selectors.memberships_managed_by(user=user).select_related(
        "circle", "user", "organisation"
    )


class DecisionLinksMixin:
    url_namespace = None

    def decision_links(self, membership):
        if membership.status != MembershipStatus.APPLIED or not self.user_has_permission("change"):
            return []
        return [
            (label, reverse(f"{self.url_namespace}:{name}", args=(quote(membership.pk),)), icon)
            for name, label, icon in ACTIONS
        ]


class MembershipIndexView(DecisionLinksMixin, LocalTimeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        # Only the memberships of the circles this person manages, listing and exports.
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=selectors.memberships_managed_by(user=self.request.user).values("pk"))
            .select_related("circle", "user", "organisation")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url, icon) in enumerate(self.decision_links(instance), start=1):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons

    def to_row_dict(self, item):
        return OrderedDict((field, EXPORT_ACCESSORS[field](item)) for field in self.list_export)


class MembershipInspectView(
    DecisionLinksMixin, AuditTrailInspectMixin, LocalTimeInspectMixin, generic.InspectView
):
    audit_actions = LOG_ACTION_LABELS
    audit_statuses = dict(MembershipStatus.choices)

    def get_object(self, queryset=None):
        return get_object_or_404(memberships_managed_by(self.request.user), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for priority, (label, url, icon) in enumerate(self.decision_links(self.object), start=1):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class DecisionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """GET shows the application and a confirmation form; POST calls the service."""

    model = CircleMembership
    permission_required = "change"
    template_name = "circles/admin/decision.html"
    header_icon = "group"
    form_class = DecisionForm
    index_url_name = None
    inspect_url_name = None
    approve = True

    @cached_property
    def object(self) -> CircleMembership:
        # Another circle's membership does not exist here: 404 for GET and POST alike.
        return get_object_or_404(memberships_managed_by(self.request.user), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Aanmelding goedkeuren") if self.approve else _("Aanmelding afwijzen")

    def get_page_subtitle(self):
        return str(self.object.user)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(CircleMembership._meta.verbose_name_plural),
            },
            {
                "url": reverse(self.inspect_url_name, args=(quote(self.object.pk),)),
                "label": str(self.object.user),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self):
        return f"{reverse(self.index_url_name)}?circle={self.object.circle_id}"

    def form_valid(self, form):
        service = services.membership_approve if self.approve else services.membership_decline
        try:
            service(
                membership=self.object,
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except CircleError as error:
            return form_refused(self, form, error)
        if self.approve:
            message = _("%(name)s is lid geworden van %(circle)s.")
        else:
            message = _("De aanmelding van %(name)s voor %(circle)s is afgewezen.")
        messages.success(
            self.request, message % {"name": self.object.user, "circle": self.object.circle.title}
        )
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "submit_label": _("Goedkeuren") if self.approve else _("Afwijzen"),
                "cancel_url": self.get_success_url(),
                "refused": self.object.status != MembershipStatus.APPLIED,
            }
        )
        return context


class ApproveView(DecisionView):
    approve = True


class DeclineView(DecisionView):
    approve = False
