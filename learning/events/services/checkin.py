"""Check-in at the door, its window, and the no-shows afterwards.

A confirmed seat becomes "attended" when the coordinator checks the person in (on the check-in
screen, by scanning their QR code, or in bulk from the registrations listing), and "no-show"
when the check-in window closed without it. Every change takes the event's row lock and writes
one RegistrationLog entry; a second tap changes nothing and logs nothing.
"""

from datetime import datetime, time, timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..models import (
    CHECKIN_STATUSES,
    EventPage,
    Registration,
    RegistrationStatus,
)
from .errors import RegistrationError, _error
from .locking import _lock_event
from .log import _log
from .rules import can_manage_event

# How a check-in was made: the log says which door it came through.
CHECKIN_VIA = {
    "scherm": _("via het incheckscherm"),
    "qr": _("via de QR-code"),
    "lijst": _("via de aanmeldingenlijst"),
    "correctie": _("correctie door de coördinator"),
}


def checkin_window(event: EventPage) -> tuple[datetime, datetime]:
    """When check-in opens (``checkin_opens_minutes`` before the start) and closes (midnight
    after the event's last day, Dutch time)."""
    opens = event.starts_at - timedelta(minutes=event.checkin_opens_minutes)
    zone = timezone.get_default_timezone()
    last_day = timezone.localtime(event.ends_at, zone).date()
    closes = timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min), zone)
    return opens, closes


def _moment(value: datetime) -> str:
    local = timezone.localtime(value, timezone.get_default_timezone())
    return date_format(local, "l j F Y, H:i")


def check_checkin_window(*, event: EventPage, now=None) -> None:
    """Refuse a check-in outside the window, naming when it opens or when it closed."""
    now = now or timezone.now()
    if event.cancelled:
        raise _error("event_cancelled")
    opens, closes = checkin_window(event)
    if now < opens:
        raise RegistrationError(
            "checkin_not_open",
            _("Inchecken kan nog niet. Het incheckscherm opent op %(moment)s uur.")
            % {"moment": _moment(opens)},
        )
    if now >= closes:
        raise RegistrationError(
            "checkin_closed",
            _("Inchecken is gesloten sinds %(moment)s uur.") % {"moment": _moment(closes)},
        )


def checkin_is_open(*, event: EventPage, now=None) -> bool:
    try:
        check_checkin_window(event=event, now=now)
    except RegistrationError:
        return False
    return True


def _no_seat(registration: Registration) -> RegistrationError:
    return RegistrationError(
        "checkin_no_seat",
        _(
            "Alleen wie een bevestigde plek heeft, kan inchecken. Deze aanmelding staat op "
            "‘%(status)s’."
        )
        % {"status": registration.get_status_display()},
    )


def _attendance_set(
    *, registration: Registration, actor, attended: bool, via: str, window: bool, now=None
) -> Registration:
    if via not in CHECKIN_VIA:
        raise ValueError(f"unknown check-in route {via!r}")
    if not can_manage_event(actor, registration.event):
        raise _error("forbidden")
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        if window:
            check_checkin_window(event=event, now=now)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        locked.event = event
        previous = locked.status
        if attended:
            if previous == RegistrationStatus.ATTENDED:
                return locked  # a second tap: the same state, nothing logged
            if previous not in CHECKIN_STATUSES:
                raise _no_seat(locked)
            locked.status = RegistrationStatus.ATTENDED
            locked.attended_at = now
        else:
            if previous in CHECKIN_STATUSES:
                return locked  # not checked in (any more): nothing to undo
            if previous != RegistrationStatus.ATTENDED:
                raise _no_seat(locked)
            locked.status = RegistrationStatus.CONFIRMED
            locked.attended_at = None
        locked.save(update_fields=["status", "attended_at", "updated_at"])
        _log(
            locked,
            actor=actor,
            action="check_in" if attended else "check_in_undo",
            from_status=previous,
            reason=CHECKIN_VIA[via],
        )
    return locked


def registration_check_in(*, registration: Registration, actor, via: str, now=None) -> Registration:
    """Check a confirmed participant in at the door (``via``: "scherm", "qr" or "lijst").

    Only a coordinator of the event, only inside the check-in window, only a confirmed seat
    (or a no-show who turns up late). Idempotent: checking in someone who is checked in
    returns the registration as it is, without a log entry or an error.
    """
    return _attendance_set(
        registration=registration, actor=actor, attended=True, via=via, window=True, now=now
    )


def registration_check_in_undo(
    *, registration: Registration, actor, via: str, now=None
) -> Registration:
    """Undo a check-in (back to confirmed), inside the check-in window. Idempotent as
    ``registration_check_in``."""
    return _attendance_set(
        registration=registration, actor=actor, attended=False, via=via, window=True, now=now
    )


