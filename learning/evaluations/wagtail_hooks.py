"""Evaluations in the admin: the question forms (a snippet) and the results."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, selectors
from .models import EvaluationForm


class EvaluationFormViewSet(SnippetViewSet):
    model = EvaluationForm
    icon = "form"
    menu_label = _("Evaluatieformulieren")
    list_display = ["title", "is_default"]
    copy_view_enabled = True


class ResultsViewSet(ViewSet):
    name = "evaluations_results"
    url_prefix = "evaluaties"
    icon = "list-ol"
    menu_label = _("Resultaten")

    @property
    def menu_item_class(self):
        def is_shown(_self, request):
            return selectors.user_has_evaluations(user=request.user)

        return type("EvaluationResultsMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        return [
            path("", admin_views.SurveyIndexView.as_view(), name="index"),
            path("<int:pk>/", admin_views.SurveyResultsView.as_view(), name="survey"),
            path(
                "bijeenkomst/<int:event_pk>/formulier/",
                admin_views.SurveyFormView.as_view(),
                name="choose_form",
            ),
            path(
                "programma/<int:pk>/", admin_views.ProgrammeResultsView.as_view(), name="programme"
            ),
        ]


class EvaluationsViewSetGroup(ViewSetGroup):
    menu_label = _("Evaluaties")
    menu_icon = "list-ol"
    menu_order = 255
    items = (ResultsViewSet, EvaluationFormViewSet)


register_snippet(EvaluationsViewSetGroup)
