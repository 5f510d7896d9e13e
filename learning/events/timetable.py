"""Reads of an event's programme of rounds and sessions: the timetable on the event page and
the registration form, a person's own sessions, and the lists per session for coordinators.

Each read costs a fixed number of queries, however many rounds, sessions and people.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from .models import (
    EventPage,
    EventRound,
    EventSession,
    Registration,
    SessionChoice,
    SessionChoiceStatus,
)
from .selectors import registration_sort_key
from .services.sessions import event_rounds_load


@dataclass(frozen=True)
class SessionCell:
    """One session with its seats: ``seated`` hold a seat, ``waiting`` wait for one."""

    session: EventSession
    seated: int
    waiting: int

    @property
    def seats_left(self) -> int:
        return max(self.session.capacity - self.seated, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0


@dataclass(frozen=True)
class TimetableRound:
    event_round: EventRound
    cells: tuple[SessionCell, ...]
    # One cell (or None) per room of the timetable, in the order of ``Timetable.rooms``.
    by_room: tuple[SessionCell | None, ...]


@dataclass(frozen=True)
class Timetable:
    rounds: tuple[TimetableRound, ...]
    rooms: tuple[str, ...]
    # Rounds as rows and rooms as columns works when no round has two sessions in one room.
    fits_grid: bool

    @property
    def has_sessions(self) -> bool:
        return any(timetable_round.cells for timetable_round in self.rounds)

    def cell_for(self, session_id: int) -> SessionCell | None:
        for timetable_round in self.rounds:
            for cell in timetable_round.cells:
                if cell.session.pk == session_id:
                    return cell
        return None


def _counts(*, event_id: int) -> dict[int, tuple[int, int]]:
    rows = (
        SessionChoice.objects.filter(round__event_id=event_id)
        .order_by()
        .values("session_id")
        .annotate(
            seated=Count("pk", filter=Q(status=SessionChoiceStatus.SEATED)),
            waiting=Count(
                "pk",
                filter=Q(status=SessionChoiceStatus.WAITING),
            ),
        )
    )
    return {row["session_id"]: (row["seated"], row["waiting"]) for row in rows}


EMPTY = Timetable(rounds=(), rooms=(), fits_grid=False)


def event_timetable(*, event: EventPage) -> Timetable:
    """The event's programme with seats per session: rounds in order, their sessions, and the
    rooms as columns. One query for an event without rounds, three with."""
    rounds = event_rounds_load(event_id=event.pk)
    if not rounds:
        return EMPTY
    counts = _counts(event_id=event.pk) if any(r.session_list for r in rounds) else {}
    rooms: list[str] = []
    fits_grid = True
    for event_round in rounds:
        seen = set()
        for session in event_round.session_list:
            if session.room not in rooms:
                rooms.append(session.room)
            if session.room in seen:
                fits_grid = False
            seen.add(session.room)
    # Sessions without a room come last, in a column of their own.
    if "" in rooms:
        rooms.remove("")
        rooms.append("")
    timetable_rounds = []
    for event_round in rounds:
        cells = tuple(
            SessionCell(session=session, seated=seated, waiting=waiting)
            for session in event_round.session_list
            for seated, waiting in [counts.get(session.pk, (0, 0))]
        )
        by_room = {cell.session.room: cell for cell in cells}
        timetable_rounds.append(
            TimetableRound(
                event_round=event_round,
                cells=cells,
                by_room=tuple(by_room.get(room) for room in rooms) if fits_grid else (),
            )
        )
    return Timetable(
        rounds=tuple(timetable_rounds),
        rooms=tuple(rooms),
        fits_grid=fits_grid and len(rooms) > 1,
    )


def registration_choices(*, registration: Registration) -> dict[int, SessionChoice]:
    """The person's session per round (round id → choice with its session); one query."""
    choices = (
        SessionChoice.objects.filter(registration_id=registration.pk)
        .select_related("session", "round")
        .order_by("round__starts_at", "round__sort_order", "round_id")
    )
    return {choice.round_id: choice for choice in choices}


def _choices_prefetch() -> Prefetch:
    return Prefetch(
        "session_choices",
        queryset=SessionChoice.objects.select_related("session", "round").order_by(
            "round__starts_at", "round__sort_order", "round_id"
        ),
    )


def with_session_choices(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """``registrations`` with their sessions (and rounds) for ``sessions_of``: one query more
    in all, however many registrations."""
    return registrations.prefetch_related(_choices_prefetch())


def prefetch_session_choices(registrations: list[Registration]) -> list[Registration]:
    """``with_session_choices`` for registrations already loaded; one query."""
    prefetch_related_objects(registrations, _choices_prefetch())
    return registrations


def sessions_of(registration: Registration) -> list[SessionChoice]:
    """The registration's choices in programme order, from the prefetch of
    ``with_session_choices`` (no query)."""
    return list(registration.session_choices.all())


def registration_sessions_label(*, registration: Registration, with_queue: bool = False) -> str:
    """The sessions the person holds, for the door list's "Sessies" column: "Ronde 1: title
    (room)"; ``with_queue`` adds the sessions they wait for (for the registrations export).
    From the prefetch of ``with_session_choices``."""
    parts = []
    for choice in sessions_of(registration):
        if not choice.is_seated and not with_queue:
            continue
        room = f" ({choice.session.room})" if choice.session.room else ""
        waiting = "" if choice.is_seated else f" [{_('wachtlijst')}]"
        parts.append(f"{choice.round.title}: {choice.session.title}{room}{waiting}")
    return "; ".join(parts)


@dataclass(frozen=True)
class SessionList:
    """Who holds a seat in a session (sorted by surname) and who waits (in queue order)."""

    session: EventSession
    seated: tuple[SessionChoice, ...]
    waiting: tuple[SessionChoice, ...]


def session_participants(*, session: EventSession) -> SessionList:
    """The people of one session with their person and organisation; one query."""
    choices = list(
        SessionChoice.objects.filter(session_id=session.pk)
        .select_related("registration__user", "registration__organisation")
        .order_by("queue_position", "created_at", "pk")
    )
    seated = [choice for choice in choices if choice.is_seated]
    seated.sort(key=lambda choice: registration_sort_key(choice.registration))
    waiting = [choice for choice in choices if not choice.is_seated]
    return SessionList(session=session, seated=tuple(seated), waiting=tuple(waiting))


def event_session_for(*, event: EventPage, session_id) -> EventSession | None:
    """A session of ``event`` by id (None for another event's, or junk); one query."""
    try:
        session_id = int(session_id)
    except (TypeError, ValueError):
        return None
    if not 0 < session_id < 2**31:
        return None
    return (
        EventSession.objects.select_related("round")
        .filter(pk=session_id, round__event_id=event.pk)
        .first()
    )


def round_sessions(*, event_round: EventRound) -> list[EventSession]:
    """The sessions of one round in the editor's order; one query."""
    return list(EventSession.objects.filter(round_id=event_round.pk).order_by("sort_order", "pk"))


def event_choices_for_export(*, event: EventPage) -> QuerySet[SessionChoice]:
    """Every choice of the event's sessions with person, organisation, session and round, in
    programme order: seats first, then the queue. One query (the export iterates it)."""
    return (
        SessionChoice.objects.filter(round__event_id=event.pk)
        .select_related("registration__user", "registration__organisation", "session", "round")
        .order_by(
            "round__starts_at",
            "round__sort_order",
            "session__sort_order",
            "session_id",
            "-status",
            "queue_position",
            "created_at",
            "pk",
        )
    )
