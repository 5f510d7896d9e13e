"""The indicators in the Wagtail admin: one "Indicatoren" menu.

Editors maintain the definitions with their national targets (snippets); coordinators see
every organisation's values read-only, filter and export them (CSV/XLSX). Values change only
on the site, through services.indicator_value_save.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learning.core.admin import ProtectedDeleteView, ServiceManagedViewSetMixin

from . import admin_views
from .models import Indicator, IndicatorValue


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    delete_view_class = ProtectedDeleteView
    icon = "table"
    menu_label = _("Indicatoren")
    list_display = ["name", "unit", "direction", "is_active"]
    list_filter = ["is_active", "unit"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class IndicatorValueViewSet(ServiceManagedViewSetMixin, ModelViewSet):
    model = IndicatorValue
    index_view_class = admin_views.IndicatorValueIndexView
    inspect_view_class = admin_views.IndicatorValueInspectView
    icon = "list-ol"
    menu_label = _("Ingevulde waarden")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    list_display = [
        "organisation",
        "indicator",
        "year",
        "value",
        "source_note",
        DateColumn("updated_at", label=_("Laatst gewijzigd op")),
    ]
    list_filter = ["indicator", "year", "organisation__kind"]
    search_fields = ["organisation__name", "organisation__cbs_code"]
    search_backend_name = None
    list_export = ["organisation", "indicator", "year", "value", "source_note", "updated_at"]
    export_filename = "indicatoren-waarden"
    ordering = ["indicator__sort_order", "organisation__name", "year"]
    inspect_view_fields = [
        "organisation",
        "indicator",
        "year",
        "value",
        "source_note",
        "version",
        "updated_by",
        "updated_at",
    ]

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
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


class IndicatorsViewSetGroup(ViewSetGroup):
    menu_label = _("Indicatoren")
    menu_icon = "table"
    menu_order = 265
    items = (
        IndicatorViewSet,
        IndicatorValueViewSet("indicator_values", url_prefix="indicatoren/waarden"),
    )


register_snippet(IndicatorsViewSetGroup)
