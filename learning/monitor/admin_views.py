"""Monitor screens in the Wagtail admin for coordinators: responses, answers, participation.

Responses and answers are read-only here (they change only through the services); both
listings filter, search and export to CSV and XLSX with Wagtail's own export.
"""

from collections import OrderedDict

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Avg
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learning.core.exports import LocalTimeExportMixin
from learning.organisations.models import Organisation, OrganisationKind

from . import selectors, services
from .models import Answer, Level, MonitorTheme, Response, ResponseStatus, Round


def _score(value):
    return round(value, 2) if value is not None else ""


RESPONSE_EXPORT = {
    "round": (_("Ronde"), lambda r: r.round.title),
    "organisation": (_("Organisatie"), lambda r: r.organisation.display_name),
    "cbs_code": (_("CBS-code"), lambda r: r.organisation.cbs_code or ""),
    "province": (
        _("Provincie"),
        lambda r: r.organisation.province.name if r.organisation.province else "",
    ),
    "status": (_("Status"), lambda r: r.get_status_display()),
    "mean_score": (_("Gemiddelde score"), lambda r: _score(r.mean_score)),
    "version": (_("Versie"), lambda r: r.version),
    "updated_at": (_("Laatst opgeslagen op"), lambda r: r.updated_at or ""),
    "submitted_at": (_("Ingediend op"), lambda r: r.submitted_at or ""),
    "submitted_by": (_("Ingediend door"), lambda r: str(r.submitted_by or "")),
}

ANSWER_EXPORT = {
    "round": (_("Ronde"), lambda a: a.response.round.title),
    "organisation": (_("Organisatie"), lambda a: a.response.organisation.display_name),
    "cbs_code": (_("CBS-code"), lambda a: a.response.organisation.cbs_code or ""),
    "province": (
        _("Provincie"),
        lambda a: a.response.organisation.province.name if a.response.organisation.province else "",
    ),
    "status": (_("Status"), lambda a: a.response.get_status_display()),
    "question": (_("Vraag"), lambda a: a.question.text),
    "level": (_("Niveau"), lambda a: a.question.get_level_display()),
    "theme": (_("Onderwerp"), lambda a: a.question.get_theme_display()),
    "score": (_("Score"), lambda a: "" if a.score is None else a.score),
    "explanation": (_("Toelichting"), lambda a: a.explanation),
}


def _provinces(request):
    return Organisation.objects.filter(kind=OrganisationKind.PROVINCIE)


class ResponseFilterSet(WagtailFilterSet):
    round = django_filters.ModelChoiceFilter(label=_("Ronde"), queryset=Round.objects.all())
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ResponseStatus.choices, empty_label=_("Alle")
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"), field_name="organisation__province", queryset=_provinces
    )

    class Meta:
        model = Response
        fields = ["round", "status", "province"]


class AnswerFilterSet(WagtailFilterSet):
    round = django_filters.ModelChoiceFilter(
        label=_("Ronde"), field_name="response__round", queryset=Round.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="response__status",
        choices=ResponseStatus.choices,
        empty_label=_("Alle"),
    )
    level = django_filters.ChoiceFilter(
        label=_("Niveau"), field_name="question__level", choices=Level.choices
    )
    theme = django_filters.ChoiceFilter(
        label=_("Onderwerp"), field_name="question__theme", choices=MonitorTheme.choices
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"), field_name="response__organisation__province", queryset=_provinces
    )

    class Meta:
        model = Answer
        fields = ["round", "status", "level", "theme", "province"]


class _ExportMixin(LocalTimeExportMixin):
    export_columns: dict = {}

    def to_row_dict(self, item):
        return OrderedDict(
            (field, self.export_columns[field][1](item)) for field in self.list_export
        )


class ResponseIndexView(_ExportMixin, generic.IndexView):
    export_columns = RESPONSE_EXPORT

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("round", "organisation", "organisation__province", "submitted_by")
            .annotate(mean_score=Avg("answers__score"))
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_submitted and services.is_coordinator(self.request.user):
            buttons.append(
                MenuItem(
                    _("Heropenen"),
                    url=reverse("monitor_responses:reopen", args=[instance.pk]),
                    icon_name="undo",
                    priority=10,
                )
            )
        return buttons


class AnswerIndexView(_ExportMixin, generic.IndexView):
    export_columns = ANSWER_EXPORT

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related(
                "question",
                "response",
                "response__round",
                "response__organisation",
                "response__organisation__province",
            )
        )


class ParticipationView(WagtailAdminTemplateMixin, TemplateView):
    """Per round: how many municipalities per province took part and submitted."""

    template_name = "monitor/admin/participation.html"
    page_title = _("Deelname aan de monitor per provincie")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("monitor.view_response"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rounds = list(Round.objects.order_by("-year", "-opens_on"))
        chosen = None
        wanted = self.request.GET.get("ronde", "")
        if wanted.isdecimal() and len(wanted) < 10:
            chosen = next((r for r in rounds if r.pk == int(wanted)), None)
        chosen = chosen or (rounds[0] if rounds else None)
        rows = selectors.participation_per_province(round=chosen) if chosen else []
        context.update(
            {
                "rounds": rounds,
                "chosen": chosen,
                "rows": rows,
                "totals": {
                    "municipalities": sum(row.municipalities for row in rows),
                    "participating": sum(row.participating for row in rows),
                    "submitted": sum(row.submitted for row in rows),
                },
            }
        )
        return context


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        error_messages={"required": _("Geef een reden op; die komt in het logboek.")},
    )


class ReopenView(WagtailAdminTemplateMixin, FormView):
    """Coordinators turn a submitted response back into a draft, with a reason."""

    template_name = "monitor/admin/reopen.html"
    form_class = ReopenForm
    page_title = _("Ingevulde monitor heropenen")
    header_icon = "form"
    index_url_name = "monitor_responses:index"

    def dispatch(self, request, *args, **kwargs):
        if not services.is_coordinator(request.user):
            raise PermissionDenied
        self.response = get_object_or_404(
            Response.objects.select_related("round", "organisation"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(self.index_url_name), "label": _("Ingevulde monitors")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            response=self.response, cancel_url=reverse(self.index_url_name), **kwargs
        )

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        try:
            services.response_reopen(
                response=self.response, actor=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.MonitorError as refused:
            form.add_error(None, refused.message)
            response = self.form_invalid(form)
            response.status_code = 409
            return response
        messages.success(
            self.request,
            _("De monitor van %(organisation)s is heropend.")
            % {"organisation": self.response.organisation.display_name},
        )
        return redirect(self.index_url_name)