def registrations_check_in(
    *, event: EventPage, registration_ids, actor, via: str = "lijst", now=None
) -> tuple[int, list[Registration]]:
    """Bulk check-in of ``registration_ids`` of ``event``, all or nothing within the window.

    Returns the number newly checked in and the registrations skipped because they hold no
    seat (waiting, cancelled): those are named to the coordinator, the rest go through.
    """
    if via not in CHECKIN_VIA:
        raise ValueError(f"unknown check-in route {via!r}")
    if not can_manage_event(actor, event):
        raise _error("forbidden")
    now = now or timezone.now()
    checked_in, skipped = 0, []
    with transaction.atomic():
        locked_event = _lock_event(event.pk)
        check_checkin_window(event=locked_event, now=now)
        registrations = (
            Registration.objects.select_for_update(of=("self",))
            .filter(event_id=event.pk, pk__in=list(registration_ids))
            .select_related("user")
            .order_by("pk")
        )
        for registration in registrations:
            if registration.status == RegistrationStatus.ATTENDED:
                continue
            if registration.status not in CHECKIN_STATUSES:
                skipped.append(registration)
                continue
            previous = registration.status
            registration.status = RegistrationStatus.ATTENDED
            registration.attended_at = now
            registration.save(update_fields=["status", "attended_at", "updated_at"])
            _log(
                registration,
                actor=actor,
                action="check_in",
                from_status=previous,
                reason=CHECKIN_VIA[via],
            )
            checked_in += 1
    return checked_in, skipped


def _mark_no_shows(event: EventPage, *, actor) -> int:
    marked = 0
    registrations = Registration.objects.select_for_update().filter(
        event_id=event.pk, status=RegistrationStatus.CONFIRMED
    )
    for registration in registrations:
        registration.status = RegistrationStatus.NO_SHOW
        registration.save(update_fields=["status", "updated_at"])
        _log(
            registration,
            actor=actor,
            action="no_show",
            from_status=RegistrationStatus.CONFIRMED,
        )
        marked += 1
    return marked


def event_mark_no_shows(*, event: EventPage, actor, now=None) -> int:
    """Coordinator: mark every confirmed participant who was not checked in as no-show, once
    the event has ended. Returns how many; running it again marks nobody twice."""
    if not can_manage_event(actor, event):
        raise _error("forbidden")
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_event(event.pk)
        if now < locked.ends_at:
            raise RegistrationError(
                "no_show_too_early",
                _("Niet-verschenen markeren kan pas na afloop, vanaf %(moment)s uur.")
                % {"moment": _moment(locked.ends_at)},
            )
        return _mark_no_shows(locked, actor=actor)


def no_shows_mark(*, now=None) -> int:
    """Beat task: for every event whose check-in window has closed, confirmed participants
    who were not checked in become no-shows. Safe to run twice (only "confirmed" changes)."""
    now = now or timezone.now()
    # The window closes at midnight after the last day: an event that ended more than a day
    # ago is certainly closed; one that ended today is checked by its own window.
    candidates = (
        EventPage.objects.filter(
            ends_at__lt=now,
            cancelled=False,
            registrations__status=RegistrationStatus.CONFIRMED,
        )
        .distinct()
        .only("pk", "starts_at", "ends_at", "checkin_opens_minutes")
    )
    marked = 0
    for event in candidates:
        if now < checkin_window(event)[1]:
            continue
        with transaction.atomic():
            locked = _lock_event(event.pk)
            marked += _mark_no_shows(locked, actor=None)
    return marked


def registration_for_checkin_code(*, token: str, event: EventPage, now=None) -> Registration:
    """The registration a scanned QR link (``notifications.checkin_url``) names, for the
    check-in of ``event``.

    Refuses a forged or damaged link (400), a link of another event (400), a link of a
    seat since handed over to someone else (400) and a link whose check-in window has closed
    (410). The event is the one the coordinator opened (they
    manage it: the view asks); the registration comes with ``event`` set.
    """
    try:
        data = signing.loads(token, salt=notifications.CHECKIN_SALT)
        registration_id, event_id, user_id = int(data["r"]), int(data["e"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise RegistrationError(
            "checkin_code_invalid",
            _(
                "Deze QR-code is ongeldig. Vraag de deelnemer om de code uit de e-mail of van "
                "‘Mijn aanmeldingen’, of zoek de naam op in het incheckscherm."
            ),
            status=400,
        ) from error
    if event_id != event.pk:
        raise RegistrationError(
            "checkin_code_other_event",
            _("Deze QR-code hoort bij een andere bijeenkomst dan %(title)s.")
            % {"title": event.title},
            status=400,
        )
    registration = (
        # The person too: after a handover the registration is the colleague's.
        Registration.objects.filter(pk=registration_id, event_id=event.pk, user_id=user_id)
        .select_related("user", "organisation")
        .first()
    )
    if registration is None:
        raise RegistrationError(
            "checkin_code_invalid",
            _("Deze QR-code hoort bij geen aanmelding (meer) voor deze bijeenkomst."),
            status=400,
        )
    closes = checkin_window(event)[1]
    if (now or timezone.now()) >= closes:
        raise RegistrationError(
            "checkin_code_expired",
            _("Deze QR-code is verlopen: inchecken voor %(title)s kon tot %(moment)s uur.")
            % {"title": event.title, "moment": _moment(closes)},
            status=410,
        )
    registration.event = event
    return registration
