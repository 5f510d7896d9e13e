"""The monitor in the Wagtail admin: one "Monitor" menu.

Editors define questionnaires (with their questions inline) and rounds; coordinators see
every response and answer, export them (CSV/XLSX) and the participation per province.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learning.core.admin import ProtectedDeleteView, ServiceManagedViewSetMixin

from . import admin_views
from .forms import QuestionnaireAdminForm
from .models import Answer, Questionnaire, Response, Round


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    delete_view_class = ProtectedDeleteView
    icon = "list-ul"
    menu_label = _("Vragenlijsten")
    list_display = ["title", DateColumn("created_at", label=_("Gemaakt op"))]
    search_fields = ["title"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            InlinePanel("questions", heading=_("Vragen"), label=_("vraag"), min_num=1),
        ],
        base_form_class=QuestionnaireAdminForm,
    )


class RoundViewSet(SnippetViewSet):
    model = Round
    delete_view_class = ProtectedDeleteView
    icon = "date"
    menu_label = _("Rondes")
    list_display = ["title", "year", "questionnaire", "opens_on", "closes_on"]
    ordering = ["-year", "-opens_on"]


class _ReadOnlyViewSet(ServiceManagedViewSetMixin, ModelViewSet):
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50

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


class ResponseViewSet(_ReadOnlyViewSet):
    model = Response
    icon = "form"
    menu_label = _("Ingevulde monitors")
    index_view_class = admin_views.ResponseIndexView
    list_display = ["organisation", "round", "status", "version", "updated_at", "submitted_at"]
    list_filter = None
    filterset_class = admin_views.ResponseFilterSet
    search_fields = ["organisation__name", "organisation__cbs_code"]
    search_backend_name = None
    list_export = list(admin_views.RESPONSE_EXPORT)
    export_headings = {key: label for key, (label, _fn) in admin_views.RESPONSE_EXPORT.items()}
    export_filename = "monitor-ingevuld"
    ordering = ["-round__year", "organisation__name"]
    inspect_view_fields = [
        "round",
        "organisation",
        "status",
        "version",
        "created_at",
        "updated_at",
        "updated_by",
        "submitted_at",
        "submitted_by",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reopen/<int:pk>/", admin_views.ReopenView.as_view(), name="reopen"),
        ]


class AnswerViewSet(_ReadOnlyViewSet):
    model = Answer
    icon = "tick"
    menu_label = _("Antwoorden")
    index_view_class = admin_views.AnswerIndexView
    list_display = ["question", "response", "score"]
    filterset_class = admin_views.AnswerFilterSet
    search_fields = ["response__organisation__name", "question__text"]
    search_backend_name = None
    list_export = list(admin_views.ANSWER_EXPORT)
    export_headings = {key: label for key, (label, _fn) in admin_views.ANSWER_EXPORT.items()}
    export_filename = "monitor-antwoorden"
    ordering = ["response__round__year", "response__organisation__name", "question__sort_order"]
    inspect_view_fields = ["response", "question", "score", "explanation"]


class ParticipationViewSet(ViewSet):
    name = "monitor_participation"
    url_prefix = "monitor/deelname"
    icon = "table"
    menu_label = _("Deelname per provincie")

    @property
    def menu_item_class(self):
        def is_shown(_self, request):
            return request.user.has_perm("monitor.view_response")

        return type("ParticipationMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        return [path("", admin_views.ParticipationView.as_view(), name="index")]


class MonitorViewSetGroup(ViewSetGroup):
    menu_label = _("Monitor")
    menu_icon = "doc-full"
    menu_order = 260
    items = (
        QuestionnaireViewSet,
        RoundViewSet,
        ResponseViewSet("monitor_responses", url_prefix="monitor/ingevuld"),
        AnswerViewSet("monitor_answers", url_prefix="monitor/antwoorden"),
        ParticipationViewSet,
    )


register_snippet(MonitorViewSetGroup)
