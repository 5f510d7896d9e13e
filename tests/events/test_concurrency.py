"""The rules under simultaneous requests, through the real views, on PostgreSQL.

Each request runs in its own thread with its own database connection, as gunicorn workers
would; the event row lock in learning.events.services must keep the numbers exact.

As in production, a request only queues its e-mail in the outbox and hands the message's id to
the broker after commit; a worker renders and sends it later (tests/core/test_celery_worker.py
does that through a real Redis and worker). Here the broker records what it is handed, so the
rushes check that every registration queued one message, handed over once, without also
rendering 200 e-mails in the test's process.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from learning.events.models import Registration, RegistrationStatus, WaitReason
from learning.outbox.models import OutboxMessage
from tests.conftest import require_service
from tests.events.fixtures import municipalities

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 32


@pytest.fixture(autouse=True)
def _postgresql_only():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")


@pytest.fixture(autouse=True)
def handed_to_broker(monkeypatch):
    """The message ids the requests hand to the broker (a worker would send them)."""
    from types import SimpleNamespace

    from learning.outbox import tasks

    handed = []
    monkeypatch.setattr(tasks, "send_message_task", SimpleNamespace(delay=handed.append))
    monkeypatch.setattr(tasks, "dispatch_messages_task", SimpleNamespace(delay=handed.extend))
    return handed


def assert_one_message_each(event, registrations, handed):
    """Every registration queued one e-mail to its person, and each was handed over once."""
    messages = OutboxMessage.objects.filter(event=event)
    assert sorted(handed) == sorted(messages.values_list("pk", flat=True))
    assert sorted(messages.values_list("to", flat=True)) == sorted(
        registrations.values_list("user__email", flat=True)
    )


def simultaneously(request, items):
    """``request(item)`` for every item from WORKERS threads at once; the answers in order.

    Each thread keeps its own database connection for the requests it makes, as a gunicorn
    worker does (CONN_MAX_AGE), and closes it when it is done: a new connection for every
    request cost PostgreSQL a new backend each time, ~1 s of CPU per rush of 200."""
    answers = [None] * len(items)
    numbered = list(enumerate(items))
    shares = [numbered[start::WORKERS] for start in range(WORKERS)]

    def thread(share):
        try:
            for index, item in share:
                answers[index] = request(item)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(thread, shares))  # raises what a thread raised
    return answers


def post_as(users, url):
    def one(user):
        client = Client()
        client.force_login(user)
        return client.post(url).status_code

    return simultaneously(one, users)


def test_200_simultaneous_registrations_for_150_seats(make_event, make_user, handed_to_broker):
    event = make_event(capacity=150)
    organisations = municipalities(200)
    users = [make_user(organisation) for organisation in organisations]

    statuses = post_as(users, f"{event.url}register/")

    assert set(statuses) == {302}, sorted(set(statuses))
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 150
    waiting = registrations.filter(status=RegistrationStatus.WAITING)
    assert waiting.count() == 50
    assert sorted(waiting.values_list("queue_position", flat=True)) == sorted(
        set(waiting.values_list("queue_position", flat=True))
    )
    assert_one_message_each(event, registrations, handed_to_broker)


def test_10_colleagues_at_once_for_a_masterclass_with_limit_3(make_masterclass, make_user, utrecht):
    masterclass = make_masterclass(capacity=25)
    colleagues = [make_user(utrecht) for _ in range(10)]

    statuses = post_as(colleagues, f"{masterclass.url}register/")

    assert set(statuses) == {302}
    registrations = Registration.objects.filter(event=masterclass)
    confirmed = list(registrations.filter(status=RegistrationStatus.CONFIRMED))
    waiting = registrations.filter(status=RegistrationStatus.WAITING)
    assert len(confirmed) == 3
    assert waiting.count() == 7
    assert set(waiting.values_list("wait_reason", flat=True)) == {WaitReason.ORGANISATION_FULL}

    # One of the three cancels: exactly one colleague is promoted.
    leaver = confirmed[0]
    client = Client()
    client.force_login(leaver.user)
    assert client.post(f"{masterclass.url}cancel/", {"confirm": "yes"}).status_code == 302
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == 6


def test_simultaneous_double_click_registers_once(make_event, make_user):
    event = make_event(capacity=10)
    user = make_user(municipalities(1)[0])

    statuses = post_as([user] * 8, f"{event.url}register/")

    assert Registration.objects.filter(event=event, user=user).count() == 1
    assert statuses.count(302) >= 1
    assert set(statuses) <= {302, 409}


def test_a_message_submitted_eight_times_at_once_is_queued_once(make_event, make_user):
    from django.urls import reverse

    from learning.events import services
    from learning.outbox.models import OutboxMessage

    event = make_event(capacity=10)
    for organisation in municipalities(3):
        services.registration_create(event=event, user=make_user(organisation))
    admin = make_user(is_staff=True, is_superuser=True)
    url = reverse("registrations:message", args=[event.pk])
    form = {"subject": "Route", "body": "Achteringang.", "token": "b" * 32, "action": "send"}

    def one(_):
        try:
            client = Client()
            client.force_login(admin)
            return client.post(url, form).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(one, range(8)))

    assert set(statuses) == {302}  # the first sends, the others hear it was sent already
    assert OutboxMessage.objects.filter(event=event, kind="registration_message").count() == 3


def post_each(pairs, url_of):
    """POST ``data`` as ``user`` for every (user, data), 32 at a time; the statuses."""

    def one(pair):
        user, data = pair
        client = Client()
        client.force_login(user)
        return client.post(url_of(user), data).status_code

    return simultaneously(one, pairs)


def test_200_simultaneous_registrations_choosing_sessions_of_30_in_3_rounds(
    make_event, make_user, handed_to_broker
):
    from learning.events.models import SessionChoice, SessionChoiceStatus
    from tests.events.fixtures import add_programme

    event = make_event(capacity=150)
    rounds = add_programme(event, rounds=3, sessions=4, capacity=30)
    users = [make_user(organisation) for organisation in municipalities(200)]
    # Most people want the first two sessions of a round: they fill and queue.
    wanted = [
        {
            "answers_form": "1",
            **{
                f"round_{r.pk}": r.session_list[(index + number) % (2 if index % 3 else 4)].pk
                for number, r in enumerate(rounds)
            },
        }
        for index in range(200)
    ]

    statuses = post_each(
        list(zip(users, wanted, strict=True)), lambda user: f"{event.url}register/"
    )

    assert set(statuses) == {302}, sorted(set(statuses))
    assert (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 150
    )
    choices = SessionChoice.objects.filter(round__event=event).select_related("registration")
    assert choices.count() == 600  # every registration, one session in each of 3 rounds
    assert_one_message_each(event, Registration.objects.filter(event=event), handed_to_broker)
    per_round = {}
    for choice in choices:
        per_round.setdefault((choice.registration_id, choice.round_id), []).append(choice)
    assert all(len(same) == 1 for same in per_round.values())
    for session in (s for r in rounds for s in r.session_list):
        mine = [choice for choice in choices if choice.session_id == session.pk]
        seated = [c for c in mine if c.status == SessionChoiceStatus.SEATED]
        waiting = sorted(
            (c for c in mine if c.status == SessionChoiceStatus.WAITING),
            key=lambda c: c.queue_position,
        )
        assert len(seated) <= 30, session
        # Seats only with an event seat; the queue is first come, first served.
        assert all(c.registration.status == RegistrationStatus.CONFIRMED for c in seated)
        assert [c.created_at for c in waiting] == sorted(c.created_at for c in waiting)
        assert len({c.queue_position for c in waiting}) == len(waiting)
        with_seat = [c for c in waiting if c.registration.status == RegistrationStatus.CONFIRMED]
        if with_seat:
            # Someone with an event seat waits only for a full session, behind its seats.
            assert len(seated) == 30
            assert max(c.created_at for c in seated) <= min(c.created_at for c in with_seat)


def test_simultaneous_session_changes_never_overfill_a_session(make_event, make_user):
    from learning.events.models import SessionChoice, SessionChoiceStatus
    from learning.events.services import registration_create
    from tests.events.fixtures import add_programme

    event = make_event(capacity=100)
    (first,) = add_programme(event, rounds=1, sessions=2, capacity=40)
    a, b = first.session_list
    users = [make_user(organisation) for organisation in municipalities(60)]
    for user in users:
        registration_create(
            event=event, user=user, sessions={first.pk: a.pk if users.index(user) < 40 else ""}
        )
    # 30 holders of a and 20 people without a session all want b (room for 40) at once.
    movers = users[:30] + users[40:]

    statuses = post_each(
        [(user, {f"round_{first.pk}": b.pk}) for user in movers],
        lambda user: f"{event.url}sessies/",
    )

    assert set(statuses) == {302}, sorted(set(statuses))
    seated_b = SessionChoice.objects.filter(session=b, status=SessionChoiceStatus.SEATED).count()
    waiting_b = SessionChoice.objects.filter(session=b, status=SessionChoiceStatus.WAITING).count()
    assert (seated_b, waiting_b) == (40, 10)
    # 30 seats freed in a (nobody waited for a): 10 holders stay; none lost or doubled.
    assert SessionChoice.objects.filter(session=a, status=SessionChoiceStatus.SEATED).count() == 10
    assert SessionChoice.objects.filter(round=first).count() == 60
