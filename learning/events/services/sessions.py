"""Sessions: which session of each round a registration holds, and who gets a freed seat.

The rules, all under the event's row lock (the same lock as the event's own seats, so one
order of locks holds everywhere):

- at most one session per round per registration (the database holds it too);
- never more seated people in a session than its capacity;
- a seat in a session only comes with a seat at the event: someone on the event's waiting
  list waits in the session's queue as well, and gets the session seat (if it is still free,
  in queue order) when the event seat comes;
- a full session has its own waiting list, first come first served; a freed seat (a changed
  choice, a cancellation, a move) goes to the first waiting person who holds an event seat.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..models import (
    CANCELLABLE_STATUSES,
    SEAT_STATUSES,
    EventPage,
    EventRound,
    EventSession,
    Registration,
    SessionChoice,
    SessionChoiceStatus,
)
from .errors import RegistrationError, _error
from .locking import _lock_event, _lock_for_change
from .log import _log
from .rules import can_cancel_online, can_manage_event


class SessionsRefused(RegistrationError):
    """Choices that do not fit the programme; ``errors`` maps a round's id to its message."""

    status = 400

    def __init__(self, errors: dict[int, str]):
        self.errors = errors
        super().__init__(
            "sessions_invalid",
            _("Niet alle sessiekeuzes kunnen. Verbeter ze hieronder."),
        )


def event_rounds_load(*, event_id: int) -> list[EventRound]:
    """The event's rounds in the editor's order, each with ``session_list`` (its sessions in
    order); two queries, however many rounds and sessions."""
    rounds = list(EventRound.objects.filter(event_id=event_id).order_by("sort_order", "pk"))
    by_round: dict[int, list[EventSession]] = {round_.pk: [] for round_ in rounds}
    for session in EventSession.objects.filter(round__event_id=event_id).order_by(
        "sort_order", "pk"
    ):
        by_round[session.round_id].append(session)
    for round_ in rounds:
        round_.session_list = by_round[round_.pk]
        for session in round_.session_list:
            session.round = round_
    return rounds


def _session_id(raw) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.isdigit() and len(raw) < 12:
        return int(raw)
    raise ValueError(raw)


def session_clean(*, event_round: EventRound, raw) -> EventSession | None:
    """The session chosen in ``event_round`` from ``raw`` (a session id, or empty for none).

    Refuses (a RegistrationError with a Dutch message naming the round) a session that is not
    one of the round's. ``event_round.session_list`` must be loaded (``event_rounds_load``)."""
    try:
        session_id = _session_id(raw)
    except ValueError:
        session_id = -1
    if session_id is None:
        return None
    for session in event_round.session_list:
        if session.pk == session_id:
            return session
    raise RegistrationError(
        "session_invalid",
        _("Kies bij ‘%(round)s’ een van de sessies die er staan.") % {"round": event_round.title},
        status=SessionsRefused.status,
    )


def sessions_clean(*, rounds: list[EventRound], raw: dict) -> dict[int, EventSession | None]:
    """Every round's chosen session (or None) from ``raw`` (round id → session id); choices
    for rounds of other events are ignored. All problems at once (``SessionsRefused``)."""
    cleaned, errors = {}, {}
    for event_round in rounds:
        try:
            cleaned[event_round.pk] = session_clean(
                event_round=event_round, raw=raw.get(event_round.pk)
            )
        except RegistrationError as error:
            errors[event_round.pk] = str(error.message)
    if errors:
        raise SessionsRefused(errors)
    return cleaned


@dataclass
class _SessionState:
    seated: int = 0
    last_position: int = 0


def _session_states(session_ids: Iterable[int]) -> dict[int, _SessionState]:
    """Seated people and the last queue position per session; one query. Run it under the
    event's lock, as a statement of its own."""
    ids = list(session_ids)
    states = {session_id: _SessionState() for session_id in ids}
    if not ids:
        return states
    rows = (
        SessionChoice.objects.filter(session_id__in=ids)
        .order_by()
        .values("session_id")
        .annotate(
            seated=Count("pk", filter=Q(status=SessionChoiceStatus.SEATED)),
            last_position=Max("queue_position"),
        )
    )
    for row in rows:
        states[row["session_id"]] = _SessionState(
            seated=row["seated"], last_position=row["last_position"] or 0
        )
    return states


def _new_choice(registration, session: EventSession, state: _SessionState, now) -> SessionChoice:
    choice = SessionChoice(
        registration=registration, session=session, round_id=session.round_id, created_at=now
    )
    if registration.status in SEAT_STATUSES and state.seated < session.capacity:
        choice.status = SessionChoiceStatus.SEATED
        state.seated += 1
    else:
        choice.status = SessionChoiceStatus.WAITING
        state.last_position += 1
        choice.queue_position = state.last_position
    return choice


