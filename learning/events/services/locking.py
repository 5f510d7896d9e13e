"""The event's row lock and what is counted under it.

Every change takes the lock inside a transaction; counts of registrations are read by a
statement after it, so capacity and per-organisation limits hold under simultaneous requests.
"""

from collections import Counter

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q

from ..models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    EventPage,
    EventRound,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from ..seat_groups import SeatGroup, seat_group_lock
from .errors import _error
from .rules import _verified_address


def _lock_event(event_id: int, **annotations) -> EventPage:
    """Take the event's row lock; refuses to run outside a transaction (the lock would be void).

    ``annotations`` ride along in the same query. Only for facts the lock does not protect
    (such as the person's verified address): under READ COMMITTED a statement that waited for
    the lock still sees the data of when it started, so counts of registrations must be read
    by a statement after this one.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_lock_event must be called inside transaction.atomic()")
    events = EventPage.objects.select_for_update(of=("self",))
    return events.annotate(**annotations).get(pk=event_id)


# What the registration rules read from the event: re-read under the lock, so a change an
# editor published a moment ago counts, without loading the whole page a second time.
_RULE_FIELDS = (
    "capacity",
    "organisation_limit",
    "registration_opens_at",
    "registration_closes_at",
    "starts_at",
    "cancelled",
    "allowed_roles",
    "allowed_organisation_kinds",
)

_LOCK_FOR_REGISTRATION_SQL = (
    "SELECT capacity, organisation_limit, registration_opens_at, registration_closes_at,"
    " starts_at, cancelled, allowed_roles, allowed_organisation_kinds,"
    " EXISTS (SELECT 1 FROM account_emailaddress"
    " WHERE user_id = %s AND UPPER(email) = UPPER(%s) AND verified),"
    " EXISTS (SELECT 1 FROM events_registrationquestion WHERE event_id = page_ptr_id),"
    " EXISTS (SELECT 1 FROM events_eventround WHERE event_id = page_ptr_id)"
    " FROM events_eventpage WHERE page_ptr_id = %s FOR UPDATE"
)


def _lock_event_for_registration(event: EventPage, *, user) -> tuple[bool, bool, bool]:
    """Take the event's row lock in one small query, refresh ``event``'s rule fields from the
    locked row and return whether ``user``'s own address is verified, whether the event has
    registration questions and whether it has rounds of sessions (all asked alongside: an
    event without questions or sessions costs no query more).

    The routing loaded the page already; loading it again through the ORM (the page join,
    every column) cost about a millisecond inside the lock. Refuses to run outside a
    transaction, as ``_lock_event``.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError(
            "_lock_event_for_registration must be called inside transaction.atomic()"
        )
    if connection.vendor != "postgresql":
        # SQLite (`make run`): no row locks (a write locks the whole database), and its raw
        # rows lack the ORM's converters (datetimes would come back naive): ask the ORM.
        locked = _lock_event(
            event.pk,
            email_verified=Exists(_verified_address(user)),
            has_questions=Exists(RegistrationQuestion.objects.filter(event_id=OuterRef("pk"))),
            has_rounds=Exists(EventRound.objects.filter(event_id=OuterRef("pk"))),
        )
        for name in _RULE_FIELDS:
            field = EventPage._meta.get_field(name)
            setattr(event, field.attname, getattr(locked, field.attname))
        return bool(locked.email_verified), bool(locked.has_questions), bool(locked.has_rounds)
    fields = [EventPage._meta.get_field(name) for name in _RULE_FIELDS]
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_FOR_REGISTRATION_SQL, [user.pk, user.email, event.pk])
        row = cursor.fetchone()
    if row is None:
        raise EventPage.DoesNotExist
    for field, value in zip(fields, row, strict=False):
        if hasattr(field, "from_db_value"):
            value = field.from_db_value(value, None, connection)
        setattr(event, field.attname, value)
    return bool(row[-3]), bool(row[-2]), bool(row[-1])


def _lock_for_change(registration: Registration, *, actor, coordinator: bool):
    """Lock the event and then the registration; only its owner or a coordinator may go on.

    For an event in a seat group (a masterclass series) the group's lock comes first, as
    everywhere (learning.events.seat_groups)."""
    locked_event, locked, _group = _lock_for_change_in_group(
        registration, actor=actor, coordinator=coordinator
    )
    return locked_event, locked


