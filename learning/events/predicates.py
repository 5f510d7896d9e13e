"""What a participant may do with their own registration: the rules templates and views ask.

Templates never compare status strings; they read a ``RegistrationActions``. The deadline rule
is the cancel service's own (``services.can_cancel_online``), so a button is offered exactly
when the service would accept the request.
"""

from dataclasses import dataclass

from django.utils import timezone

from .models import (
    CANCELLABLE_STATUSES,
    PARTICIPANT_STATUSES,
    Registration,
    RegistrationStatus,
    WaitReason,
)
from .services import (
    can_cancel_online,
    can_change_sessions_online,
    can_edit_answers_online,
    checkin_window,
)


@dataclass(frozen=True)
class RegistrationActions:
    """One registration seen by its own participant at one moment."""

    is_confirmed: bool
    is_attended: bool
    is_waitlisted: bool
    is_offered: bool
    waits_for_organisation_seat: bool
    waits_for_series_seat: bool
    waits_for_any_seat: bool
    is_upcoming: bool
    can_cancel: bool
    can_hand_over: bool
    can_see_online_url: bool
    can_edit_answers: bool
    can_change_sessions: bool
    is_no_show: bool
    shows_checkin_code: bool


def registration_is_upcoming(*, registration: Registration, now=None) -> bool:
    """Still to come and not yet attended: the participant may still change it."""
    now = now or timezone.now()
    return (
        registration.status not in (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
        and registration.event.ends_at >= now
    )


def registration_in_history(*, registration: Registration, now=None) -> bool:
    """On "Eerder" (the history) rather than "Komend": the event is over or does not take
    place, or the person was already marked present."""
    now = now or timezone.now()
    return (
        registration.event.ends_at < now
        or registration.event.cancelled
        or registration.status == RegistrationStatus.ATTENDED
    )


def registration_can_cancel(*, registration: Registration, now=None) -> bool:
    """The participant may cancel (or decline the offer, or leave the waiting list) online:
    an active registration before the cancellation deadline (the cancel service's rule)."""
    return registration.status in CANCELLABLE_STATUSES and can_cancel_online(
        event=registration.event, now=now
    )


def registration_can_edit_answers(*, registration: Registration, now=None) -> bool:
    """The participant may change their answers to the event's questions online: an active
    registration before the cancellation deadline (the answers service's rule)."""
    return can_edit_answers_online(registration=registration, now=now)


def registration_can_change_sessions(*, registration: Registration, now=None) -> bool:
    """The participant may change their sessions online: an active registration before the
    cancellation deadline (the sessions service's rule). Whether the event has sessions at
    all is the page's business."""
    return can_change_sessions_online(registration=registration, now=now)


def registration_can_hand_over(*, registration: Registration, now=None) -> bool:
    """The participant may offer their confirmed seat to a colleague of its organisation."""
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and registration.organisation_id is not None
        and registration_is_upcoming(registration=registration, now=now)
    )


def registration_shows_checkin_code(*, registration: Registration, now=None) -> bool:
    """A confirmed seat whose check-in window has not closed: the person's QR code for the
    door is shown (and works)."""
    now = now or timezone.now()
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and not registration.event.cancelled
        and now < checkin_window(registration.event)[1]
    )


def registration_actions(*, registration: Registration, now=None) -> RegistrationActions:
    """Every predicate for ``registration`` at once (no queries: the event is loaded)."""
    now = now or timezone.now()
    status = registration.status
    return RegistrationActions(
        is_confirmed=status == RegistrationStatus.CONFIRMED,
        is_attended=status == RegistrationStatus.ATTENDED,
        is_waitlisted=status == RegistrationStatus.WAITING,
        is_offered=status == RegistrationStatus.OFFERED,
        waits_for_organisation_seat=status == RegistrationStatus.WAITING
        and registration.wait_reason == WaitReason.ORGANISATION_FULL,
        waits_for_series_seat=status == RegistrationStatus.WAITING
        and registration.wait_reason == WaitReason.SERIES_FULL,
        waits_for_any_seat=status == RegistrationStatus.WAITING
        and registration.wait_reason == WaitReason.CAPACITY,
        is_upcoming=registration_is_upcoming(registration=registration, now=now),
        can_cancel=registration_can_cancel(registration=registration, now=now),
        can_hand_over=registration_can_hand_over(registration=registration, now=now),
        can_see_online_url=status in PARTICIPANT_STATUSES,
        can_edit_answers=registration_can_edit_answers(registration=registration, now=now),
        can_change_sessions=registration_can_change_sessions(registration=registration, now=now),
        is_no_show=status == RegistrationStatus.NO_SHOW,
        shows_checkin_code=registration_shows_checkin_code(registration=registration, now=now),
    )


@dataclass(frozen=True)
class RegistrationRow:
    """A registration with its actions, for listings such as "Mijn aanmeldingen"."""

    registration: Registration
    actions: RegistrationActions
    in_history: bool = False


def registration_rows(*, registrations, now=None) -> list[RegistrationRow]:
    now = now or timezone.now()
    return [
        RegistrationRow(
            registration=registration,
            actions=registration_actions(registration=registration, now=now),
            in_history=registration_in_history(registration=registration, now=now),
        )
        for registration in registrations
    ]
