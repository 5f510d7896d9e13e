"""Registration rules for events and masterclasses: the one place where they live.

Every change takes the event's row lock (``_lock_event``) inside a transaction, so capacity,
per-organisation limits and the waiting list hold under simultaneous requests on PostgreSQL.
Each change writes a RegistrationLog entry and queues its e-mails in the same transaction.
"""

from collections import Counter
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Count, Exists, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.accounts.models import ClaimState, User
from learning.accounts.selectors import claim_current
from learning.calendar.ical import calendar_fingerprint, calendar_state

from . import notifications, selectors, signals
from .models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    EventPage,
    PromotionMode,
    Registration,
    RegistrationLog,
    RegistrationStatus,
    WaitReason,
)


class RegistrationError(Exception):
    """A refused registration action: a code for programs, a Dutch message for people."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


def _error(code: str) -> RegistrationError:
    messages = {
        "login_required": _("Log in om u aan te melden."),
        "email_unverified": _(
            "Bevestig eerst uw e-mailadres. Klik op de link in de e-mail die we u stuurden."
        ),
        "organisation_missing": _(
            "Voor deze bijeenkomst moet vaststaan voor welke organisatie u werkt. Kies in uw "
            "profiel uw organisatie: met een e-mailadres van die organisatie telt u direct mee, "
            "met een ander adres beoordeelt een coördinator uw aanvraag."
        ),
        "handover_not_member": _(
            "U kunt deze plek niet overdragen: u telt niet (meer) mee voor de organisatie "
            "waarvoor u bent aangemeld. Vraag een coördinator om de plek over te dragen."
        ),
        "not_open_yet": _("Aanmelden is nog niet mogelijk."),
        "closed": _("Aanmelden is gesloten."),
        "event_cancelled": _("Deze bijeenkomst gaat niet door."),
        "already_registered": _("U bent al aangemeld voor deze bijeenkomst."),
        "role_not_allowed": _("Deze bijeenkomst is bedoeld voor een andere doelgroep dan uw rol."),
        "organisation_kind_not_allowed": _(
            "Deze bijeenkomst is alleen voor medewerkers van bepaalde soorten overheden."
        ),
        "not_active": _("Deze aanmelding is al afgemeld of afgerond."),
        "cancel_deadline_passed": _(
            "Afmelden via de site kan niet meer. Neem contact op met de organisator."
        ),
        "not_yours": _("Dit is niet uw aanmelding."),
        "forbidden": _("U mag deze aanmeldingen niet beheren."),
        "no_offer": _("Er staat geen plek voor u klaar."),
        "offer_expired": _("Het aanbod is verlopen. De plek is doorgegeven aan de volgende."),
        "reason_required": _("Geef een reden op; die komt in het logboek."),
        "handover_no_seat": _("U kunt alleen een bevestigde plek overdragen."),
        "handover_colleague_registered": _("Deze collega is al aangemeld voor deze bijeenkomst."),
        "handover_colleague_unknown": _(
            "U kunt uw plek alleen overdragen aan een collega van dezelfde organisatie met een "
            "account en een bevestigd e-mailadres. Controleer het e-mailadres."
        ),
        "not_waiting": _("Alleen wie op de wachtlijst staat, kan worden verplaatst."),
    }
    return RegistrationError(code, messages[code])


# --- Helpers ---------------------------------------------------------------------------------


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
    " WHERE user_id = %s AND UPPER(email) = UPPER(%s) AND verified)"
    " FROM events_eventpage WHERE page_ptr_id = %s FOR UPDATE"
)


def _lock_event_for_registration(event: EventPage, *, user) -> bool:
    """Take the event's row lock in one small query, refresh ``event``'s rule fields from the
    locked row and return whether ``user``'s own address is verified (asked alongside).

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
        locked = _lock_event(event.pk, email_verified=Exists(_verified_address(user)))
        for name in _RULE_FIELDS:
            field = EventPage._meta.get_field(name)
            setattr(event, field.attname, getattr(locked, field.attname))
        return bool(locked.email_verified)
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
    return bool(row[-1])


def _lock_for_change(registration: Registration, *, actor, coordinator: bool):
    """Lock the event and then the registration; only its owner or a coordinator may go on."""
    locked_event = _lock_event(registration.event_id)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if not coordinator and locked.user_id != getattr(actor, "pk", None):
        raise _error("not_yours")
    return locked_event, locked


