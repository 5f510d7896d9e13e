"""Participant actions: register, cancel, accept an offer, hand a seat over."""

from collections import Counter

from django.db import transaction
from django.utils import timezone

from learning.accounts.models import User
from learning.core.inserts import row_insert

from .. import notifications
from ..models import (
    ACTIVE_STATUSES,
    CANCELLABLE_STATUSES,
    SEAT_STATUSES,
    EventPage,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    RegistrationStatus,
    WaitReason,
)
from ..seat_groups import SeatGroup, seat_group_lock
from .errors import RegistrationError, _error
from .locking import (
    _group_full_for,
    _group_seat_holders,
    _lock_event_for_registration,
    _lock_for_change,
    _lock_for_change_in_group,
    _registration_state,
)
from .log import _log
from .questions import registration_answers_save
from .rules import (
    _is_logged_in,
    can_cancel_online,
    can_manage_event,
    check_can_register,
    check_eligible,
    check_window,
)
from .sessions import event_rounds_load, registration_sessions_release, registration_sessions_save
from .waiting_list import _leave_waiting_list, waitlist_fill


def registration_create(
    *, event: EventPage, user, answers: dict | None = None, sessions: dict | None = None
) -> Registration:
    """Register ``user`` for ``event``: confirmed, or waiting with a reason, or refused.

    Guarantees, also under simultaneous requests: never more seat holders than capacity,
    never more than the organisation limit per organisation (of the event, and of the series
    it belongs to: ``learning.events.seat_groups``), one active registration per person, FIFO
    waiting list. The confirmation or waiting-list e-mail is queued in the same transaction.
    ``answers`` (question id → text, option code or list of codes) are checked against the
    event's questions under the lock and saved with the registration; answers that do not fit
    (``AnswersRefused``, also for no answers to required questions) leave nothing behind.
    ``sessions`` (round id → session id, or empty for none) choose at most one session per
    round of the event's programme (``services.sessions``): a seat in it while there is one
    and the person has an event seat, else a place in the session's queue; choices that do not
    fit the programme (``SessionsRefused``) leave nothing behind either.
    """
    if not _is_logged_in(user):
        raise _error("login_required")
    with transaction.atomic():
        # The series' lock comes first (no query for an event outside a series).
        group = seat_group_lock(event)
        return registration_create_locked(
            event=event, user=user, seat_group=group, answers=answers, sessions=sessions
        )


def registration_create_locked(
    *,
    event: EventPage,
    user,
    seat_group: SeatGroup | None,
    notify: bool = True,
    reason: str = "",
    answers: dict | None = None,
    sessions: dict | None = None,
) -> Registration:
    """The rules of ``registration_create`` for a caller that holds the lock of the event's
    seat group already (``seat_group_lock``; None for an event outside a group) and runs
    inside a transaction: enrolling in a whole series registers for each of its events this
    way. Without ``notify`` no e-mail is queued (the caller sends one of its own); ``reason``
    goes into the registration log. ``answers`` and ``sessions``: as for
    ``registration_create``; after a refusal (``AnswersRefused``, ``SessionsRefused``) the
    caller rolls back its transaction or savepoint.
    """
    if not _is_logged_in(user):
        raise _error("login_required")
    # Two queries decide: the lock (with the person's verified address alongside; it
    # refreshes the rule fields of the page the routing loaded) and, after it, one
    # aggregate over the event's registrations.
    email_verified, has_questions, has_rounds = _lock_event_for_registration(event, user=user)
    locked = event
    check_can_register(user=user, email_verified=email_verified)
    check_window(event=locked)
    check_eligible(event=locked, user=user)
    state = _registration_state(locked, user=user)
    if state["mine"]:
        raise _error("already_registered")
    now = timezone.now()
    registration = Registration(
        event=locked,
        user=user,
        organisation_id=user.organisation_id,
        job_role=user.job_role,
        created_at=now,
    )
    limit = locked.organisation_limit
    if (
        limit is not None
        and registration.organisation_id is not None
        and state["organisation_taken"] >= limit
    ):
        registration.status = RegistrationStatus.WAITING
        registration.wait_reason = WaitReason.ORGANISATION_FULL
    elif state["taken"] >= locked.capacity:
        registration.status = RegistrationStatus.WAITING
        registration.wait_reason = WaitReason.CAPACITY
    elif _group_full_for(
        seat_group,
        _group_seat_holders(seat_group, organisation_id=registration.organisation_id),
        organisation_id=registration.organisation_id,
        user_id=user.pk,
    ):
        registration.status = RegistrationStatus.WAITING
        registration.wait_reason = WaitReason.SERIES_FULL
    else:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
    if registration.status == RegistrationStatus.WAITING:
        registration.queue_position = (state["last_position"] or 0) + 1
        # Last in the queue: everyone waiting is ahead. A snapshot for the message that
        # answers this request (it goes stale as the queue moves; selectors.waiting_position
        # counts afresh).
        registration.waiting_position_when_created = state["waiting"] + 1
    # One INSERT whose statement is built once (learning.core.inserts): under the lock.
    row_insert(obj=registration)
    if has_questions:
        questions = list(RegistrationQuestion.objects.filter(event_id=locked.pk))
        registration_answers_save(registration=registration, questions=questions, raw=answers)
    if has_rounds:
        rounds = event_rounds_load(event_id=locked.pk)
        registration_sessions_save(registration=registration, rounds=rounds, raw=sessions)
    _log(registration, actor=user, action="register", reason=reason)
    if notify:
        notifications.registration_changed(registration, previous_status="")
    return registration


