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
from .services import can_cancel_online


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


def registration_is_upcoming(*, registration: Registration, now=None) -> bool:
    """Still to come and not yet attended: the participant may still change it."""
    now = now or timezone.now()
    return registration.status != RegistrationStatus.ATTENDED and registration.event.ends_at >= now


def registration_can_cancel(*, registration: Registration, now=None) -> bool:
    """The participant may cancel (or decline the offer, or leave the waiting list) online:
    an active registration before the cancellation deadline (the cancel service's rule)."""
    return registration.status in CANCELLABLE_STATUSES and can_cancel_online(
        event=registration.event, now=now
    )


def registration_can_hand_over(*, registration: Registration, now=None) -> bool:
    """The participant may offer their confirmed seat to a colleague of its organisation."""
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and registration.organisation_id is not None
        and registration_is_upcoming(registration=registration, now=now)
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
    )


@dataclass(frozen=True)
class RegistrationRow:
    """A registration with its actions, for listings such as "Mijn aanmeldingen"."""

    registration: Registration
    actions: RegistrationActions


def registration_rows(*, registrations, now=None) -> list[RegistrationRow]:
    now = now or timezone.now()
    return [
        RegistrationRow(
            registration=registration,
            actions=registration_actions(registration=registration, now=now),
        )
        for registration in registrations
    ]
