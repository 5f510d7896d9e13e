"""The waiting list: free seats go to the first waiting people who fit, offers expire."""

from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..models import (
    EventPage,
    PromotionMode,
    Registration,
    RegistrationStatus,
    WaitReason,
)
from ..seat_groups import seat_group_lock
from .locking import (
    _group_full_for,
    _group_seat_holders,
    _lock_event,
    _organisation_full,
    _seat_counts,
)
from .log import _log
from .sessions import registration_sessions_release, registrations_sessions_seat


def _leave_waiting_list(registration: Registration) -> None:
    """A registration that leaves the waiting list (a seat, an offer, a cancellation) keeps no
    place in it: a stale ``queue_position`` would show on a confirmed seat and in exports.
    Every path out of the list goes through here; the caller saves."""
    registration.queue_position = None
    registration.wait_reason = ""


def waitlist_fill(*, event: EventPage, actor=None, now=None) -> list[Registration]:
    """Give free seats to the first waiting people who fit the rules (rules 4, 5, 7, 9).

    Direct promotion confirms them; offer mode offers the seat for the event's offer window.
    Waiting reasons are brought up to date for everyone who stays on the list. Safe to call
    at any time: with no free seat it changes nothing.

    For an event in a series with a limit per organisation (``learning.events.seat_groups``)
    the whole series is filled, event by event in order of pk after the series' lock: a seat
    given up in one masterclass may let a colleague waiting in another one in.
    """
    now = now or timezone.now()
    with transaction.atomic():
        group = seat_group_lock(event)
        if group is None or not group.limits:
            return _fill(_lock_event(event.pk), group=None, actor=actor, now=now)
        promoted: list[Registration] = []
        for event_id in sorted(group.event_ids):
            promoted += _fill(_lock_event(event_id), group=group, actor=actor, now=now)
        return promoted


def _fill(locked: EventPage, *, group, actor, now) -> list[Registration]:
    promoted: list[Registration] = []
    total, per_organisation = _seat_counts(locked)
    holders = _group_seat_holders(group)
    waiting = list(
        Registration.objects.select_for_update()
        .filter(event=locked, status=RegistrationStatus.WAITING)
        .order_by("queue_position", "created_at", "pk")
    )
    for registration in waiting:
        if total >= locked.capacity or locked.cancelled:
            break
        if _organisation_full(locked, per_organisation, registration.organisation_id):
            continue
        if _group_full_for(
            group,
            holders,
            organisation_id=registration.organisation_id,
            user_id=registration.user_id,
        ):
            continue
        if locked.promotion_mode == PromotionMode.OFFER:
            registration.status = RegistrationStatus.OFFERED
            registration.offer_expires_at = now + locked.offer_window()
        else:
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = now
        _leave_waiting_list(registration)
        registration.save()
        _log(
            registration,
            actor=actor,
            action="promote",
            from_status=RegistrationStatus.WAITING,
        )
        notifications.registration_changed(registration, previous_status=RegistrationStatus.WAITING)
        total += 1
        per_organisation[registration.organisation_id] += 1
        if registration.organisation_id is not None and registration.user_id is not None:
            holders.setdefault(registration.organisation_id, Counter())[registration.user_id] += 1
        promoted.append(registration)
    # Their event seat brings the session seats they wait for, if still free (queue order).
    registrations_sessions_seat(registrations=promoted, actor=actor)
    for registration in waiting:
        if registration.status != RegistrationStatus.WAITING:
            continue
        if _organisation_full(locked, per_organisation, registration.organisation_id):
            reason = WaitReason.ORGANISATION_FULL
        elif total < locked.capacity and _group_full_for(
            group,
            holders,
            organisation_id=registration.organisation_id,
            user_id=registration.user_id,
        ):
            reason = WaitReason.SERIES_FULL
        else:
            reason = WaitReason.CAPACITY
        if registration.wait_reason != reason:
            registration.wait_reason = reason
            registration.save(update_fields=["wait_reason", "updated_at"])
    return promoted


def offers_expire(*, now=None) -> int:
    """Pass expired offers on to the next person (periodic task; safe to run twice)."""
    now = now or timezone.now()
    expired = 0
    event_ids = (
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    events = EventPage.objects.filter(pk__in=list(event_ids)).only("pk", "content_type_id", "path")
    for event in events.order_by("pk"):
        event_id = event.pk
        with transaction.atomic():
            # The series' lock before the event's (see learning.events.seat_groups).
            seat_group_lock(event)
            locked = _lock_event(event_id)
            for registration in Registration.objects.select_for_update().filter(
                event=locked, status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
            ):
                registration.status = RegistrationStatus.CANCELLED
                registration.cancelled_at = now
                registration.save()
                _log(
                    registration,
                    actor=None,
                    action="offer_expired",
                    from_status=RegistrationStatus.OFFERED,
                    reason=_("Aanbod niet op tijd geaccepteerd."),
                )
                notifications.registration_changed(
                    registration, previous_status=RegistrationStatus.OFFERED
                )
                registration_sessions_release(registration=registration)
                expired += 1
            waitlist_fill(event=locked, now=now)
    return expired


def event_settings_changed(*, event: EventPage, actor=None) -> list[Registration]:
    """Rule 9: after capacity or the organisation limit changes, re-evaluate the list."""
    return waitlist_fill(event=event, actor=actor)