def registration_cancel(*, registration: Registration, actor, reason: str = "") -> Registration:
    """Cancel a registration and give the freed seat to the next person who fits.

    Participants cancel their own registration until the cancellation deadline; after it only
    a coordinator can. The promotion happens in the same transaction.
    """
    coordinator = can_manage_event(actor, registration.event)
    with transaction.atomic():
        locked, registration = _lock_for_change(registration, actor=actor, coordinator=coordinator)
        if registration.status not in CANCELLABLE_STATUSES:
            raise _error("not_active")
        if not coordinator and not can_cancel_online(event=locked):
            raise _error("cancel_deadline_passed")
        previous = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.offer_expires_at = None
        _leave_waiting_list(registration)
        registration.save(
            update_fields=[
                "status",
                "cancelled_at",
                "offer_expires_at",
                "queue_position",
                "wait_reason",
                "updated_at",
            ]
        )
        _log(registration, actor=actor, action="cancel", from_status=previous, reason=reason)
        notifications.registration_changed(registration, previous_status=previous)
        registration_sessions_release(registration=registration, actor=actor)
        if previous in SEAT_STATUSES:
            waitlist_fill(event=locked, actor=actor)
    return registration


def offer_accept(*, registration: Registration, user) -> Registration:
    """Accept an offered seat within the offer window."""
    with transaction.atomic():
        _event, registration = _lock_for_change(registration, actor=user, coordinator=False)
        if registration.status != RegistrationStatus.OFFERED:
            raise _error("no_offer")
        if registration.offer_expires_at and registration.offer_expires_at <= timezone.now():
            raise _error("offer_expired")
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.offer_expires_at = None
        _leave_waiting_list(registration)
        registration.save()
        _log(
            registration, actor=user, action="accept_offer", from_status=RegistrationStatus.OFFERED
        )
        notifications.registration_changed(registration, previous_status=RegistrationStatus.OFFERED)
    return registration


def _check_handover_member(*, registration: Registration, actor) -> None:
    # Both must count (verified or approved) for the organisation of the registration.
    if (
        registration.organisation_id is None
        or getattr(actor, "organisation_id", None) != registration.organisation_id
    ):
        raise _error("handover_not_member")


def _handover_passes_series_limit(group, *, registration, colleague) -> bool:
    """Whether handing ``registration``'s seat to ``colleague`` brings one more person of the
    organisation into a series that is at its limit (the person handing over may keep seats
    in other events of the series, and still counts)."""
    if group is None or not group.limits:
        return False
    holders = _group_seat_holders(group, organisation_id=registration.organisation_id)
    people = Counter(holders.get(registration.organisation_id, {}))
    before = len(+people)
    people[registration.user_id] -= 1
    people[colleague.pk] += 1
    after = len(+people)
    return after > before and after > group.organisation_limit


def registration_handover(*, registration: Registration, to_email: str, actor) -> Registration:
    """Rule 8: hand a seat to a colleague of the same organisation; the seat is kept.

    An address without an account, of someone at another organisation or not yet confirmed
    gets one and the same refusal: the form must not tell who has an account here. Someone
    who no longer counts for the seat's organisation is refused before any address is looked
    up, so they cannot use the form to find out who has an account there.
    """
    coordinator = can_manage_event(actor, registration.event)
    if not coordinator:
        _check_handover_member(registration=registration, actor=actor)
    colleague = (
        User.objects.filter(
            email__iexact=to_email.strip(),
            is_active=True,
            organisation_id=registration.organisation_id,
        )
        .select_related("organisation")
        .first()
    )
    if colleague is None:
        raise _error("handover_colleague_unknown")
    with transaction.atomic():
        locked, registration, group = _lock_for_change_in_group(
            registration, actor=actor, coordinator=coordinator
        )
        if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED):
            raise _error("handover_no_seat")
        try:
            check_can_register(user=colleague)
        except RegistrationError as error:
            raise _error("handover_colleague_unknown") from error
        if not coordinator:
            _check_handover_member(registration=registration, actor=actor)
        if registration.organisation_id is None:
            # A seat taken without an organisation has no colleagues; answered like any
            # address the form must not tell about.
            raise _error("handover_colleague_unknown")
        check_eligible(event=locked, user=colleague)
        if Registration.objects.filter(
            event=locked, user=colleague, status__in=ACTIVE_STATUSES
        ).exists():
            raise _error("handover_colleague_registered")
        if _handover_passes_series_limit(group, registration=registration, colleague=colleague):
            raise _error("handover_series_full")
        previous_user = registration.user
        registration.user = colleague
        registration.job_role = colleague.job_role
        registration.save(update_fields=["user", "job_role", "updated_at"])
        # The answers were the previous person's (their diet, their needs): the colleague
        # gives their own in "Mijn aanmeldingen".
        RegistrationAnswer.objects.filter(registration=registration).delete()
        _log(
            registration,
            actor=actor,
            action="handover",
            from_status=registration.status,
            reason=f"{previous_user} → {colleague}",
        )
        notifications.registration_handed_over(registration, previous_user=previous_user)
        if group is not None and group.limits:
            # The person who handed over may have left the series: a colleague waiting
            # elsewhere in it may fit now.
            waitlist_fill(event=locked, actor=actor)
    return registration
