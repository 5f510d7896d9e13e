"""Sessions of an event, for its coordinators: how many people go to which room, the list
per session (export and a printable room list), and moving people between sessions with a
reason in the log. Only for coordinators of the event (another section's event: 404), as
the check-in screens (``CheckinEventMixin``). Changes go through
``services.session_choice_move``.
"""

from collections import OrderedDict

from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from learning.core.exports import LocalTimeExportMixin

from .. import services, timetable
from ..filters import event_choice_label
from ..models import Registration
from ..services import RegistrationError
from .checkin import CheckinEventMixin, _person_name
from .common import registrations_url

FORMATS = (SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX)


class SessionExport(LocalTimeExportMixin, SpreadsheetExportMixin):
    """One row per person per session: round, session, room, seat or place in the queue,
    the person and when they chose. Moments in Dutch local time."""

    list_export = [
        "round",
        "session",
        "room",
        "status",
        "position",
        "name",
        "email",
        "organisation",
        "chosen_at",
    ]

    def __init__(self, *, filename: str):
        self.export_filename = filename
        self.export_headings = {
            "round": _("Ronde"),
            "session": _("Sessie"),
            "room": _("Zaal"),
            "status": _("Status"),
            "position": _("Plek op de wachtlijst"),
            "name": _("Naam"),
            "email": _("E-mailadres"),
            "organisation": _("Organisatie"),
            "chosen_at": _("Gekozen op"),
        }

    def to_row_dict(self, item):
        registration = item.registration
        user = registration.user
        return OrderedDict(
            round=item.round.title,
            session=item.session.title,
            room=item.session.room,
            status=item.get_status_display(),
            position=item.queue_position or "",
            name=_person_name(registration),
            email=user.email if user else "",
            organisation=registration.organisation.name if registration.organisation else "",
            chosen_at=item.created_at,
        )


class SessionEventMixin(CheckinEventMixin):
    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Registration._meta.verbose_name_plural),
            },
            {
                "url": registrations_url(self.index_url_name, self.event.pk),
                "label": self.event.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def export_response(self, choices, *, filename: str):
        export_format = self.request.GET.get("export")
        if export_format is None:
            return None
        if export_format not in FORMATS:
            raise Http404
        return SessionExport(filename=filename).as_spreadsheet(choices, export_format)


class SessionsOverviewView(SessionEventMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every session of the event with its seats and waiting list, and the links to its list,
    room list and export; ``?export=csv|xlsx`` exports all sessions at once."""

    template_name = "events/admin/sessions.html"
    header_icon = "table"
    page_title = gettext_lazy("Sessies")

    def get_page_subtitle(self):
        return self.event.title

    def get(self, request, *args, **kwargs):
        choices = timetable.event_choices_for_export(event=self.event)
        if (response := self.export_response(choices, filename="sessies")) is not None:
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "event": self.event,
                "event_label": event_choice_label(self.event),
                "timetable": timetable.event_timetable(event=self.event),
                "registrations_url": registrations_url(self.index_url_name, self.event.pk),
                "session_url_name": f"{self.url_namespace}:session",
                "room_list_url_name": f"{self.url_namespace}:session_room_list",
                "export_url": self.url("sessions"),
            }
        )
        return context


class SessionMoveForm(forms.Form):
    """Move one person to another session of the same round, with a reason for the log."""

    registration = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    to_session = forms.TypedChoiceField(label=gettext_lazy("Naar sessie"), coerce=int)
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=500,
        error_messages={"required": gettext_lazy("Geef een reden op; die komt in het logboek.")},
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_session"].choices = [(session.pk, session.title) for session in targets]
        self.fields["to_session"].error_messages["invalid_choice"] = gettext_lazy(
            "Kies een van de andere sessies in deze ronde."
        )


class SessionDetailView(SessionEventMixin, WagtailAdminTemplateMixin, TemplateView):
    """One session: who holds a seat (by surname), who waits (in queue order), a form per
    person to move them; ``?export=csv|xlsx``; POST moves someone."""

    template_name = "events/admin/session.html"
    header_icon = "group"

    @cached_property
    def session(self):
        session = timetable.event_session_for(event=self.event, session_id=self.kwargs["pk"])
        if session is None:
            raise Http404
        return session

    @cached_property
    def targets(self):
        return [
            other
            for other in timetable.round_sessions(event_round=self.session.round)
            if other.pk != self.session.pk
        ]

    def get_page_title(self):
        return self.session.title

    def get_page_subtitle(self):
        return self.event.title

    def get(self, request, *args, **kwargs):
        people = timetable.session_participants(session=self.session)
        choices = [*people.seated, *people.waiting]
        for choice in choices:
            choice.round = self.session.round
            choice.session = self.session
        filename = f"sessie-{self.session.pk}"
        if (response := self.export_response(choices, filename=filename)) is not None:
            return response
        return self.render_to_response(self.get_context_data(people=people))

    def post(self, request, *args, **kwargs):
        form = SessionMoveForm(request.POST, targets=self.targets)
        people = timetable.session_participants(session=self.session)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(people=people, move_form=form), status=400
            )
        registration = next(
            (
                choice.registration
                for choice in (*people.seated, *people.waiting)
                if choice.registration_id == form.cleaned_data["registration"]
            ),
            None,
        )
        if registration is None:
            form.add_error(None, _("Deze persoon staat (niet meer) in deze sessie."))
            return self.render_to_response(
                self.get_context_data(people=people, move_form=form), status=409
            )
        registration.event = self.event
        target = next(s for s in self.targets if s.pk == form.cleaned_data["to_session"])
        try:
            services.session_choice_move(
                registration=registration,
                to_session=target,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except RegistrationError as error:
            form.add_error(None, error.message)
            return self.render_to_response(
                self.get_context_data(people=people, move_form=form), status=error.status
            )
        messages.success(
            request,
            _("%(name)s is verplaatst naar ‘%(session)s’.")
            % {"name": _person_name(registration), "session": target.title},
        )
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = kwargs["people"]
        context.update(
            {
                "event": self.event,
                "event_label": event_choice_label(self.event),
                "session": self.session,
                "seated": [(choice, _person_name(choice.registration)) for choice in people.seated],
                "waiting": [
                    (choice, _person_name(choice.registration)) for choice in people.waiting
                ],
                "targets": self.targets,
                "move_form": kwargs.get("move_form"),
                "overview_url": self.url("sessions"),
                "room_list_url": reverse(
                    f"{self.url_namespace}:session_room_list",
                    args=(self.event.pk, self.session.pk),
                ),
            }
        )
        return context


class RoomListView(SessionEventMixin, View):
    """The printable list of a session for its room: A4, by surname, a column to sign."""

    template_name = "events/admin/room_list.html"

    def get(self, request, *args, **kwargs):
        session = timetable.event_session_for(event=self.event, session_id=self.kwargs["pk"])
        if session is None:
            raise Http404
        people = timetable.session_participants(session=session)
        rows = [
            {
                "name": _person_name(choice.registration),
                "organisation": (
                    choice.registration.organisation.name
                    if choice.registration.organisation
                    else ""
                ),
            }
            for choice in people.seated
        ]
        return TemplateResponse(
            request,
            self.template_name,
            {
                "event": self.event,
                "session": session,
                "rows": rows,
                "waiting": len(people.waiting),
                "overview_url": self.url("sessions"),
            },
        )
