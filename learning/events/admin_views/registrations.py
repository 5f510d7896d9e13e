"""The registrations listing (with its CSV/XLSX export) and the inspect view."""

from collections import OrderedDict

from django.contrib.admin.utils import quote
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from learning.core.admin import AuditTrailInspectMixin, LocalTimeInspectMixin
from learning.core.exports import LocalTimeExportMixin, spreadsheet_safe

from .. import selectors, timetable
from ..filters import event_choice_label
from ..models import (
    EventPage,
    Registration,
    RegistrationAnswer,
    RegistrationStatus,
)
from .common import (
    LOG_ACTION_LABELS,
    REGISTRATION_ACTIONS,
    RegistrationAction,
    fill_rate,
    outbox_url,
    participant_label,
    registrations_managed_by,
    registrations_url,
)

# The export: one row per registration, with the columns coordinators report on.
EXPORT_COLUMNS = {
    "event_title": (_("Bijeenkomst"), lambda r: r.event.title),
    "event_starts_at": (_("Begint op"), lambda r: r.event.starts_at),
    "name": (_("Naam"), lambda r: r.user.full_name if r.user else _("geanonimiseerd")),
    "email": (_("E-mailadres"), lambda r: r.user.email if r.user else ""),
    "organisation": (_("Organisatie"), lambda r: r.organisation.name if r.organisation else ""),
    "organisation_kind": (
        _("Soort organisatie"),
        lambda r: r.organisation.get_kind_display() if r.organisation else "",
    ),
    "cbs_code": (
        _("CBS-code"),
        lambda r: (r.organisation.cbs_code or "") if r.organisation else "",
    ),
    "job_role": (_("Rol"), lambda r: r.get_job_role_display()),
    "status": (_("Status"), lambda r: r.get_status_display()),
    "wait_reason": (_("Reden wachtlijst"), lambda r: r.get_wait_reason_display()),
    "queue_position": (_("Plek in de rij"), lambda r: r.queue_position),
    "created_at": (_("Aangemeld op"), lambda r: r.created_at),
    "confirmed_at": (_("Bevestigd op"), lambda r: r.confirmed_at),
    "cancelled_at": (_("Afgemeld op"), lambda r: r.cancelled_at),
    "attended_at": (_("Aanwezig gemeld op"), lambda r: r.attended_at),
}


# The answers to the registration questions. Filtered on one event, the export has a column
# per question of that event (its text as the heading). Listing several events, whose
# questions differ, it has one column "Antwoorden" with "question: answer" per answer, so a
# column never mixes the answers to different questions.
ANSWERS_COLUMN = "answers"
SESSIONS_COLUMN = "sessions"
QUESTION_COLUMN_PREFIX = "question_"


def _answers_of(registration: Registration) -> dict[int, RegistrationAnswer]:
    return {answer.question_id: answer for answer in registration.answers.all()}


def answers_cell(registration: Registration) -> str:
    return "; ".join(
        f"{answer.question.text}: {answer.display}"
        for answer in sorted(
            registration.answers.all(), key=lambda a: (a.question.sort_order or 0, a.pk)
        )
    )


# --- Listing and inspect ---------------------------------------------------------------------


class ParticipantColumn(TitleColumn):
    """Who registered: the name linked to the registration, the address below it."""

    cell_template_name = "events/admin/participant_cell.html"

    def get_value(self, instance):
        user = instance.user
        if user is None:
            return str(_("geanonimiseerd"))
        return user.full_name or user.email

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        user = instance.user
        context["email"] = user.email if user and user.full_name else ""
        return context


class EventColumn(Column):
    def __init__(self, **kwargs):
        super().__init__(
            "event",
            label=kwargs.pop("label", _("Bijeenkomst")),
            accessor=lambda registration: event_choice_label(registration.event),
            sort_key=kwargs.pop("sort_key", "event__starts_at"),
            **kwargs,
        )


class RegistrationActionLinksMixin:
    url_namespace = None

    def action_url(self, action: RegistrationAction, registration: Registration) -> str:
        return reverse(f"{self.url_namespace}:{action.name}", args=(quote(registration.pk),))

    def actions_for(self, registration: Registration) -> list[RegistrationAction]:
        if not self.user_has_permission("change"):
            return []
        return [action for action in REGISTRATION_ACTIONS if action.applies_to(registration)]


