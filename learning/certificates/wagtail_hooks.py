"""Certificates in the Wagtail admin (admin_views.py): listing, inspect with the log,
download and revoke. No add, edit or delete: certificates change only through services."""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from learning.core.admin import ServiceManagedViewSetMixin

from . import admin_views
from .models import Certificate

# Who sees certificates in the admin follows the registrations' permission (admin_views).
register_permission_policy(
    Certificate, admin_views.CertificatePermissionPolicy(Certificate), exact_class=True
)


class CertificateViewSet(ServiceManagedViewSetMixin, ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Deelnamebewijzen")
    menu_name = "certificates"
    menu_order = 255
    add_to_admin_menu = True
    index_view_class = admin_views.CertificateIndexView
    inspect_view_class = admin_views.CertificateInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "kind",
        "name",
        "organisation_name",
        "title",
        "programme_title",
        "starts_at",
        "ends_at",
        "hours",
        "issued_at",
        "revoked_at",
        "revoked_reason",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "name",
        "title",
        "kind",
        DateColumn("issued_at", label=_("Uitgegeven op"), sort_key="issued_at"),
        DateColumn("revoked_at", label=_("Ingetrokken op"), sort_key="revoked_at"),
    ]
    list_filter = ["kind"]
    search_fields = ["name", "title", "organisation_name", "code"]
    search_backend_name = None
    ordering = ["-issued_at", "-pk"]
    list_per_page = 50

    def get_permissions_to_register(self):
        # Access follows the registrations' permission (coordinators); nothing to grant here.
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            usage_url_name=None,
            history_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "inspect/<int:pk>/",
                self.construct_view(
                    self.inspect_view_class,
                    fields=self.inspect_view_fields,
                    revoke_url_name=self.get_url_name("revoke"),
                    download_url_name=self.get_url_name("download"),
                ),
                name="inspect",
            ),
            path(
                "revoke/<int:pk>/",
                self.construct_view(
                    admin_views.CertificateRevokeView,
                    inspect_url_name=self.get_url_name("inspect"),
                ),
                name="revoke",
            ),
            path(
                "download/<int:pk>/",
                admin_views.CertificateDownloadView.as_view(),
                name="download",
            ),
        ]


certificate_viewset = CertificateViewSet("deelnamebewijzen")


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return certificate_viewset
