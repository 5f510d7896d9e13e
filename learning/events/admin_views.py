"""The coordinators' back office in the Wagtail admin: registrations, their actions, a dashboard.

The views collect input and show results; every change goes through learning.events.services,
so the admin obeys the same rules (locks, audit log, e-mails) as the site.
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass

from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from learning.core.exports import LocalTimeExportMixin, local_datetime_label

from . import selectors, services
from .filters import event_choice_label
from .forms import CoordinatorReasonForm, EventMessageForm, HandoverForm
from .models import (
    SEAT_STATUSES,
    EventPage,
    Registration,
    RegistrationStatus,
)
from .services import RegistrationError

# --- Presentation helpers --------------------------------------------------------------------


def participant_label(registration: Registration) -> str:
    """Name and address of the person, or "geanonimiseerd" once the link is removed."""
    user = registration.user
    if user is None:
        return str(_("geanonimiseerd"))
    if user.full_name:
        return f"{user.full_name} ({user.email})"
    return user.email


def registrations_url(index_url_name: str, event_id: int) -> str:
    """The registrations listing, filtered on one event."""
    return f"{reverse(index_url_name)}?{urlencode({'event': event_id})}"


def outbox_url(event_id: int) -> str | None:
    """The outbox listing filtered on the event, if the outbox admin is installed."""
    try:
        return f"{reverse('outbox:index')}?{urlencode({'event': event_id})}"
    except NoReverseMatch:
        return None


def registrations_managed_by(user):
    """The registrations of the events ``user`` coordinates, with what the admin shows of them."""
    return Registration.objects.filter(
        event__in=selectors.events_managed_by(user=user).values("pk")
    ).select_related("event", "user", "organisation")


def fill_rate(taken: int, capacity: int) -> int | None:
    """Seats taken as a whole percentage of capacity; None for an event without seats."""
    if not capacity:
        return None
    return round(taken * 100 / capacity)


LOG_ACTION_LABELS = {
    "register": _("Aangemeld"),
    "cancel": _("Afgemeld"),
    "promote": _("Plek gekregen van de wachtlijst"),
    "accept_offer": _("Aanbod geaccepteerd"),
    "offer_expired": _("Aanbod verlopen"),
    "handover": _("Overgedragen aan collega"),
    "override_promote": _("Plek gegeven (overrule)"),
    "move": _("Verplaatst op de wachtlijst"),
    "attended": _("Aanwezig gemeld"),
    "not_attended": _("Aanwezigheid teruggedraaid"),
}


@dataclass(frozen=True)
class RegistrationAction:
    name: str
    label: str
    icon: str
    statuses: tuple[str, ...]
    needs_person: bool = False

    def applies_to(self, registration: Registration) -> bool:
        # Which buttons to offer; the service still decides whether the action is allowed.
        if self.needs_person and registration.user_id is None:
            return False
        return registration.status in self.statuses


S = RegistrationStatus
REGISTRATION_ACTIONS = (
    RegistrationAction("cancel", _("Afmelden"), "cross", (S.CONFIRMED, S.OFFERED, S.WAITING)),
    RegistrationAction(
        "promote",
        _("Plek geven (overrule)"),
        "arrow-up",
        (S.WAITING, S.OFFERED, S.CANCELLED),
        needs_person=True,
    ),
    RegistrationAction("move", _("Verplaatsen op wachtlijst"), "order", (S.WAITING,)),
    RegistrationAction(
        "handover",
        _("Overdragen aan collega"),
        "user",
        (S.CONFIRMED, S.OFFERED),
        needs_person=True,
    ),
    RegistrationAction("attended", _("Aanwezig"), "check", (S.CONFIRMED,)),
    RegistrationAction("not_attended", _("Niet aanwezig"), "minus", (S.ATTENDED,)),
)
ACTIONS_BY_NAME = {action.name: action for action in REGISTRATION_ACTIONS}


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
        # The first column names the person instead of printing the bare user object.
        return super()._get_title_column(field_name, ParticipantColumn, **kwargs)

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
        return OrderedDict((field, EXPORT_COLUMNS[field][1](item)) for field in self.list_export)

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
                "edit_url": reverse("wagtailadmin_pages:edit", args=(event.pk,)),
            }
        return context


class RegistrationInspectView(RegistrationActionLinksMixin, generic.InspectView):
    template_name = "events/admin/registration_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(registrations_managed_by(self.request.user), pk=self.pk)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "–"
        if isinstance(value, datetime.datetime):
            # The generic template's |localize would print UTC: show Dutch time.
            return local_datetime_label(value)
        return value

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
        statuses = dict(RegistrationStatus.choices)
        context["log_entries"] = [
            {
                "entry": entry,
                "action": LOG_ACTION_LABELS.get(entry.action, entry.action),
                "from_status": statuses.get(entry.from_status, entry.from_status),
                "to_status": statuses.get(entry.to_status, entry.to_status),
            }
            for entry in self.object.log_entries.select_related("actor")
        ]
        context["event_registrations_url"] = registrations_url(
            self.index_url_name, self.object.event_id
        )
        return context


# --- Actions on one registration -------------------------------------------------------------


class NoInputForm(forms.Form):
    """A confirmation without input (check-in)."""


class RegistrationActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """GET shows a confirmation form, POST calls the service.

    A refusal from the service (RegistrationError) comes back as a form error with status 409;
    an incomplete form with status 400. Success goes back to the listing of the event.
    """

    model = Registration
    permission_required = "change"
    template_name = "events/admin/registration_action.html"
    header_icon = "group"
    index_url_name = None
    inspect_url_name = None
    action_name = ""
    form_class = CoordinatorReasonForm
    explanation = ""
    warning = ""
    submit_label = _("Bevestigen")

    @cached_property
    def action(self) -> RegistrationAction:
        return ACTIONS_BY_NAME[self.action_name]

    @cached_property
    def object(self) -> Registration:
        # Another section's registration does not exist here: 404 for GET and POST alike.
        return get_object_or_404(registrations_managed_by(self.request.user), pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.action.label

    def get_page_subtitle(self):
        return participant_label(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Registration._meta.verbose_name_plural),
            },
            {
                "url": reverse(self.inspect_url_name, args=(quote(self.object.pk),)),
                "label": participant_label(self.object),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "position" in form.fields and self.action_name != "move":
            del form.fields["position"]
        return form

    def get_success_url(self):
        return registrations_url(self.index_url_name, self.object.event_id)

    def perform(self, data) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if refused := self.refuse_stale():
            return refused
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if refused := self.refuse_stale():
            return refused
        return super().post(request, *args, **kwargs)

    def refuse_stale(self):
        """The listing may be out of date: offer an action only for the status it fits."""
        if self.action.applies_to(self.object):
            return None
        form = NoInputForm(data={})
        form.full_clean()
        form.add_error(
            None,
            _("Dit kan niet bij een aanmelding met de status ‘%(status)s’.")
            % {"status": self.object.get_status_display()},
        )
        return self.render_to_response(self.get_context_data(form=form, refused=True), status=409)

    def form_valid(self, form):
        try:
            message = self.perform(form.cleaned_data)
        except RegistrationError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "participant": participant_label(self.object),
                "event_label": event_choice_label(self.object.event),
                "explanation": self.explanation,
                "warning": self.warning,
                "submit_label": self.submit_label,
                "cancel_url": self.get_success_url(),
            }
        )
        return context


class CancelView(RegistrationActionView):
    action_name = "cancel"
    explanation = _(
        "De deelnemer wordt afgemeld en krijgt daarover een e-mail. Een vrijgekomen plek gaat "
        "naar de eerste op de wachtlijst die past."
    )
    submit_label = _("Afmelden")

    def perform(self, data):
        services.registration_cancel(
            registration=self.object, actor=self.request.user, reason=data["reason"]
        )
        return _("%(name)s is afgemeld.") % {"name": participant_label(self.object)}


class PromoteView(RegistrationActionView):
    action_name = "promote"
    warning = _(
        "Dit is een overrule: de deelnemer krijgt een plek, ook als de bijeenkomst vol is of "
        "het maximum per organisatie is bereikt. Het aantal plaatsen en het maximum per "
        "organisatie gelden hier niet. De reden komt in het logboek."
    )
    submit_label = _("Plek geven (overrule)")

    def perform(self, data):
        services.registration_promote(
            registration=self.object, actor=self.request.user, reason=data["reason"]
        )
        return _("%(name)s heeft een plek gekregen (overrule).") % {
            "name": participant_label(self.object)
        }


class MoveView(RegistrationActionView):
    action_name = "move"
    explanation = _("Plek 1 is de eerste op de wachtlijst.")
    submit_label = _("Verplaatsen")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["position"].required = True
        return form

    def get_initial(self):
        return {"position": selectors.waiting_position(registration=self.object)}

    def perform(self, data):
        services.registration_move(
            registration=self.object,
            actor=self.request.user,
            position=data["position"],
            reason=data["reason"],
        )
        return _("%(name)s is verplaatst op de wachtlijst.") % {
            "name": participant_label(self.object)
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["waiting_position"] = selectors.waiting_position(registration=self.object)
        return context


class HandoverView(RegistrationActionView):
    action_name = "handover"
    form_class = HandoverForm
    explanation = _(
        "De plek gaat naar een collega van dezelfde organisatie met een account en een "
        "bevestigd e-mailadres. Beiden krijgen een e-mail; de overdracht komt in het logboek."
    )
    submit_label = _("Overdragen")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].label = _("E-mailadres van de collega")
        return form

    def perform(self, data):
        registration = services.registration_handover(
            registration=self.object, to_email=data["email"], actor=self.request.user
        )
        return _("De plek is overgedragen aan %(name)s.") % {
            "name": participant_label(registration)
        }


class AttendedView(RegistrationActionView):
    action_name = "attended"
    form_class = NoInputForm
    attended = True
    explanation = _("Meld de deelnemer aanwezig.")
    submit_label = _("Aanwezig")

    def perform(self, data):
        services.registration_set_attended(
            registration=self.object, actor=self.request.user, attended=self.attended
        )
        if self.attended:
            return _("%(name)s is aanwezig gemeld.") % {"name": participant_label(self.object)}
        return _("%(name)s staat weer als niet aanwezig.") % {
            "name": participant_label(self.object)
        }


class NotAttendedView(AttendedView):
    action_name = "not_attended"
    attended = False
    explanation = _("Draai de aanwezigheid terug: de deelnemer staat weer als bevestigd.")
    submit_label = _("Niet aanwezig")


# --- Per event -------------------------------------------------------------------------------


class EventMessageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """One e-mail to every confirmed participant of an event, through the outbox."""

    model = Registration
    permission_required = "change"
    template_name = "events/admin/event_message.html"
    form_class = EventMessageForm
    header_icon = "mail"
    page_title = _("Bericht aan deelnemers")
    index_url_name = None

    @cached_property
    def event(self) -> EventPage:
        return get_object_or_404(
            selectors.events_managed_by(user=self.request.user), pk=self.kwargs["event_pk"]
        )

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Registration._meta.verbose_name_plural),
            },
            {"url": self.get_success_url(), "label": self.event.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self):
        return registrations_url(self.index_url_name, self.event.pk)

    def form_valid(self, form):
        try:
            count = services.event_message_send(
                event=self.event,
                actor=self.request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except RegistrationError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        buttons = []
        if url := outbox_url(self.event.pk):
            buttons.append(messages.button(url, _("Bekijk de e-mails")))
        messages.success(
            self.request,
            _("Het bericht staat in de wachtrij voor %(count)s deelnemers.") % {"count": count},
            buttons=buttons,
        )
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "event": self.event,
                "event_label": event_choice_label(self.event),
                "cancel_url": self.get_success_url(),
                "outbox_url": outbox_url(self.event.pk),
            }
        )
        return context


# --- Dashboard -------------------------------------------------------------------------------


def events_upcoming_with_seats(*, user, limit: int = 10):
    """The next live events ``user`` coordinates, with seats taken and waiting list; one query."""
    return (
        selectors.events_managed_by(user=user)
        .live()
        .filter(ends_at__gte=timezone.now())
        .annotate(
            seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES)),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .only("pk", "title", "starts_at", "ends_at", "capacity", "cancelled")
        .order_by("starts_at", "pk")[:limit]
    )


class UpcomingEventsPanel(Component):
    """Dashboard panel: the next ten events, how full they are and how long the waiting list."""

    name = "upcoming_events"
    template_name = "events/admin/upcoming_events_panel.html"
    order = 50

    def __init__(self, *, index_url_name: str):
        self.index_url_name = index_url_name

    @staticmethod
    def is_shown_to(user) -> bool:
        return policy_registry.get_by_type(Registration).user_has_any_permission(
            user, ["view", "change"]
        )

    def get_context_data(self, parent_context):
        rows = [
            {
                "event": event,
                "taken": event.seats_taken,
                "capacity": event.capacity,
                "fill_rate": fill_rate(event.seats_taken, event.capacity),
                "waiting": event.waiting_count,
                "registrations_url": registrations_url(self.index_url_name, event.pk),
            }
            for event in events_upcoming_with_seats(user=parent_context["request"].user)
        ]
        return {"rows": rows, "index_url": reverse(self.index_url_name)}
