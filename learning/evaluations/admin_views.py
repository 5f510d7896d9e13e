"""Results of evaluations in the Wagtail admin: per survey (an event, a masterclass, a circle
meeting) and per programme, with CSV/XLSX exports. Only for who manages the occasion
(``selectors.surveys_managed_by``); anyone else gets a 404, as for the registrations."""

from collections import OrderedDict

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from learning.core.errors import form_refused
from learning.core.exports import LocalTimeExportMixin, spreadsheet_safe
from learning.events.selectors import events_managed_by
from learning.masterclasses.models import ProgrammePage

from . import selectors, services
from .errors import EvaluationError
from .models import EvaluationForm, QuestionKind, Survey

FORMATS = SpreadsheetExportMixin.FORMATS


class ResultsExport(LocalTimeExportMixin, SpreadsheetExportMixin):
    """One row per response: the occasion, the answers by question, and the name only where
    the person agreed. Rows in the (random) order of the responses' keys."""

    def __init__(self, *, questions: list[dict], titles: dict, filename: str):
        self.questions = questions
        self.titles = titles
        self.list_export = ["occasion", *(q["key"] for q in questions), "name"]
        self.export_headings = {
            "occasion": _("Bijeenkomst"),
            # Labels are the text of whoever keeps the question forms: the heading row is
            # written as it is, in CSV and in XLSX.
            **{q["key"]: spreadsheet_safe(q["label"]) for q in questions},
            "name": _("Naam (alleen met toestemming)"),
        }
        self.export_filename = filename

    def to_row_dict(self, item):
        row = OrderedDict(occasion=self.titles.get(item.survey_id, ""))
        for question in self.questions:
            row[question["key"]] = item.answers.get(question["key"], "")
        row["name"] = item.named_user.full_name if item.named_user else ""
        return row


class ResultsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluations/admin/results.html"
    header_icon = "list-ol"
    index_url_name = "evaluations_results:index"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Evaluaties")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_page_title(self):
        return self.title

    def export_response(self, results, *, filename: str):
        export_format = self.request.GET.get("export")
        if export_format not in FORMATS:
            return None
        if not results.shown:
            messages.error(
                self.request,
                _("Met minder dan %(min)s antwoorden is er niets te exporteren.")
                % {"min": results.min_responses},
            )
            return redirect(self.request.path)
        export = ResultsExport(
            questions=[
                {"key": q.key, "label": q.label} for q in results.questions if q.kind in KINDS
            ],
            titles=self.titles(),
            filename=filename,
        )
        return export.as_spreadsheet(results.responses, export_format)

    def get(self, request, *args, **kwargs):
        results = self.results
        if (response := self.export_response(results, filename=self.filename)) is not None:
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"results": self.results, "csv_format": "csv", "xlsx_format": "xlsx"})
        return context


KINDS = set(QuestionKind.values)


class SurveyResultsView(ResultsView):
    """The results of one survey: nothing below ``MIN_RESPONSES`` responses."""

    filename = "evaluatie"

    @cached_property
    def survey(self):
        return get_object_or_404(
            selectors.surveys_managed_by(user=self.request.user).select_related(
                "event", "meeting__circle"
            ),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def title(self):
        return _("Evaluatie van %(title)s") % {"title": self.survey.occasion_title}

    @cached_property
    def results(self):
        return selectors.results_for(surveys=[self.survey])

    def titles(self):
        return {self.survey.pk: self.survey.occasion_title}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "survey": self.survey}


class ProgrammeResultsView(ResultsView):
    """The results of a programme's surveys together (those with enough responses each)."""

    filename = "evaluatie-programma"

    @cached_property
    def programme(self):
        programme = get_object_or_404(ProgrammePage, pk=self.kwargs["pk"])
        if not self.surveys:
            raise Http404
        return programme

    @cached_property
    def surveys(self):
        programme = ProgrammePage.objects.filter(pk=self.kwargs["pk"]).first()
        if programme is None:
            return []
        return list(
            selectors.surveys_managed_by(user=self.request.user)
            .filter(event__path__startswith=programme.path, event__depth=programme.depth + 1)
            .select_related("event")
        )

    @cached_property
    def title(self):
        return _("Evaluatie van het programma %(title)s") % {"title": self.programme.title}

    @cached_property
    def results(self):
        return selectors.programme_results(programme=self.programme, user=self.request.user)

    def titles(self):
        return {survey.pk: survey.occasion_title for survey in self.surveys}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "programme": self.programme}


UPCOMING_LIMIT = 25


class SurveyIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The surveys the person manages, with their response counts, and their programmes."""

    template_name = "evaluations/admin/index.html"
    header_icon = "list-ol"
    page_title = gettext_lazy("Evaluaties")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        surveys = list(selectors.surveys_listing(user=self.request.user))
        parents = {
            survey.event.path[: -ProgrammePage.steplen] for survey in surveys if survey.event_id
        }
        upcoming = list(
            events_managed_by(user=self.request.user)
            .filter(ends_at__gt=timezone.now())
            .order_by("starts_at", "pk")[:UPCOMING_LIMIT]
        )
        chosen = dict(
            Survey.objects.filter(event__in=upcoming, form__isnull=False).values_list(
                "event_id", "form__title"
            )
        )
        context.update(
            {
                "upcoming": [(event, chosen.get(event.pk, "")) for event in upcoming],
                "surveys": surveys,
                "programmes": list(
                    ProgrammePage.objects.filter(path__in=parents).order_by("title")
                ),
                "min_responses": selectors.MIN_RESPONSES,
            }
        )
        return context


class SurveyFormChoiceForm(forms.Form):
    form = forms.ModelChoiceField(
        label=gettext_lazy("Evaluatieformulier"),
        queryset=EvaluationForm.objects.order_by("title"),
        required=False,
        empty_label=gettext_lazy("Standaardvragen"),
    )


class SurveyFormView(WagtailAdminTemplateMixin, FormView):
    """Before an event: which question form its evaluation uses."""

    template_name = "evaluations/admin/choose_form.html"
    form_class = SurveyFormChoiceForm
    header_icon = "form"
    page_title = gettext_lazy("Evaluatieformulier kiezen")

    @cached_property
    def event(self):
        return get_object_or_404(
            events_managed_by(user=self.request.user), pk=self.kwargs["event_pk"]
        )

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("evaluations_results:index"), "label": _("Evaluaties")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        survey = Survey.objects.filter(event=self.event).first()
        return {"form": survey.form if survey else None}

    def form_valid(self, form):
        try:
            services.survey_form_choose(
                event=self.event, form=form.cleaned_data["form"], actor=self.request.user
            )
        except EvaluationError as error:
            return form_refused(self, form, error)
        messages.success(self.request, _("Het evaluatieformulier is gekozen."))
        return redirect("evaluations_results:index")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "event": self.event,
            "cancel_url": reverse("evaluations_results:index"),
        }