def registration_sessions_save(
    *, registration: Registration, rounds: list[EventRound], raw: dict | None
) -> list[SessionChoice]:
    """Check ``raw`` (round id → session id) against the programme and write the choices of a
    registration that is being created, under the event's lock (``registration_create``); a
    refusal (``SessionsRefused``) leaves nothing behind once the caller rolls back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("registration_sessions_save must be called inside transaction.atomic()")
    cleaned = sessions_clean(rounds=rounds, raw=raw or {})
    chosen = [session for session in cleaned.values() if session is not None]
    if not chosen:
        return []
    states = _session_states(session.pk for session in chosen)
    now = timezone.now()
    choices = [_new_choice(registration, session, states[session.pk], now) for session in chosen]
    SessionChoice.objects.bulk_create(choices)
    return choices


def can_change_sessions_online(*, registration: Registration, now=None) -> bool:
    """Participants change their sessions while the registration is active, until the
    cancellation deadline (as their answers: after it, the organiser plans the rooms)."""
    return registration.status in CANCELLABLE_STATUSES and can_cancel_online(
        event=registration.event, now=now
    )


def _choice_label(choice: SessionChoice | None) -> str:
    return choice.session.title if choice is not None else "—"


def _sessions_fill(session_ids: Iterable[int], *, actor=None) -> list[SessionChoice]:
    """Give free seats in these sessions to the first people waiting for them who hold an
    event seat, in queue order. The caller holds the event's lock."""
    seated: list[SessionChoice] = []
    sessions = EventSession.objects.filter(pk__in=set(session_ids)).select_related("round")
    states = _session_states(session.pk for session in sessions)
    for session in sorted(sessions, key=lambda session: session.pk):
        free = session.capacity - states[session.pk].seated
        if free <= 0:
            continue
        waiting = (
            SessionChoice.objects.select_for_update(of=("self",))
            .filter(
                session=session,
                status=SessionChoiceStatus.WAITING,
                registration__status__in=SEAT_STATUSES,
            )
            .select_related("registration", "registration__user")
            .order_by("queue_position", "created_at", "pk")[:free]
        )
        for choice in waiting:
            choice.status = SessionChoiceStatus.SEATED
            choice.queue_position = None
            choice.save(update_fields=["status", "queue_position"])
            choice.session = session
            registration = choice.registration
            registration.save(update_fields=["updated_at"])  # the personal feed changes
            _log(
                registration,
                actor=actor,
                action="session_seated",
                from_status=registration.status,
                reason=f"{session.round.title}: {session.title}",
            )
            notifications.registration_session_seated(registration, choice=choice)
            seated.append(choice)
    return seated


def registration_sessions_release(*, registration: Registration, actor=None) -> None:
    """A registration that no longer holds an event seat (cancelled, offer expired) lets go
    of its sessions; their seats go to the next people waiting. The caller holds the lock."""
    choices = list(SessionChoice.objects.filter(registration=registration))
    if not choices:
        return
    freed = [choice.session_id for choice in choices if choice.is_seated]
    SessionChoice.objects.filter(pk__in=[choice.pk for choice in choices]).delete()
    if freed:
        _sessions_fill(freed, actor=actor)


def registrations_sessions_seat(*, registrations: list[Registration], actor=None) -> None:
    """Registrations that just got an event seat take the session seats they wait for, if
    free, in the sessions' queue order. The caller holds the event's lock."""
    ids = [registration.pk for registration in registrations]
    if not ids:
        return
    waiting_for = SessionChoice.objects.filter(
        registration_id__in=ids, status=SessionChoiceStatus.WAITING
    ).values_list("session_id", flat=True)
    session_ids = set(waiting_for)
    if session_ids:
        _sessions_fill(session_ids, actor=actor)


@dataclass(frozen=True)
class SessionsOutcome:
    """What a change of sessions did: per round that changed, the new choice (None: no
    session any more)."""

    changed: dict[int, SessionChoice | None]

    @property
    def waiting(self) -> list[SessionChoice]:
        return [
            choice
            for choice in self.changed.values()
            if choice is not None and not choice.is_seated
        ]