class RegistrationIndexView(RegistrationActionLinksMixin, LocalTimeExportMixin, generic.IndexView):
    template_name = "events/admin/registration_index.html"
    results_template_name = "events/admin/registration_index_results.html"
    message_url_name = None

    def get_base_queryset(self):
        # Only the registrations of the events this person coordinates, listing and exports.
        return (
            super()
            .get_base_queryset()
            .filter(event__in=selectors.events_managed_by(user=self.request.user).values("pk"))
            .select_related("event", "user", "organisation")
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The first column names the person instead of printing the bare user object; its id
        # describes the row's bulk-action checkbox for screen readers.
        kwargs.setdefault(
            "get_title_id", lambda registration: f"registration_{registration.pk}_title"
        )
        return super()._get_title_column(field_name, ParticipantColumn, **kwargs)

    @cached_property
    def columns(self):
        columns = super().columns
        if self.is_export or not self.user_has_permission("change"):
            return columns
        # Select rows for a bulk action ("Aanwezig": admin_views.bulk).
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="registration"), *columns]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, action in enumerate(self.actions_for(instance), start=1):
            buttons.append(
                MenuItem(
                    action.label,
                    url=self.action_url(action, instance),
                    icon_name=action.icon,
                    priority=priority,
                )
            )
        return buttons

    def to_row_dict(self, item):
        row = OrderedDict(
            (field, EXPORT_COLUMNS[field][1](item))
            for field in self.list_export
            if field in EXPORT_COLUMNS
        )
        if SESSIONS_COLUMN in self.list_export:
            row[SESSIONS_COLUMN] = timetable.registration_sessions_label(
                registration=item, with_queue=True
            )
        if ANSWERS_COLUMN in self.list_export:
            row[ANSWERS_COLUMN] = answers_cell(item)
        else:
            answers = _answers_of(item)
            for question in self.export_questions:
                answer = answers.get(question.pk)
                row[f"{QUESTION_COLUMN_PREFIX}{question.pk}"] = answer.display if answer else ""
        return row

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The answer columns (see ANSWERS_COLUMN), and the answers with their questions in
        # two queries for the whole export.
        event = self.filtered_event
        self.export_questions = selectors.event_questions(event=event) if event else []
        self.list_export = [*self.list_export]
        self.export_headings = {**self.export_headings}
        # The sessions each person holds or waits for (one column, as on the door list).
        self.list_export.append(SESSIONS_COLUMN)
        self.export_headings[SESSIONS_COLUMN] = _("Sessies")
        if event is None:
            self.list_export.append(ANSWERS_COLUMN)
            self.export_headings[ANSWERS_COLUMN] = _("Antwoorden")
        for question in self.export_questions:
            column = f"{QUESTION_COLUMN_PREFIX}{question.pk}"
            self.list_export.append(column)
            # An editor's text: the heading row is written as it is, in CSV and in XLSX.
            self.export_headings[column] = spreadsheet_safe(question.text)
        queryset = timetable.with_session_choices(
            queryset.prefetch_related(
                Prefetch("answers", queryset=RegistrationAnswer.objects.select_related("question"))
            )
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    @cached_property
    def filtered_event(self) -> EventPage | None:
        if not (self.filters and self.filters.is_valid()):
            return None
        event = self.filters.form.cleaned_data.get("event")
        return EventPage.objects.get(pk=event.pk) if event else None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.filtered_event and not self.is_export:
            event = self.filtered_event
            summary = selectors.event_seat_summary(event=event)
            context["event_summary"] = {
                "event": event,
                "seats": summary,
                "fill_rate": fill_rate(summary.taken, summary.capacity),
                "message_url": (
                    reverse(self.message_url_name, args=(event.pk,))
                    if self.user_has_permission("change")
                    else None
                ),
                "outbox_url": outbox_url(event.pk),
                **(
                    {
                        "checkin_url": reverse(f"{self.url_namespace}:checkin", args=(event.pk,)),
                        "door_list_url": reverse(
                            f"{self.url_namespace}:door_list", args=(event.pk,)
                        ),
                        "no_shows_url": reverse(f"{self.url_namespace}:no_shows", args=(event.pk,)),
                        "sessions_url": (
                            reverse(f"{self.url_namespace}:sessions", args=(event.pk,))
                            if selectors.event_has_rounds(event=event)
                            else None
                        ),
                    }
                    if self.user_has_permission("change")
                    else {}
                ),
                "edit_url": reverse("wagtailadmin_pages:edit", args=(event.pk,)),
                "answers": selectors.event_answer_summary(event=event),
            }
        return context


class RegistrationInspectView(
    RegistrationActionLinksMixin,
    AuditTrailInspectMixin,
    LocalTimeInspectMixin,
    generic.InspectView,
):
    template_name = "events/admin/registration_inspect.html"
    audit_actions = LOG_ACTION_LABELS
    audit_statuses = dict(RegistrationStatus.choices)

    def get_object(self, queryset=None):
        return get_object_or_404(registrations_managed_by(self.request.user), pk=self.pk)

    def get_user_display_value(self):
        return participant_label(self.object)

    def get_event_display_value(self):
        return event_choice_label(self.object.event)

    def get_page_subtitle(self):
        return participant_label(self.object)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for priority, action in enumerate(self.actions_for(self.object), start=1):
            buttons.append(
                Button(
                    action.label,
                    url=self.action_url(action, self.object),
                    icon_name=action.icon,
                    priority=priority,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event_registrations_url"] = registrations_url(
            self.index_url_name, self.object.event_id
        )
        context["answer_rows"] = selectors.answer_rows(registration=self.object)
        return context