def _log(registration, *, actor, action, from_status="", to_status="", reason="") -> None:
    RegistrationLog.objects.create(
        registration=registration,
        actor=actor if isinstance(actor, User) else None,
        action=action,
        from_status=from_status,
        to_status=to_status or registration.status,
        reason=str(reason),
    )
    # Higher layers follow (knowledge: the groups of pages shared with the participants).
    signals.registration_changed.send(sender=Registration, registration=registration)


def can_manage_event(user, event: EventPage) -> bool:
    """Whether ``user`` may manage the registrations of ``event`` (see, change, message).

    Superusers may; coordinators (the change_registration permission) only for the events whose
    page they may edit, as ``selectors.events_managed_by`` says: the one rule the admin and
    these services share.
    """
    if user is None or not user.is_authenticated or not user.is_active or event is None:
        return False
    if user.is_superuser:
        return True
    return selectors.events_managed_by(user=user).filter(pk=event.pk).exists()


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
    " max(queue_position)"
    " FROM events_registration WHERE event_id = %s"
)


def _registration_state(event: EventPage, *, user) -> dict:
    """For a new registration of ``user``, in one aggregate query (run it under the lock):
    seats taken in total and by the person's organisation, whether the person already has an
    active registration, and the last queue position."""
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
        )
    # Written by hand for PostgreSQL: the ORM spent about a millisecond of CPU building this
    # statement, inside the event's lock.
    seats, active = [str(s) for s in SEAT_STATUSES], [str(s) for s in ACTIVE_STATUSES]
    with connection.cursor() as cursor:
        cursor.execute(
            _REGISTRATION_STATE_SQL, [seats, seats, user.organisation_id, active, user.pk, event.pk]
        )
        taken, organisation_taken, mine, last_position = cursor.fetchone()
    return {
        "taken": taken,
        "organisation_taken": organisation_taken,
        "mine": mine,
        "last_position": last_position,
    }


def _is_logged_in(user) -> bool:
    return user is not None and not isinstance(user, AnonymousUser) and user.is_authenticated


