"""Organisation claims in the Wagtail admin: the coordinators' work queue.

A listing with filters and an inspect view with the log (read-only), a "Beoordelen" screen to
approve or refuse several pending claims at once with one reason, and a dashboard panel with
the number waiting. Every decision goes through ``organisation_claims`` (rules, audit, e-mail).
"""

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from learning.core.admin import (
    AuditTrailInspectMixin,
    LocalTimeInspectMixin,
    SafeExportIndexView,
    ServiceManagedViewSetMixin,
)
from learning.core.errors import form_refused
from learning.organisations.models import Organisation, OrganisationKind

from .errors import AccountError
from .models import ClaimState, OrganisationClaim
from .organisation_claims import can_decide_claims, claims_decide
from .selectors import claims_pending

LOG_ACTION_LABELS = {
    "request": _("Aangevraagd"),
    "verify": _("Geverifieerd via e-maildomein"),
    "approve": _("Goedgekeurd"),
    "refuse": _("Afgewezen"),
    "superseded": _("Vervangen door een nieuwe aanvraag"),
    "to_coordinator": _("Naar een coördinator"),
    "migrated": _("Overgenomen bij invoering"),
}


def _provinces():
    return Organisation.objects.filter(kind=OrganisationKind.PROVINCIE)


class ClaimFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("Status"), choices=ClaimState.choices)
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Soort organisatie"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"),
        field_name="organisation__province",
        queryset=_provinces(),
        widget=forms.Select,
    )
    current = django_filters.BooleanFilter(
        label=_("Alleen huidige aanvragen"),
        field_name="superseded_at",
        lookup_expr="isnull",
    )

    class Meta:
        model = OrganisationClaim
        fields = ["state", "organisation_kind", "province", "current"]


class ClaimIndexView(SafeExportIndexView):
    decide_url_name = None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user", "organisation", "organisation__province", "decided_by")
        )

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_decide_claims(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Aanvragen beoordelen"), url=reverse(self.decide_url_name), icon_name="tasks"
                )
            )
        return buttons


class ClaimInspectView(AuditTrailInspectMixin, LocalTimeInspectMixin, generic.InspectView):
    audit_actions = LOG_ACTION_LABELS
    audit_statuses = dict(ClaimState.choices)


class DecideForm(forms.Form):
    claims = forms.ModelMultipleChoiceField(
        label=_("Aanvragen"),
        queryset=OrganisationClaim.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies ten minste één aanvraag."),
            "invalid_choice": _("Een van de gekozen aanvragen is al beoordeeld of vervangen."),
            "invalid_pk_value": _("Kies aanvragen uit de lijst."),
        },
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Komt in het logboek en in de e-mail aan de aanvrager."),
        error_messages={
            "required": _("Geef een reden op; die komt in het logboek en in de e-mail.")
        },
    )
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren")), ("refuse", _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies goedkeuren of afwijzen.")},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = queryset


class DecideView(WagtailAdminTemplateMixin, TemplateView):
    """The queue: pending claims with checkboxes, one reason, approve or refuse (all or none)."""

    template_name = "accounts/admin/decide_claims.html"
    page_title = _("Organisatieaanvragen beoordelen")
    header_icon = "tasks"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not can_decide_claims(request.user):
            return HttpResponseForbidden(
                _("Alleen coördinatoren en redacteuren beoordelen organisatieaanvragen.")
            )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        filters = ClaimFilterSet(self.request.GET or None, queryset=claims_pending())
        return filters.qs if filters.is_valid() else claims_pending()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or DecideForm(queryset=self.get_queryset())
        claims = list(self.get_queryset())
        context.update(
            {
                "form": form,
                "claims": claims,
                "own_user_id": self.request.user.pk,
                "index_url": reverse(self.index_url_name),
            }
        )
        return context

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Organisatieaanvragen")},
            {"url": "", "label": self.page_title},
        ]

    def post(self, request, *args, **kwargs):
        form = DecideForm(request.POST, queryset=claims_pending())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        approve = form.cleaned_data["decision"] == "approve"
        try:
            decided = claims_decide(
                claims=form.cleaned_data["claims"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                approve=approve,
            )
        except AccountError as error:
            return form_refused(self, form, error)
        count = len(decided)
        if approve:
            text = ngettext(
                "%(count)d aanvraag goedgekeurd.", "%(count)d aanvragen goedgekeurd.", count
            )
        else:
            text = ngettext(
                "%(count)d aanvraag afgewezen.", "%(count)d aanvragen afgewezen.", count
            )
        messages.success(request, text % {"count": count})
        return redirect(request.get_full_path())


class OrganisationClaimViewSet(ServiceManagedViewSetMixin, ModelViewSet):
    model = OrganisationClaim
    icon = "tasks"
    menu_label = _("Organisatieaanvragen")
    menu_name = "organisation_claims"
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = ClaimIndexView
    inspect_view_class = ClaimInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "user",
        "organisation",
        "state",
        "explanation",
        "verified_domain",
        "created_at",
        "decided_by",
        "decided_at",
        "reason",
        "superseded_at",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "user",
        "organisation",
        "state",
        "explanation",
        DateColumn("created_at", label=_("Aangevraagd"), sort_key="created_at"),
        "decided_by",
    ]
    list_export = [
        "user",
        "organisation",
        "state",
        "explanation",
        "verified_domain",
        "created_at",
        "decided_by",
        "decided_at",
        "reason",
    ]
    export_filename = "organisatieaanvragen"
    list_per_page = 50
    filterset_class = ClaimFilterSet
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    search_backend_name = None
    ordering = ["-created_at", "-pk"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(decide_url_name=self.get_url_name("decide"), **kwargs)

    @property
    def decide_view(self):
        return DecideView.as_view(index_url_name=self.get_url_name("index"))

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type__app_label="accounts",
            codename__in=["view_organisationclaim", "decide_organisationclaim"],
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("beoordelen/", self.decide_view, name="decide"),
        ]


class PendingClaimsPanel(Component):
    """Dashboard panel: how many organisation claims wait for a coordinator."""

    name = "pending_organisation_claims"
    template_name = "accounts/admin/pending_claims_panel.html"
    order = 40

    def __init__(self, *, decide_url_name: str):
        self.decide_url_name = decide_url_name

    def get_context_data(self, parent_context):
        return {"count": claims_pending().count(), "decide_url": reverse(self.decide_url_name)}
