from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from learning.core.admin import ProtectedDeleteView, SafeExportSnippetIndexView

from .admin_views import DomainImportView
from .filters import OrganisationDomainFilterSet, OrganisationFilterSet
from .models import Organisation, OrganisationDomain
from .services import domain_saved, domains_removed


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    delete_view_class = ProtectedDeleteView
    icon = "group"
    menu_label = _("Organisaties")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "cbs_code", "province", BooleanColumn("is_active")]
    index_view_class = SafeExportSnippetIndexView
    list_export = ["name", "kind", "cbs_code", "province", "is_active"]
    export_filename = "organisaties"
    list_per_page = 50
    search_fields = ["name", "cbs_code"]
    search_backend_name = None  # plain database lookups: exact enough for names and codes
    filterset_class = OrganisationFilterSet
    ordering = ["name"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("cbs_code"),
        # A plain select: Wagtail's chooser widget fails (500) on a tampered value.
        FieldPanel("province", widget=forms.Select),
        FieldPanel("is_active"),
    ]

    def get_queryset(self, request):
        return Organisation.objects.select_related("province")


register_snippet(OrganisationViewSet)


class DomainIndexView(SafeExportSnippetIndexView):
    import_url_name = None

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("organisations.add_organisationdomain"):
            buttons.append(
                HeaderButton(
                    _("Importeren (CSV)"), url=reverse(self.import_url_name), icon_name="upload"
                )
            )
        return buttons


class DomainSavedMixin:
    """In Wagtail's save transaction: who linked the domain, and the waiting claims on it
    (``services.domain_saved``); a domain never proves the claim of the person who saved it."""

    def save_instance(self):
        previous = (
            OrganisationDomain.objects.filter(pk=self.object.pk)
            .values_list("organisation_id", "domain")
            .first()
            if getattr(self, "object", None) is not None and self.object.pk
            else None
        )
        instance = super().save_instance()
        domain_saved(domain=instance, by=self.request.user, previous=previous)
        return instance


class DomainCreateView(DomainSavedMixin, CreateView):
    pass


class DomainEditView(DomainSavedMixin, EditView):
    pass


class OrganisationDomainViewSet(SnippetViewSet):
    """E-mail domains: a verified address on one of them proves membership of the organisation."""

    model = OrganisationDomain
    delete_view_class = ProtectedDeleteView
    index_view_class = DomainIndexView
    add_view_class = DomainCreateView
    edit_view_class = DomainEditView
    icon = "mail"
    menu_label = _("E-maildomeinen")
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["domain", "organisation", "organisation_kind", "created_at"]
    list_export = ["domain", "organisation", "organisation_cbs_code", "organisation_kind"]
    export_headings = {
        "organisation_cbs_code": _("CBS-code"),
        "organisation_kind": _("Soort organisatie"),
    }
    export_filename = "e-maildomeinen"
    list_per_page = 50
    search_fields = ["domain", "organisation__name", "organisation__cbs_code"]
    search_backend_name = None
    filterset_class = OrganisationDomainFilterSet
    ordering = ["domain"]
    panels = [
        # A plain select: Wagtail's chooser widget fails (500) on a tampered value.
        FieldPanel("organisation", widget=forms.Select),
        FieldPanel("domain"),
    ]

    def get_queryset(self, request):
        return OrganisationDomain.objects.select_related("organisation")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    @property
    def import_view(self):
        return DomainImportView.as_view(index_url_name=self.get_url_name("list"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("importeren/", self.import_view, name="import"),
        ]


register_snippet(OrganisationDomainViewSet)


@hooks.register("after_delete_snippet")
def domains_deleted_in_the_admin(request, instances):
    """One domain or several (bulk): what they proved is proved no longer."""
    domains_removed(
        domains=[
            (instance.organisation_id, instance.domain)
            for instance in instances
            if isinstance(instance, OrganisationDomain)
        ]
    )
