from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learning.core.admin import ProtectedDeleteView, SafeExportSnippetIndexView

from .filters import OrganisationFilterSet
from .models import Organisation


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
