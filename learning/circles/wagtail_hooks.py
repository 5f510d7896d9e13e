"""Learning circles in the Wagtail admin: memberships with approve/decline, log and export.

The listing filters, searches and exports; decisions go only through the action views, which
call the services (group, log and e-mail in one transaction). Also: members-only pages and
documents answer 403 (not a login page) to people who are logged in but not in the circle.
"""

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import BaseViewRestriction

from learning.core.admin import ServiceManagedViewSetMixin
from learning.core.visibility import page_visible_to

from . import admin_views
from .exports import MEMBER_COLUMNS
from .models import (
    CircleKnowledgeIndexPage,
    CircleKnowledgePage,
    CircleMembership,
    LearningCirclePage,
)


class MembershipViewSet(ServiceManagedViewSetMixin, ModelViewSet):
    model = CircleMembership
    icon = "group"
    menu_label = _("Leerkringleden")
    menu_name = "circle_memberships"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = admin_views.MembershipIndexView
    inspect_view_class = admin_views.MembershipInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "circle",
        "user",
        "organisation",
        "role",
        "status",
        "motivation",
        "applied_at",
        "decided_at",
        "decided_by",
        "left_at",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "user",
        "circle",
        "organisation",
        "role",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda membership: membership.status == "approved",
        ),
        DateColumn("applied_at", label=_("Aangemeld op"), sort_key="applied_at"),
    ]
    list_filter = ["status", "role", "circle"]
    list_export = ["circle_title", "status_label", *MEMBER_COLUMNS]
    export_headings = {
        "circle_title": _("Leerkring"),
        "status_label": _("Status"),
        **{key: label for key, (label, _accessor) in MEMBER_COLUMNS.items()},
    }
    export_filename = "leerkringleden"
    list_per_page = 50
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    search_backend_name = None
    ordering = ["circle_id", "-status", "applied_at", "pk"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            usage_url_name=None,
            history_url_name=None,
            url_namespace=self.url_namespace,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "approve/<int:pk>/",
                self.construct_view(admin_views.ApproveView),
                name="approve",
            ),
            path(
                "decline/<int:pk>/",
                self.construct_view(admin_views.DeclineView),
                name="decline",
            ),
        ]


membership_viewset = MembershipViewSet("circle_memberships")


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return membership_viewset


@hooks.register("before_serve_page")
def members_only_pages(page, request, serve_args, serve_kwargs):
    """People outside the circle: anonymous visitors go to the site's login page, logged-in
    people get a clear 403 instead of Wagtail's login page."""
    if not isinstance(page, CircleKnowledgeIndexPage | CircleKnowledgePage):
        return None
    if page_visible_to(page, request.user):
        return None
    if not request.user.is_authenticated:
        # The site's own login page (allauth), not Wagtail's bare one.
        return redirect_to_login(request.get_full_path())
    circle = page.get_parent() if isinstance(page, CircleKnowledgeIndexPage) else None
    circle = (circle or page.get_parent().get_parent()).specific
    response = TemplateResponse(request, "circles/forbidden.html", {"page": circle}, status=403)
    response["Cache-Control"] = "private, no-cache, no-store, must-revalidate, max-age=0"
    return response


@hooks.register("before_serve_document", order=-1)
def members_only_documents(document, request):
    """A logged-in person refused by a login or groups restriction of the document's collection
    gets a 403. Wagtail's own check (which runs after this one) would send them to the login
    page, which sends a logged-in person straight back to the document: an endless loop.
    Anonymous visitors and password restrictions are left to Wagtail."""
    if not request.user.is_authenticated:
        return None
    refused = [
        restriction
        for restriction in document.collection.get_view_restrictions()
        if restriction.restriction_type in (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)
        and not restriction.accept_request(request)
    ]
    if not refused:
        return None
    circle = (
        LearningCirclePage.objects.filter(
            collection_id__in=[restriction.collection_id for restriction in refused]
        )
        .live()
        .first()
    )
    template = "circles/forbidden.html" if circle else "403.html"
    response = TemplateResponse(request, template, {"page": circle}, status=403)
    response["Cache-Control"] = "private, no-cache, no-store, must-revalidate, max-age=0"
    return response