def _lock_for_change_in_group(registration: Registration, *, actor, coordinator: bool):
    """``_lock_for_change`` that also returns the event's seat group (or None)."""
    group = seat_group_lock(registration.event)
    locked_event = _lock_event(registration.event_id)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if not coordinator and locked.user_id != getattr(actor, "pk", None):
        raise _error("not_yours")
    return locked_event, locked, group


def _seat_counts(event: EventPage) -> tuple[int, Counter]:
    holders = Registration.objects.filter(event=event, status__in=SEAT_STATUSES).values_list(
        "organisation_id", flat=True
    )
    per_organisation = Counter(holders)
    return sum(per_organisation.values()), per_organisation


def _organisation_full(event: EventPage, per_organisation: Counter, organisation_id) -> bool:
    # Registrations without organisation (events without organisation rules) are no group.
    limit = event.organisation_limit
    return (
        limit is not None
        and organisation_id is not None
        and per_organisation[organisation_id] >= limit
    )


_REGISTRATION_STATE_SQL = (
    "SELECT count(*) FILTER (WHERE status = ANY(%s)),"
    " count(*) FILTER (WHERE status = ANY(%s) AND organisation_id = %s),"
    " count(*) FILTER (WHERE status = ANY(%s) AND user_id = %s),"
    " max(queue_position),"
    " count(*) FILTER (WHERE status = %s)"
    " FROM events_registration WHERE event_id = %s"
)


def _registration_state(event: EventPage, *, user) -> dict:
    """For a new registration of ``user``, in one aggregate query (run it under the lock):
    seats taken in total and by the person's organisation, whether the person already has an
    active registration, the last queue position and how many wait."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        # SQLite (`make run`) has no FILTER … ANY(array): the ORM writes it in its own terms.
        return Registration.objects.filter(event=event).aggregate(
            taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
            organisation_taken=Count(
                "pk", filter=Q(status__in=SEAT_STATUSES, organisation_id=user.organisation_id)
            ),
            mine=Count("pk", filter=Q(status__in=ACTIVE_STATUSES, user=user)),
            last_position=Max("queue_position"),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        )
    # Written by hand for PostgreSQL: the ORM spent about a millisecond of CPU building this
    # statement, inside the event's lock.
    seats, active = [str(s) for s in SEAT_STATUSES], [str(s) for s in ACTIVE_STATUSES]
    with connection.cursor() as cursor:
        cursor.execute(
            _REGISTRATION_STATE_SQL,
            [
                seats,
                seats,
                user.organisation_id,
                active,
                user.pk,
                str(RegistrationStatus.WAITING),
                event.pk,
            ],
        )
        taken, organisation_taken, mine, last_position, waiting = cursor.fetchone()
    return {
        "taken": taken,
        "organisation_taken": organisation_taken,
        "mine": mine,
        "last_position": last_position,
        "waiting": waiting,
    }


def _group_seat_holders(group: SeatGroup | None, *, organisation_id=None) -> dict:
    """Who holds seats in the group's events, per organisation: ``{organisation_id:
    {user_id: number of seats}}`` (one query; only for a group with a limit, else empty).
    Run it after the group's lock, as a statement of its own."""
    if group is None or not group.limits:
        return {}
    rows = Registration.objects.filter(
        event_id__in=group.event_ids,
        status__in=SEAT_STATUSES,
        organisation_id__isnull=False,
        user_id__isnull=False,
    )
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    holders: dict = {}
    for organisation, user in rows.values_list("organisation_id", "user_id"):
        seats = holders.setdefault(organisation, Counter())
        seats[user] += 1
    return holders


def _group_full_for(group: SeatGroup | None, holders: dict, *, organisation_id, user_id) -> bool:
    """Whether a new seat for ``user_id`` would take the organisation past the group's limit:
    someone who already holds a seat in the group counts once, whatever they add."""
    if group is None or not group.limits or organisation_id is None:
        return False
    people = holders.get(organisation_id, {})
    return user_id not in people and len(people) >= group.organisation_limit
