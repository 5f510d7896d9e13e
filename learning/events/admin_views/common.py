"""Presentation helpers and the actions a coordinator can take on one registration."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..models import (
    Registration,
    RegistrationStatus,
)


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
    "answers": _("Antwoorden gewijzigd"),
    "check_in": _("Ingecheckt"),
    "check_in_undo": _("Inchecken teruggedraaid"),
    "no_show": _("Niet verschenen"),
    "sessions": _("Sessies gewijzigd"),
    "session_seated": _("Plek in sessie gekregen van de wachtlijst"),
    "session_move": _("Verplaatst naar andere sessie"),
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
    RegistrationAction("attended", _("Aanwezig"), "check", (S.CONFIRMED, S.NO_SHOW)),
    RegistrationAction("not_attended", _("Niet aanwezig"), "minus", (S.ATTENDED,)),
)
ACTIONS_BY_NAME = {action.name: action for action in REGISTRATION_ACTIONS}