def _verified_address(user):
    """The person's own address, if verified (a queryset: ``.exists()`` or ``Exists(...)``)."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user.pk, email__iexact=user.email, verified=True)


def check_can_register(*, user, email_verified: bool | None = None) -> None:
    """Rule 1: a logged-in user with a verified address.

    ``email_verified`` may come from a query the caller runs anyway (an ``Exists`` of
    ``_verified_address``); without it, one query checks the address. Whether the person
    must count for an organisation depends on the event (``check_eligible``).
    """
    if not _is_logged_in(user):
        raise _error("login_required")
    if email_verified is None:
        email_verified = _verified_address(user).exists()
    if not email_verified:
        raise _error("email_unverified")


def event_needs_organisation(event: EventPage) -> bool:
    """Events with a per-organisation limit or organisation-kind eligibility count people per
    organisation: only a verified or approved membership (``user.organisation``) counts."""
    return event.organisation_limit is not None or bool(event.allowed_organisation_kinds)


def _organisation_refusal(user) -> RegistrationError:
    """Why the person counts for no organisation, and what to do next."""
    claim = claim_current(user=user)
    if claim is not None and claim.state in (ClaimState.PENDING, ClaimState.UNCONFIRMED):
        return RegistrationError(
            "organisation_pending",
            _(
                "Voor deze bijeenkomst telt alleen een bevestigde organisatie. Uw aanvraag voor "
                "%(name)s is nog in behandeling bij een coördinator; u krijgt een e-mail zodra "
                "die is beoordeeld. Meld u daarna aan, of kies in uw profiel de organisatie "
                "van uw e-mailadres."
            )
            % {"name": claim.organisation.display_name},
        )
    return _error("organisation_missing")


def check_eligible(*, event: EventPage, user) -> None:
    """Rule 3: optional audience roles and organisation kinds; a verified organisation for
    events that count per organisation (rule 1b)."""
    if event.allowed_roles and user.job_role not in event.allowed_roles:
        raise _error("role_not_allowed")
    if event_needs_organisation(event) and user.organisation_id is None:
        raise _organisation_refusal(user)
    if event.allowed_organisation_kinds and (
        user.organisation.kind not in event.allowed_organisation_kinds
    ):
        raise _error("organisation_kind_not_allowed")


def check_window(*, event: EventPage, now=None) -> None:
    """Rule 2: only inside the registration window, and not for a cancelled event."""
    now = now or timezone.now()
    if event.cancelled:
        raise _error("event_cancelled")
    if event.registration_opens_at and now < event.registration_opens_at:
        raise _error("not_open_yet")
    if now >= event.effective_registration_closes_at:
        raise _error("closed")


def can_cancel_online(*, event: EventPage, now=None) -> bool:
    """Rule 6: participants cancel themselves until the cancellation deadline."""
    return (now or timezone.now()) < event.effective_cancellation_deadline


# --- Participant actions ---------------------------------------------------------------------


def registration_create(*, event: EventPage, user) -> Registration:
    """Register ``user`` for ``event``: confirmed, or waiting with a reason, or refused.

    Guarantees, also under simultaneous requests: never more seat holders than capacity,
    never more than the organisation limit per organisation, one active registration per
    person, FIFO waiting list. The confirmation or waiting-list e-mail is queued in the
    same transaction.
    """
    if not _is_logged_in(user):
        raise _error("login_required")
    with transaction.atomic():
        # Two queries decide: the lock (with the person's verified address alongside; it
        # refreshes the rule fields of the page the routing loaded) and, after it, one
        # aggregate over the event's registrations.
        email_verified = _lock_event_for_registration(event, user=user)
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
        else:
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = now
        if registration.status == RegistrationStatus.WAITING:
            registration.queue_position = (state["last_position"] or 0) + 1
        registration.save()
        _log(registration, actor=user, action="register")
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
        if registration.status not in (
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITING,
            RegistrationStatus.OFFERED,
        ):
            raise _error("not_active")
        if not coordinator and not can_cancel_online(event=locked):
            raise _error("cancel_deadline_passed")
        previous = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.offer_expires_at = None
        registration.save(
            update_fields=["status", "cancelled_at", "offer_expires_at", "updated_at"]
        )
        _log(registration, actor=actor, action="cancel", from_status=previous, reason=reason)
        notifications.registration_changed(registration, previous_status=previous)
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
        locked, registration = _lock_for_change(registration, actor=actor, coordinator=coordinator)
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
        previous_user = registration.user
        registration.user = colleague
        registration.job_role = colleague.job_role
        registration.save(update_fields=["user", "job_role", "updated_at"])
        _log(
            registration,
            actor=actor,
            action="handover",
            from_status=registration.status,
            reason=f"{previous_user} → {colleague}",
        )
        notifications.registration_handed_over(registration, previous_user=previous_user)
    return registration


# --- The waiting list ------------------------------------------------------------------------


def waitlist_fill(*, event: EventPage, actor=None, now=None) -> list[Registration]:
    """Give free seats to the first waiting people who fit the rules (rules 4, 5, 7, 9).

    Direct promotion confirms them; offer mode offers the seat for the event's offer window.
    Waiting reasons are brought up to date for everyone who stays on the list. Safe to call
    at any time: with no free seat it changes nothing.
    """
    now = now or timezone.now()
    promoted: list[Registration] = []
    with transaction.atomic():
        locked = _lock_event(event.pk)
        total, per_organisation = _seat_counts(locked)
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
            if locked.promotion_mode == PromotionMode.OFFER:
                registration.status = RegistrationStatus.OFFERED
                registration.offer_expires_at = now + locked.offer_window()
            else:
                registration.status = RegistrationStatus.CONFIRMED
                registration.confirmed_at = now
            registration.wait_reason = ""
            registration.save()
            _log(
                registration,
                actor=actor,
                action="promote",
                from_status=RegistrationStatus.WAITING,
            )
            notifications.registration_changed(
                registration, previous_status=RegistrationStatus.WAITING
            )
            total += 1
            per_organisation[registration.organisation_id] += 1
            promoted.append(registration)
        for registration in waiting:
            if registration.status != RegistrationStatus.WAITING:
                continue
            reason = (
                WaitReason.ORGANISATION_FULL
                if _organisation_full(locked, per_organisation, registration.organisation_id)
                else WaitReason.CAPACITY
            )
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
    for event_id in list(event_ids):
        with transaction.atomic():
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
                expired += 1
            waitlist_fill(event=locked, now=now)
    return expired


def event_settings_changed(*, event: EventPage, actor=None) -> list[Registration]:
    """Rule 9: after capacity or the organisation limit changes, re-evaluate the list."""
    return waitlist_fill(event=event, actor=actor)


def event_calendar_refresh(*, event: EventPage) -> dict | None:
    """Raise the event's iCalendar SEQUENCE by one when its time, place, online link or
    status changed, and store the new calendar state.

    Called after every publication. The first publication only records fingerprint and
    state. A conditional queryset update (not a revision) so two simultaneous publications
    raise the sequence once. Sets the stored sequence on ``event``; returns the calendar state
    before this publication when this call recorded a change to an earlier publication
    (``{}`` for an event published before states were kept), else None.
    """
    fingerprint = calendar_fingerprint(event)
    previous = event.ical_fingerprint
    if fingerprint == previous:
        return None
    before = event.ical_state or {}
    updates = {"ical_fingerprint": fingerprint, "ical_state": calendar_state(event)}
    if previous:
        updates["ical_sequence"] = F("ical_sequence") + 1
    changed = EventPage.objects.filter(pk=event.pk, ical_fingerprint=previous).update(**updates)
    stored = EventPage.objects.filter(pk=event.pk).values(
        "ical_sequence", "ical_fingerprint", "ical_state"
    )
    state = stored.get()
    event.ical_sequence = state["ical_sequence"]
    event.ical_fingerprint = state["ical_fingerprint"]
    event.ical_state = state["ical_state"]
    return before if changed and previous else None


def event_notify_changes(*, event: EventPage, before: dict) -> int:
    """Tell everyone with a seat or an open offer that the time, place, online link or status
    changed (``before``: the calendar state of the previous publication). Returns how many.

    The e-mails wait in the outbox for more changes (notifications.event_changed): an editor
    who saves three times in a row sends one update, with METHOD:REQUEST (or CANCEL) and the
    event's new SEQUENCE. Nothing for an event that was and is over.
    """
    now = timezone.now()
    ended_before = not before or datetime.fromisoformat(before["ends_at"]) < now
    if event.ends_at < now and ended_before:
        return 0
    with transaction.atomic():
        registrations = list(
            Registration.objects.filter(event_id=event.pk, status__in=SEAT_STATUSES)
            .exclude(user=None)
            .select_related("user", "event")
        )
        for registration in registrations:
            notifications.event_changed(registration, before=before)
    return len(registrations)


# --- Coordinator actions ---------------------------------------------------------------------


def _require_coordinator(actor, event: EventPage) -> None:
    if not can_manage_event(actor, event):
        raise _error("forbidden")


def registration_promote(*, registration: Registration, actor, reason: str) -> Registration:
    """Coordinator override: confirm someone regardless of capacity and limits, with a reason."""
    _require_coordinator(actor, registration.event)
    if not reason.strip():
        raise _error("reason_required")
    with transaction.atomic():
        _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED):
            return registration
        previous = registration.status
        if (
            previous == RegistrationStatus.CANCELLED
            and Registration.objects.filter(
                event_id=registration.event_id,
                user_id=registration.user_id,
                status__in=ACTIVE_STATUSES,
            )
            .exclude(pk=registration.pk)
            .exists()
        ):
            raise _error("already_registered")
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.wait_reason = ""
        registration.offer_expires_at = None
        registration.cancelled_at = None
        registration.save()
        _log(
            registration,
            actor=actor,
            action="override_promote",
            from_status=previous,
            reason=reason,
        )
        notifications.registration_changed(registration, previous_status=previous)
    return registration


def registration_move(
    *, registration: Registration, actor, position: int, reason: str
) -> Registration:
    """Coordinator: move a waiting person to ``position`` (1 = first) in the waiting list."""
    _require_coordinator(actor, registration.event)
    if not reason.strip():
        raise _error("reason_required")
    with transaction.atomic():
        locked = _lock_event(registration.event_id)
        waiting = list(
            Registration.objects.select_for_update()
            .filter(event=locked, status=RegistrationStatus.WAITING)
            .order_by("queue_position", "created_at", "pk")
        )
        target = next((r for r in waiting if r.pk == registration.pk), None)
        if target is None:
            raise _error("not_waiting")
        waiting.remove(target)
        index = min(max(position, 1), len(waiting) + 1) - 1
        waiting.insert(index, target)
        for number, item in enumerate(waiting, start=1):
            if item.queue_position != number:
                item.queue_position = number
                item.save(update_fields=["queue_position", "updated_at"])
        _log(target, actor=actor, action="move", reason=f"{reason} (→ {index + 1})")
        waitlist_fill(event=locked, actor=actor)
    return target


def registration_set_attended(
    *, registration: Registration, actor, attended: bool = True
) -> Registration:
    """Coordinator check-in: mark a confirmed participant as present (or undo it)."""
    _require_coordinator(actor, registration.event)
    with transaction.atomic():
        _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        wanted_from = RegistrationStatus.CONFIRMED if attended else RegistrationStatus.ATTENDED
        if registration.status != wanted_from:
            raise _error("not_active")
        registration.status = (
            RegistrationStatus.ATTENDED if attended else RegistrationStatus.CONFIRMED
        )
        registration.attended_at = timezone.now() if attended else None
        registration.save()
        _log(
            registration,
            actor=actor,
            action="attended" if attended else "not_attended",
            from_status=wanted_from,
        )
    return registration


def event_message_send(*, event: EventPage, actor, subject: str, body: str) -> int:
    """Organisers: one e-mail to every confirmed participant, queued per recipient."""
    _require_coordinator(actor, event)
    with transaction.atomic():
        recipients = list(
            Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED, user__isnull=False
            ).select_related("user")
        )
        for registration in recipients:
            notifications.event_message(registration, subject=subject, body=body)
    return len(recipients)


# --- Privacy ---------------------------------------------------------------------------------


def registrations_anonymise(*, now=None, months: int | None = None) -> int:
    """Unlink people from registrations of events that ended ``months`` ago (default setting).

    The organisation, role and status stay, so attendance per organisation can still be
    reported. Safe to run twice.
    """
    from django.conf import settings

    now = now or timezone.now()
    months = settings.REGISTRATION_RETENTION_MONTHS if months is None else months
    cutoff = now - timedelta(days=round(months * 30.44))
    with transaction.atomic():
        registrations = Registration.objects.filter(
            event__ends_at__lt=cutoff, anonymised_at__isnull=True
        )
        return registration_anonymise_queryset(registrations, now=now)


def registration_anonymise_queryset(registrations, *, now=None) -> int:
    """Unlink the registrations from their people, and their log from everyone but staff.

    The log keeps what happened and when. Its reasons go: they are free text that can name
    people (a hand-over note names both colleagues, a coordinator may write who phoned).
    """
    now = now or timezone.now()
    ids = list(registrations.values_list("pk", flat=True))
    log = RegistrationLog.objects.filter(registration_id__in=ids)
    log.exclude(reason="").update(reason="")
    # Participants (the person, a colleague who handed the seat over) are no longer named;
    # coordinators who acted in their role are.
    log.filter(actor__isnull=False).exclude(actor__is_staff=True).update(actor=None)
    return Registration.objects.filter(pk__in=ids).update(user=None, anonymised_at=now)


# --- Reminders -------------------------------------------------------------------------------


def reminders_queue(*, now=None) -> int:
    """Queue reminders 7 days and 1 day before events (hourly task; safe to run twice).

    7 days: events starting between 6 and 7 days from now; 1 day: within the next 24 hours.
    The outbox's dedupe key makes sure each person gets each reminder once.
    """
    now = now or timezone.now()
    windows = {
        7: (now + timedelta(days=6), now + timedelta(days=7)),
        1: (now, now + timedelta(days=1)),
    }
    queued = 0
    for days, (start, end) in windows.items():
        registrations = Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            user__isnull=False,
            event__cancelled=False,
            event__starts_at__gt=start,
            event__starts_at__lte=end,
        ).select_related("event", "user")
        with transaction.atomic():
            for registration in registrations:
                notifications.reminder(registration, days=days)
                queued += 1
    return queued