def _apply_choices(
    *, registration: Registration, wanted: dict[int, EventSession | None], now
) -> tuple[dict[int, SessionChoice | None], list[int], list[str]]:
    """Make the registration's choices what ``wanted`` says (round id → session or None);
    returns the changed rounds, the sessions whose seat was freed and lines for the log."""
    current = {
        choice.round_id: choice
        for choice in SessionChoice.objects.select_for_update(of=("self",))
        .filter(registration=registration)
        .select_related("session")
    }
    changed: dict[int, SessionChoice | None] = {}
    freed: list[int] = []
    lines: list[str] = []
    new_sessions = [
        session
        for round_id, session in wanted.items()
        if session is not None
        and (current.get(round_id) is None or current[round_id].session_id != session.pk)
    ]
    states = _session_states(session.pk for session in new_sessions)
    for round_id, session in wanted.items():
        old = current.get(round_id)
        if (old.session_id if old else None) == (session.pk if session else None):
            continue
        if old is not None:
            if old.is_seated:
                freed.append(old.session_id)
            old.delete()
        new = None
        if session is not None:
            new = _new_choice(registration, session, states[session.pk], now)
            new.save()
        changed[round_id] = new
        lines.append(f"{_choice_label(old)} → {_choice_label(new)}")
    return changed, freed, lines


def registration_sessions_update(
    *, registration: Registration, raw: dict, actor
) -> SessionsOutcome:
    """Change the sessions of ``actor``'s own active registration (round id → session id, or
    empty for none), until the cancellation deadline. A round left out of ``raw`` keeps its
    choice only if given again: ``raw`` is the whole programme, as the form posts it.

    An unchanged choice keeps its place (also in a session's queue); a changed one gives its
    seat to the next person waiting for that session, in the same transaction. All choices
    are checked first: a refusal changes nothing."""
    with transaction.atomic():
        locked_event, locked = _lock_for_change(registration, actor=actor, coordinator=False)
        locked.event = locked_event
        if locked.status not in CANCELLABLE_STATUSES:
            raise _error("not_active")
        if not can_cancel_online(event=locked_event):
            raise _error("sessions_deadline_passed")
        rounds = event_rounds_load(event_id=locked_event.pk)
        wanted = sessions_clean(rounds=rounds, raw=raw)
        changed, freed, lines = _apply_choices(
            registration=locked, wanted=wanted, now=timezone.now()
        )
        if changed:
            locked.save(update_fields=["updated_at"])
            _log(locked, actor=actor, action="sessions", reason="; ".join(lines))
            if freed:
                _sessions_fill(freed, actor=actor)
    return SessionsOutcome(changed=changed)


def session_choice_move(
    *, registration: Registration, to_session: EventSession, actor, reason: str
) -> SessionChoice:
    """Coordinator: move a participant to ``to_session`` (in its round; their choice in that
    round, if any, is replaced), with a reason in the log. Refused when the session is full:
    make room first. The seat the person leaves goes to the next person waiting for it."""
    event = registration.event
    if not can_manage_event(actor, event):
        raise _error("forbidden")
    if not reason.strip():
        raise _error("reason_required")
    with transaction.atomic():
        locked_event, locked = _lock_for_change(registration, actor=actor, coordinator=True)
        to_session = (
            EventSession.objects.select_related("round")
            .filter(pk=to_session.pk, round__event_id=locked_event.pk)
            .first()
        )
        if to_session is None:
            raise _error("session_not_of_event")
        if locked.status not in SEAT_STATUSES:
            raise _error("session_move_needs_seat")
        current = (
            SessionChoice.objects.select_for_update(of=("self",))
            .filter(registration=locked, round_id=to_session.round_id)
            .select_related("session")
            .first()
        )
        if current is not None and current.session_id == to_session.pk and current.is_seated:
            return current
        state = _session_states([to_session.pk])[to_session.pk]
        if state.seated >= to_session.capacity:
            raise _error("session_full")
        freed = [current.session_id] if current is not None and current.is_seated else []
        line = f"{to_session.round.title}: {_choice_label(current)} → {to_session.title}"
        if current is not None:
            current.delete()
        choice = _new_choice(locked, to_session, state, timezone.now())
        choice.save()
        locked.save(update_fields=["updated_at"])
        _log(locked, actor=actor, action="session_move", reason=f"{line}. {reason.strip()}")
        notifications.registration_session_moved(locked, choice=choice)
        if freed:
            _sessions_fill(freed, actor=actor)
    return choice


def event_sessions_fill(*, event: EventPage, actor=None) -> list[SessionChoice]:
    """After an editor changed the programme (more seats in a session): give free session
    seats to the people waiting for them. Safe to call at any time."""
    with transaction.atomic():
        _lock_event(event.pk)
        session_ids = EventSession.objects.filter(round__event_id=event.pk).values_list(
            "pk", flat=True
        )
        return _sessions_fill(list(session_ids), actor=actor)
