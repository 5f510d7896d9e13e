"""The knowledge base in the Wagtail admin: policy goals and the directory as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.core.admin import SafeExportSnippetIndexView

from .models import Initiative, PolicyGoal


class PolicyGoalFilterSet(WagtailFilterSet):
    class Meta:
        model = PolicyGoal
        fields = ["themes", "core_tasks", "target_year"]


class PolicyGoalViewSet(SnippetViewSet):
    model = PolicyGoal
    icon = "tick-inverse"
    menu_label = _("Beleidsdoelen")
    menu_name = "policy_goals"
    list_display = ["title", "quantity", "target_year", "source"]
    index_view_class = SafeExportSnippetIndexView
    list_export = ["title", "goal_text", "quantity", "target_year", "source", "source_url"]
    filterset_class = PolicyGoalFilterSet
    search_fields = ["title", "goal_text"]
    ordering = ["sort_order", "target_year", "title"]


class InitiativeFilterSet(WagtailFilterSet):
    class Meta:
        model = Initiative
        fields = ["kind", "province", "themes", "core_tasks"]


class InitiativeViewSet(SnippetViewSet):
    model = Initiative
    icon = "site"
    menu_label = _("Organisaties en initiatieven")
    menu_name = "initiatives"
    list_display = ["name", "kind", "region", "province"]
    index_view_class = SafeExportSnippetIndexView
    list_export = ["name", "kind", "region", "province", "website", "description"]
    filterset_class = InitiativeFilterSet
    search_fields = ["name", "description", "region"]
    ordering = ["name"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    items = (PolicyGoalViewSet, InitiativeViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Kennisbank")
    menu_name = "knowledge"
    menu_order = 260


register_snippet(KnowledgeViewSetGroup)
