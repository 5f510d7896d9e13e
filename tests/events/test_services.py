"""The registration rules, one by one: happy path and refusal (learning.events.services)."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from learning.events import services
from learning.events.coordination import coordinator_sections_grant
from learning.events.models import PromotionMode, RegistrationLog, RegistrationStatus, WaitReason
from learning.events.services import RegistrationError, locking
from learning.organisations.models import Organisation
from tests.events.fixtures import add_programme, municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (outbox sends) of a block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def coordinator(make_user, agenda):
    # The change_registration permission, and the agenda's pages to edit: its events.
    group = Group.objects.create(name="Agenda-coördinatoren")
    coordinator_sections_grant(pages=[agenda], group_name=group.name)
    user = make_user(is_staff=True)
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="change_registration"))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


def register(event, user):
    return services.registration_create(event=event, user=user)


def refused(code, func, **kwargs):
    with pytest.raises(RegistrationError) as error:
        func(**kwargs)
    assert error.value.code == code
    assert str(error.value.message)  # a Dutch sentence for the person
    return error.value


# Rule 1 -------------------------------------------------------------------------------------


def test_rule1_verified_user_with_organisation_registers(make_event, make_user):
    event = make_event()
    registration = register(event, make_user())
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organisation_id is not None


def test_rule1_anonymous_unverified_and_organisationless_are_refused(make_event, make_user):
    event = make_event()
    refused("login_required", services.registration_create, event=event, user=AnonymousUser())
    unverified = make_user(verified=False)
    refused("email_unverified", services.registration_create, event=event, user=unverified)
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)
    refused("email_unverified", services.registration_create, event=event, user=unverified)
    no_organisation = make_user(organisation=None)
    no_organisation.organisation = None
    no_organisation.save()
    # Only events that count per organisation need one (see test_organisation_claims.py).
    limited = make_event(organisation_limit=3)
    refused(
        "organisation_missing", services.registration_create, event=limited, user=no_organisation
    )


# Rule 2 -------------------------------------------------------------------------------------


def test_rule2_registration_window(make_event, make_user):
    now = timezone.now()
    not_yet = make_event(registration_opens_at=now + timedelta(days=1))
    refused("not_open_yet", services.registration_create, event=not_yet, user=make_user())
    closed = make_event(registration_closes_at=now - timedelta(minutes=1))
    refused("closed", services.registration_create, event=closed, user=make_user())
    started = make_event(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))
    refused("closed", services.registration_create, event=started, user=make_user())
    open_event = make_event(
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=1),
    )
    assert register(open_event, make_user()).status == RegistrationStatus.CONFIRMED


def test_rule2_one_active_registration_per_person(make_event, make_user):
    event = make_event()
    user = make_user()
    first = register(event, user)
    refused("already_registered", services.registration_create, event=event, user=user)
    services.registration_cancel(registration=first, actor=user)
    # after cancelling, registering again is allowed
    assert register(event, user).status == RegistrationStatus.CONFIRMED


# Rule 3 -------------------------------------------------------------------------------------


def test_rule3_eligibility_by_role_and_organisation_kind(make_event, make_user):
    event = make_event(allowed_roles=["bestuur"], allowed_organisation_kinds=["gemeente"])
    refused(
        "role_not_allowed",
        services.registration_create,
        event=event,
        user=make_user(job_role="beleid"),
    )
    province = Organisation.objects.get(cbs_code="PV25")
    refused(
        "organisation_kind_not_allowed",
        services.registration_create,
        event=event,
        user=make_user(organisation=province, job_role="bestuur"),
    )
    assert register(event, make_user(job_role="bestuur")).status == RegistrationStatus.CONFIRMED


# Rule 4 -------------------------------------------------------------------------------------


def test_rule4_full_event_puts_people_on_a_fifo_waiting_list(make_event, make_user):
    event = make_event(capacity=2)
    orgs = municipalities(5)
    confirmed = [register(event, make_user(org)) for org in orgs[:2]]
    waiting = [register(event, make_user(org)) for org in orgs[2:]]
    assert {r.status for r in confirmed} == {RegistrationStatus.CONFIRMED}
    assert [r.status for r in waiting] == [RegistrationStatus.WAITING] * 3
    assert all(r.wait_reason == WaitReason.CAPACITY for r in waiting)
    assert [r.queue_position for r in waiting] == sorted(r.queue_position for r in waiting)
    from learning.events.selectors import waiting_position

    assert [waiting_position(registration=r) for r in waiting] == [1, 2, 3]
    services.registration_cancel(registration=confirmed[0], actor=confirmed[0].user)
    for registration in waiting:
        registration.refresh_from_db()
    assert [r.status for r in waiting] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    assert waiting_position(registration=waiting[2]) == 2


# Rule 5 -------------------------------------------------------------------------------------


def test_rule5_fourth_person_of_a_municipality_waits_as_organisation_full(
    make_masterclass, make_user, utrecht
):
    masterclass = make_masterclass(capacity=25)
    assert masterclass.organisation_limit == 3  # the default for masterclasses
    colleagues = [make_user(utrecht) for _ in range(4)]
    results = [register(masterclass, user) for user in colleagues]
    assert [r.status for r in results[:3]] == [RegistrationStatus.CONFIRMED] * 3
    assert results[3].status == RegistrationStatus.WAITING
    assert results[3].wait_reason == WaitReason.ORGANISATION_FULL
    # someone of another municipality still gets a seat
    other = register(masterclass, make_user(municipalities(1)[0]))
    assert other.status == RegistrationStatus.CONFIRMED


def test_rule5_organisation_full_person_is_skipped_until_own_seat_frees(
    make_masterclass, make_user, utrecht
):
    masterclass = make_masterclass(capacity=4)
    own = [register(masterclass, make_user(utrecht)) for _ in range(3)]
    utrecht_fourth = register(masterclass, make_user(utrecht))
    others = municipalities(3)
    other_confirmed = register(masterclass, make_user(others[1]))
    other_waiting = register(masterclass, make_user(others[2]))
    assert utrecht_fourth.wait_reason == WaitReason.ORGANISATION_FULL
    assert other_waiting.wait_reason == WaitReason.CAPACITY
    # A seat of another organisation frees: the Utrecht colleague is ahead in the queue
    # but may not take it; the next person who fits does.
    services.registration_cancel(registration=other_confirmed, actor=other_confirmed.user)
    utrecht_fourth.refresh_from_db()
    other_waiting.refresh_from_db()
    assert utrecht_fourth.status == RegistrationStatus.WAITING
    assert other_waiting.status == RegistrationStatus.CONFIRMED
    # Now a Utrecht seat frees, but the event is full: the colleague keeps waiting, for capacity.
    services.registration_cancel(registration=own[0], actor=own[0].user)
    utrecht_fourth.refresh_from_db()
    assert utrecht_fourth.status == RegistrationStatus.CONFIRMED


# Rule 6 -------------------------------------------------------------------------------------


def test_rule6_participant_cancels_until_deadline_then_only_coordinator(
    make_event, make_user, coordinator
):
    now = timezone.now()
    event = make_event(cancellation_deadline=now + timedelta(days=1))
    user = make_user()
    registration = register(event, user)
    event.cancellation_deadline = now - timedelta(minutes=1)
    event.save_revision().publish()
    refused(
        "cancel_deadline_passed",
        services.registration_cancel,
        registration=registration,
        actor=user,
    )
    refused(
        "not_yours",
        services.registration_cancel,
        registration=registration,
        actor=make_user(),
    )
    services.registration_cancel(registration=registration, actor=coordinator, reason="ziek")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    log = registration.log_entries.get(action="cancel")
    assert (log.actor, log.reason) == (coordinator, "ziek")


def test_rule6_participant_cancels_before_the_deadline(make_event, make_user):
    event = make_event(cancellation_deadline=timezone.now() + timedelta(days=3))
    user = make_user()
    registration = register(event, user)
    services.registration_cancel(registration=registration, actor=user)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    refused("not_active", services.registration_cancel, registration=registration, actor=user)


# Rule 7 -------------------------------------------------------------------------------------


def test_rule7_direct_promotion_notifies_in_the_same_transaction(make_event, make_user, committed):
    event = make_event(capacity=1)
    orgs = municipalities(2)
    first = register(event, make_user(orgs[0]))
    second = register(event, make_user(orgs[1]))
    mail.outbox.clear()
    with committed():
        services.registration_cancel(registration=first, actor=first.user)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    recipients = {message.to[0] for message in mail.outbox}
    assert second.user.email in recipients
    promoted = next(m for m in mail.outbox if m.to == [second.user.email])
    calendars = [
        part for part in promoted.message().walk() if part.get_content_type() == "text/calendar"
    ]
    assert len(calendars) == 1
    assert "METHOD:REQUEST" in calendars[0].get_payload(decode=True).decode()


def _calendar_parts(message) -> list[str]:
    return [
        part.get_payload(decode=True).decode()
        for part in message.message().walk()
        if part.get_content_type() == "text/calendar"
    ]


def test_confirmation_invites_and_cancellation_withdraws_the_same_calendar_item(
    make_event, make_user, committed
):
    event = make_event()
    person = make_user()
    mail.outbox.clear()
    with committed():
        registration = register(event, person)
    (invitation,) = _calendar_parts(next(m for m in mail.outbox if m.to == [person.email]))
    mail.outbox.clear()
    with committed():
        services.registration_cancel(registration=registration, actor=person)
    (withdrawal,) = _calendar_parts(next(m for m in mail.outbox if m.to == [person.email]))

    request, cancel = Calendar.from_ical(invitation), Calendar.from_ical(withdrawal)
    assert str(request["method"]) == "REQUEST"
    assert str(cancel["method"]) == "CANCEL"
    (requested,), (cancelled,) = request.walk("VEVENT"), cancel.walk("VEVENT")
    assert str(cancelled["uid"]) == str(requested["uid"])
    assert str(cancelled["status"]) == "CANCELLED"
    assert cancelled.decoded("sequence") >= requested.decoded("sequence")
    assert cancelled.decoded("dtstart") == requested.decoded("dtstart")


def test_rule7_offer_mode_offers_then_passes_on_after_expiry(make_event, make_user):
    event = make_event(capacity=1, promotion_mode=PromotionMode.OFFER, offer_hours=48)
    orgs = municipalities(3)
    first = register(event, make_user(orgs[0]))
    second = register(event, make_user(orgs[1]))
    third = register(event, make_user(orgs[2]))
    services.registration_cancel(registration=first, actor=first.user)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.OFFERED
    assert second.offer_expires_at > timezone.now() + timedelta(hours=47)
    # the offered seat counts: nobody else gets it meanwhile
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING
    # the offer expires: it passes to the next person
    expired = services.offers_expire(now=timezone.now() + timedelta(hours=49))
    assert expired == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == RegistrationStatus.CANCELLED
    assert third.status == RegistrationStatus.OFFERED
    refused("no_offer", services.offer_accept, registration=second, user=second.user)
    services.offer_accept(registration=third, user=third.user)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED


def test_rule7_offer_cannot_be_accepted_after_expiry(make_event, make_user):
    event = make_event(capacity=1, promotion_mode=PromotionMode.OFFER, offer_hours=1)
    orgs = municipalities(2)
    first = register(event, make_user(orgs[0]))
    second = register(event, make_user(orgs[1]))
    services.registration_cancel(registration=first, actor=first.user)
    second.refresh_from_db()
    second.offer_expires_at = timezone.now() - timedelta(minutes=1)
    second.save()
    refused("offer_expired", services.offer_accept, registration=second, user=second.user)


def test_rule7_coordinator_override_is_logged_with_reason(make_event, make_user, coordinator):
    event = make_event(capacity=1)
    orgs = municipalities(2)
    register(event, make_user(orgs[0]))
    waiting = register(event, make_user(orgs[1]))
    refused(
        "forbidden",
        services.registration_promote,
        registration=waiting,
        actor=make_user(),
        reason="x",
    )
    refused(
        "reason_required",
        services.registration_promote,
        registration=waiting,
        actor=coordinator,
        reason=" ",
    )
    services.registration_promote(
        registration=waiting, actor=coordinator, reason="Spreker van de middag"
    )
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED  # over capacity, by override
    log = RegistrationLog.objects.get(registration=waiting, action="override_promote")
    assert log.actor == coordinator
    assert log.reason == "Spreker van de middag"
    assert log.from_status == RegistrationStatus.WAITING


def test_rule7_coordinator_moves_someone_up_the_waiting_list(make_event, make_user, coordinator):
    event = make_event(capacity=1)
    orgs = municipalities(4)
    register(event, make_user(orgs[0]))
    waiting = [register(event, make_user(org)) for org in orgs[1:]]
    services.registration_move(
        registration=waiting[2], actor=coordinator, position=1, reason="Eerder toegezegd"
    )
    from learning.events.selectors import waiting_position

    for registration in waiting:
        registration.refresh_from_db()
    assert [waiting_position(registration=r) for r in waiting] == [2, 3, 1]
    assert RegistrationLog.objects.filter(registration=waiting[2], action="move").exists()


# Leaving the waiting list: no stale queue position on any path ------------------------------


def _waiting_pair(event, make_user):
    orgs = municipalities(3)
    first = register(event, make_user(orgs[0]))
    second = register(event, make_user(orgs[1]))
    assert second.status == RegistrationStatus.WAITING and second.queue_position == 1
    return first, second


def test_a_coordinator_promotion_clears_the_queue_position(make_event, make_user, coordinator):
    _first, waiting = _waiting_pair(make_event(capacity=1), make_user)
    services.registration_promote(registration=waiting, actor=coordinator, reason="Spreker")
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert (waiting.queue_position, waiting.wait_reason) == (None, "")


def test_a_direct_promotion_from_the_list_clears_the_queue_position(make_event, make_user):
    first, waiting = _waiting_pair(make_event(capacity=1), make_user)
    services.registration_cancel(registration=first, actor=first.user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert waiting.queue_position is None


def test_an_offer_and_its_acceptance_clear_the_queue_position(make_event, make_user):
    event = make_event(capacity=1, promotion_mode=PromotionMode.OFFER)
    first, waiting = _waiting_pair(event, make_user)
    services.registration_cancel(registration=first, actor=first.user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED
    assert waiting.queue_position is None
    # An offer made before this fix still carried its position: accepting clears it too.
    type(waiting).objects.filter(pk=waiting.pk).update(queue_position=1)
    services.offer_accept(registration=waiting, user=waiting.user)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.queue_position) == (RegistrationStatus.CONFIRMED, None)


def test_a_move_that_frees_a_seat_clears_the_promoted_position(make_event, make_user, coordinator):
    event = make_event(capacity=2)
    orgs = municipalities(4)
    register(event, make_user(orgs[0]))
    confirmed = register(event, make_user(orgs[1]))
    waiting = [register(event, make_user(org)) for org in orgs[2:]]
    # A seat frees without a fill (as when capacity was raised in the database): the move
    # fills the list and the promoted person leaves it without a position.
    type(confirmed).objects.filter(pk=confirmed.pk).update(status=RegistrationStatus.CANCELLED)
    services.registration_move(registration=waiting[1], actor=coordinator, position=1, reason="X")
    for registration in waiting:
        registration.refresh_from_db()
    assert waiting[1].status == RegistrationStatus.CONFIRMED
    assert waiting[1].queue_position is None
    assert (waiting[0].status, waiting[0].queue_position) == (RegistrationStatus.WAITING, 2)


def test_leaving_the_waiting_list_clears_the_queue_position(make_event, make_user):
    _first, waiting = _waiting_pair(make_event(capacity=1), make_user)
    services.registration_cancel(registration=waiting, actor=waiting.user)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.queue_position) == (RegistrationStatus.CANCELLED, None)


def test_the_migration_clears_stale_positions_and_keeps_the_waiting_ones(make_event, make_user):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "learning.events.migrations.0008_clear_stale_queue_positions"
    )
    event = make_event(capacity=1)
    orgs = municipalities(3)
    seat = register(event, make_user(orgs[0]))
    waiting = [register(event, make_user(org)) for org in orgs[1:]]
    type(seat).objects.filter(pk=seat.pk).update(queue_position=7)  # a promotion of old
    migration.clear_stale_positions(apps, None)
    seat.refresh_from_db()
    assert seat.queue_position is None
    assert [type(seat).objects.get(pk=r.pk).queue_position for r in waiting] == [1, 2]


# Rule 8 -------------------------------------------------------------------------------------


def test_rule8_handover_to_a_colleague_keeps_the_seat(make_event, make_user, utrecht):
    event = make_event(capacity=1)
    owner = make_user(utrecht)
    colleague = make_user(utrecht)
    registration = register(event, owner)
    services.registration_handover(
        registration=registration, to_email=colleague.email.upper(), actor=owner
    )
    registration.refresh_from_db()
    assert registration.user == colleague
    assert registration.status == RegistrationStatus.CONFIRMED
    assert RegistrationLog.objects.filter(registration=registration, action="handover").exists()


def test_rule8_handover_refusals(make_event, make_user, utrecht):
    event = make_event(capacity=2)
    owner = make_user(utrecht)
    registration = register(event, owner)
    outsider = make_user(municipalities(1)[0])
    refused(
        "handover_colleague_unknown",
        services.registration_handover,
        registration=registration,
        to_email=outsider.email,
        actor=owner,
    )
    refused(
        "handover_colleague_unknown",
        services.registration_handover,
        registration=registration,
        to_email="niemand@utrecht.example",
        actor=owner,
    )
    already = make_user(utrecht)
    register(event, already)
    refused(
        "handover_colleague_registered",
        services.registration_handover,
        registration=registration,
        to_email=already.email,
        actor=owner,
    )


# Rule 9 -------------------------------------------------------------------------------------


def test_rule9_raising_capacity_or_limit_promotes_from_the_waiting_list(
    make_masterclass, make_user, utrecht
):
    masterclass = make_masterclass(capacity=2, organisation_limit=1)
    first = register(masterclass, make_user(utrecht))
    colleague = register(masterclass, make_user(utrecht))
    other = municipalities(1)[0]
    second = register(masterclass, make_user(other))
    third = register(masterclass, make_user(other))
    assert colleague.wait_reason == WaitReason.ORGANISATION_FULL
    assert third.wait_reason == WaitReason.ORGANISATION_FULL
    masterclass.capacity = 3
    masterclass.save_revision().publish()  # the publish hook re-evaluates the list
    for registration in (colleague, third):
        registration.refresh_from_db()
    assert colleague.status == RegistrationStatus.WAITING  # limit still 1 per organisation
    assert colleague.wait_reason == WaitReason.ORGANISATION_FULL
    masterclass.organisation_limit = 2
    masterclass.save_revision().publish()
    for registration in (colleague, second, third, first):
        registration.refresh_from_db()
    assert colleague.status == RegistrationStatus.CONFIRMED
    assert third.status == RegistrationStatus.WAITING
    assert third.wait_reason == WaitReason.CAPACITY


# Attendance, messages, reminders, privacy ------------------------------------------------


def test_check_in_by_coordinator(make_event, make_user, coordinator):
    registration = register(make_event(), make_user())
    refused(
        "forbidden",
        services.registration_set_attended,
        registration=registration,
        actor=registration.user,
    )
    services.registration_set_attended(registration=registration, actor=coordinator)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED


def test_event_message_goes_to_everyone_with_a_seat_checked_in_or_not(
    make_event, make_user, coordinator, committed
):
    event = make_event(capacity=3)
    orgs = municipalities(5)
    seats = [register(event, make_user(org)) for org in orgs[:3]]
    services.registration_set_attended(registration=seats[0], actor=coordinator)  # checked in
    services.registration_cancel(registration=seats[2], actor=seats[2].user)  # gone
    register(event, make_user(orgs[3]))  # takes the freed seat
    register(event, make_user(orgs[4]))  # waiting: not addressed
    from learning.events.selectors import event_message_recipients

    expected = {r.user.email for r in event_message_recipients(event=event)}
    assert len(expected) == 3 and seats[2].user.email not in expected
    mail.outbox.clear()
    with committed():
        count = services.event_message_send(
            event=event,
            actor=coordinator,
            subject="Parkeren",
            body="Parkeer bij het station.",
            token="a" * 32,
        )
    assert count == 3
    assert {m.to[0] for m in mail.outbox} == expected
    # The same token again: refused, nothing queued.
    refused(
        "message_already_sent",
        services.event_message_send,
        event=event,
        actor=coordinator,
        subject="Parkeren",
        body="Parkeer bij het station.",
        token="a" * 32,
    )
    from learning.outbox.models import OutboxMessage

    assert OutboxMessage.objects.filter(kind="registration_message").count() == 3


def test_every_registration_email_kind_is_produced_and_has_a_dutch_name(
    make_event, make_user, coordinator, utrecht
):
    """The kinds are built from template names (``registration_kind``): produce each one
    through the services and check that the outbox names every one of them in Dutch."""
    from learning.events import notifications
    from learning.outbox import renderers
    from learning.outbox.models import OutboxMessage

    now = timezone.now()
    event = make_event(
        capacity=1, starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=24)
    )
    orgs = municipalities(2)
    first = register(event, make_user(utrecht))  # confirmed
    waiting = register(event, make_user(orgs[0]))  # waiting
    services.registration_cancel(registration=first, actor=first.user)  # cancelled, promoted
    waiting.refresh_from_db()
    offer_event = make_event(capacity=1, promotion_mode=PromotionMode.OFFER)
    leaver = register(offer_event, make_user(orgs[0]))
    register(offer_event, make_user(orgs[1]))
    services.registration_cancel(registration=leaver, actor=leaver.user)  # offered
    owner = register(make_event(), make_user(utrecht))
    services.registration_handover(  # handed_over
        registration=owner, to_email=make_user(utrecht).email, actor=owner.user
    )
    services.event_message_send(
        event=event, actor=coordinator, subject="S", body="B", token="c" * 32
    )
    services.event_message_send_test(event=event, actor=coordinator, subject="S", body="B")
    services.reminders_queue(now=now)  # reminder
    notifications.event_changed(waiting, before={})  # event_changed
    day = make_event(capacity=5)
    (first,) = add_programme(day, rounds=1, sessions=3, capacity=1)
    a, b, c = first.session_list
    seated = services.registration_create(event=day, user=make_user(), sessions={first.pk: a.pk})
    services.registration_create(event=day, user=make_user(), sessions={first.pk: a.pk})
    services.registration_sessions_update(  # session_seated: the second person gets a
        registration=seated, raw={first.pk: b.pk}, actor=seated.user
    )
    services.session_choice_move(  # session_moved
        registration=seated, to_session=c, actor=coordinator, reason="Ruil"
    )

    produced = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert produced == set(notifications.KIND_LABELS)
    for kind in produced:
        assert renderers.kind_label(kind) not in ("", kind), kind


def test_reminders_are_queued_once_seven_days_and_one_day_before(make_event, make_user, committed):
    now = timezone.now()
    soon = make_event(starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=24))
    week = make_event(
        starts_at=now + timedelta(days=6, hours=12), ends_at=now + timedelta(days=6, hours=16)
    )
    far = make_event(starts_at=now + timedelta(days=20), ends_at=now + timedelta(days=20, hours=4))
    for event in (soon, week, far):
        register(event, make_user())
    mail.outbox.clear()
    with committed():
        assert services.reminders_queue(now=now) == 2
        services.reminders_queue(now=now)  # a second run queues nothing new
    from learning.outbox.models import OutboxMessage

    assert OutboxMessage.objects.filter(kind="registration_reminder").count() == 2
    assert len(mail.outbox) == 2


def test_registrations_are_anonymised_after_the_retention_period(make_event, make_user):
    now = timezone.now()
    event = make_event()
    registration = register(event, make_user())
    organisation = registration.organisation
    EventPageModel = type(event)
    EventPageModel.objects.filter(pk=event.pk).update(
        starts_at=now - timedelta(days=400), ends_at=now - timedelta(days=400)
    )
    assert services.registrations_anonymise(now=now, months=12) == 1
    registration.refresh_from_db()
    assert registration.user is None
    assert registration.organisation == organisation  # figures per organisation remain
    assert registration.status == RegistrationStatus.CONFIRMED
    assert services.registrations_anonymise(now=now, months=12) == 0


def test_deleting_an_account_anonymises_its_registrations(make_event, make_user):
    from learning.accounts.services import user_delete

    registration = register(make_event(), make_user())
    user_delete(user=registration.user)
    registration.refresh_from_db()
    assert registration.user is None
    assert registration.anonymised_at is not None


def test_export_contains_registrations(make_event, make_user):
    from learning.accounts.services import user_export_data

    registration = register(make_event(), make_user())
    data = user_export_data(user=registration.user)["data"]["registrations"]
    assert data[0]["event"] == registration.event.title
    assert data[0]["status"] == "confirmed"


def test_lock_refuses_to_run_outside_a_transaction(make_event):
    from django.db import transaction

    event = make_event()
    with transaction.atomic():
        locking._lock_event(event.pk)
    # pytest-django wraps each test in a transaction, so simulate "outside" directly
    connection = transaction.get_connection()
    in_block = connection.in_atomic_block
    connection.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError):
            locking._lock_event(event.pk)
    finally:
        connection.in_atomic_block = in_block
