"""Parallel sessions: choosing at registration and later, session capacity and queues, the
timetable, the coordinators' lists, exports and moves (learning.events.services.sessions,
learning.events.timetable, learning.events.admin_views.sessions)."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from learning.accounts.models import User
from learning.accounts.services import calendar_token_get_or_create
from learning.events import services, timetable
from learning.events.coordination import coordinator_sections_grant
from learning.events.models import (
    EventSession,
    Registration,
    RegistrationLog,
    RegistrationStatus,
    SessionChoice,
    SessionChoiceStatus,
)
from learning.events.services import RegistrationError, SessionsRefused
from learning.outbox.models import OutboxMessage
from tests.admin_forms import edit_form_values
from tests.calendar.readers import read_all
from tests.events.fixtures import add_programme, municipalities
from tests.factories import UserFactory
from tests.spreadsheets import csv_body

pytestmark = pytest.mark.django_db

SEATED, WAITING = SessionChoiceStatus.SEATED, SessionChoiceStatus.WAITING


@pytest.fixture
def coordinator(agenda, programme):
    coordinator_sections_grant(pages=[agenda, programme])
    user = UserFactory(is_staff=True, full_name="Coby Coördinator")
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def masterclass_coordinator(programme):
    """A coordinator of the masterclasses only: the agenda's events are not theirs."""
    group = Group.objects.create(name="Coördinatoren masterclasses")
    coordinator_sections_grant(pages=[programme], group_name=group.name)
    group.permissions.set(Group.objects.get(name="Coördinatoren").permissions.all())
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def day(make_event):
    """A day with three rounds of two sessions of two seats each."""
    event = make_event(capacity=10)
    rounds = add_programme(event, rounds=3, sessions=2, capacity=2)
    return event, rounds


def register(event, user, sessions=None):
    return services.registration_create(event=event, user=user, sessions=sessions)


def choices_of(registration):
    return {
        choice.round_id: (choice.session_id, choice.status)
        for choice in SessionChoice.objects.filter(registration=registration)
    }


# --- Choosing at registration -----------------------------------------------------------------


def test_a_registration_takes_one_session_per_round_and_a_full_one_queues(day, make_user):
    event, (first, second, third) = day
    a, b = first.session_list
    people = [make_user(organisation) for organisation in municipalities(3)]
    one = register(event, people[0], {first.pk: a.pk, second.pk: second.session_list[0].pk})
    two = register(event, people[1], {first.pk: a.pk})
    three = register(event, people[2], {first.pk: a.pk, third.pk: ""})

    assert choices_of(one) == {
        first.pk: (a.pk, SEATED),
        second.pk: (second.session_list[0].pk, SEATED),
    }
    assert choices_of(two) == {first.pk: (a.pk, SEATED)}
    # The session is full: the third person waits for it, first in its queue.
    assert choices_of(three) == {first.pk: (a.pk, WAITING)}
    assert SessionChoice.objects.get(registration=three).queue_position == 1
    assert b.choices.count() == 0


def test_the_database_holds_one_session_per_round(day, make_user):
    event, (first, *_rest) = day
    registration = register(event, make_user(), {first.pk: first.session_list[0].pk})
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionChoice.objects.create(
            registration=registration,
            session=first.session_list[1],
            round=first,
            status=SEATED,
        )


@pytest.mark.parametrize(
    "choice",
    ["other_round", "other_event", "junk", "huge"],
)
def test_a_session_that_is_not_offered_is_refused_and_nothing_is_saved(
    day, make_event, make_user, choice
):
    event, (first, second, _third) = day
    elsewhere = add_programme(make_event(), rounds=1, sessions=1)[0].session_list[0]
    value = {
        "other_round": second.session_list[0].pk,
        "other_event": elsewhere.pk,
        "junk": "sessie-één",
        "huge": "9" * 30,
    }[choice]
    user = make_user()
    with pytest.raises(SessionsRefused) as refusal:
        register(event, user, {first.pk: value})
    assert refusal.value.status == 400
    assert "Kies bij ‘Ronde 1’ een van de sessies die er staan." in refusal.value.errors[first.pk]
    assert not Registration.objects.filter(user=user).exists()
    assert not SessionChoice.objects.exists()


def test_someone_on_the_event_waiting_list_waits_for_the_session_and_gets_it_with_the_seat(
    make_event, make_user
):
    event = make_event(capacity=1)
    (first,) = add_programme(event, rounds=1, sessions=1, capacity=5)
    session = first.session_list[0]
    seated = register(event, make_user(), {first.pk: session.pk})
    waiting = register(event, make_user(), {first.pk: session.pk})
    assert waiting.status == RegistrationStatus.WAITING
    assert choices_of(waiting) == {first.pk: (session.pk, WAITING)}

    services.registration_cancel(registration=seated, actor=seated.user)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert choices_of(waiting) == {first.pk: (session.pk, SEATED)}
    # The cancelled registration let go of its session.
    assert not SessionChoice.objects.filter(registration=seated).exists()


# --- Changing sessions ------------------------------------------------------------------------


def test_a_changed_choice_frees_the_seat_for_the_first_in_that_sessions_queue(day, make_user):
    event, (first, *_rest) = day
    a, b = first.session_list
    holders = [register(event, make_user(), {first.pk: a.pk}) for _ in range(2)]
    queue = [register(event, make_user(), {first.pk: a.pk}) for _ in range(2)]
    mail.outbox.clear()

    outcome = services.registration_sessions_update(
        registration=holders[0], raw={first.pk: b.pk}, actor=holders[0].user
    )

    assert list(outcome.changed) == [first.pk]
    assert choices_of(holders[0]) == {first.pk: (b.pk, SEATED)}
    # FIFO: the first in the queue gets the seat, the second still waits.
    assert choices_of(queue[0]) == {first.pk: (a.pk, SEATED)}
    assert choices_of(queue[1]) == {first.pk: (a.pk, WAITING)}
    assert OutboxMessage.objects.filter(
        kind="registration_session_seated", user=queue[0].user
    ).exists()
    entry = RegistrationLog.objects.get(registration=holders[0], action="sessions")
    assert entry.reason == "Sessie 1.1 → Sessie 1.2"
    assert RegistrationLog.objects.filter(registration=queue[0], action="session_seated").exists()


def test_an_unchanged_choice_keeps_its_place_in_the_queue(day, make_user):
    event, (first, second, _third) = day
    a = first.session_list[0]
    for _ in range(2):
        register(event, make_user(), {first.pk: a.pk})
    waiting = register(event, make_user(), {first.pk: a.pk})
    services.registration_sessions_update(
        registration=waiting,
        raw={first.pk: str(a.pk), second.pk: second.session_list[1].pk},
        actor=waiting.user,
    )
    choice = SessionChoice.objects.get(registration=waiting, round=first)
    assert (choice.status, choice.queue_position) == (WAITING, 1)
    assert choices_of(waiting)[second.pk] == (second.session_list[1].pk, SEATED)


def test_choosing_no_session_frees_the_seat(day, make_user):
    event, (first, *_rest) = day
    a = first.session_list[0]
    holder = register(event, make_user(), {first.pk: a.pk})
    services.registration_sessions_update(
        registration=holder, raw={first.pk: ""}, actor=holder.user
    )
    assert choices_of(holder) == {}


def test_sessions_cannot_be_changed_after_the_deadline_or_by_someone_else(day, make_user):
    event, (first, *_rest) = day
    holder = register(event, make_user(), {first.pk: first.session_list[0].pk})
    with pytest.raises(RegistrationError) as error:
        services.registration_sessions_update(
            registration=holder, raw={first.pk: ""}, actor=make_user()
        )
    assert error.value.code == "not_yours"
    event.cancellation_deadline = timezone.now() - timedelta(minutes=1)
    event.save()
    holder.event = event
    with pytest.raises(RegistrationError) as error:
        services.registration_sessions_update(
            registration=holder, raw={first.pk: ""}, actor=holder.user
        )
    assert error.value.code == "sessions_deadline_passed"
    assert choices_of(holder) == {first.pk: (first.session_list[0].pk, SEATED)}


# --- Coordinators move people -----------------------------------------------------------------


def test_a_coordinator_moves_someone_with_a_logged_reason_and_the_seat_goes_on(
    day, make_user, coordinator
):
    event, (first, *_rest) = day
    a, b = first.session_list
    holder = register(event, make_user(), {first.pk: a.pk})
    register(event, make_user(), {first.pk: a.pk})
    waiting = register(event, make_user(), {first.pk: a.pk})

    services.session_choice_move(
        registration=holder,
        to_session=b,
        actor=coordinator,
        reason="Rolstoel: zaal 2 is gelijkvloers",
    )

    assert choices_of(holder) == {first.pk: (b.pk, SEATED)}
    assert choices_of(waiting) == {first.pk: (a.pk, SEATED)}
    entry = RegistrationLog.objects.get(registration=holder, action="session_move")
    assert entry.actor == coordinator
    assert entry.reason == "Ronde 1: Sessie 1.1 → Sessie 1.2. Rolstoel: zaal 2 is gelijkvloers"
    assert OutboxMessage.objects.filter(
        kind="registration_session_moved", user=holder.user
    ).exists()


def test_a_move_is_refused_into_a_full_session_without_a_reason_or_by_another_section(
    day, make_user, coordinator, masterclass_coordinator
):
    event, (first, *_rest) = day
    a, b = first.session_list
    holder = register(event, make_user(), {first.pk: a.pk})
    for _ in range(2):
        register(event, make_user(), {first.pk: b.pk})
    for actor, reason, code in [
        (coordinator, "Past beter", "session_full"),
        (coordinator, "  ", "reason_required"),
        (masterclass_coordinator, "Past beter", "forbidden"),
        (holder.user, "Past beter", "forbidden"),
    ]:
        with pytest.raises(RegistrationError) as error:
            services.session_choice_move(
                registration=holder, to_session=b, actor=actor, reason=reason
            )
        assert error.value.code == code
    assert choices_of(holder) == {first.pk: (a.pk, SEATED)}


# --- Pages --------------------------------------------------------------------------------------


def test_the_registration_form_offers_the_rounds_and_registers_with_the_choice(
    client, day, make_user
):
    event, (first, second, _third) = day
    user = make_user()
    client.force_login(user)
    response = client.get(f"{event.url}register/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ronde 1," in page and "Sessie 1.2 – Zaal 2 – nog 2 plaatsen" in page
    assert "Geen sessie in deze ronde" in page

    response = client.post(
        f"{event.url}register/",
        {
            "answers_form": "1",
            f"round_{first.pk}": first.session_list[1].pk,
            f"round_{second.pk}": "",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=user)
    assert choices_of(registration) == {first.pk: (first.session_list[1].pk, SEATED)}


def test_a_bad_session_in_the_form_is_a_dutch_error_on_the_field_and_nothing_is_saved(
    client, day, make_user
):
    event, (first, second, _third) = day
    user = make_user()
    client.force_login(user)
    response = client.post(
        f"{event.url}register/",
        {"answers_form": "1", f"round_{first.pk}": second.session_list[0].pk},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een geldige keuze" in page or "een van de sessies die er staan" in page
    assert f'href="#id_round_{first.pk}' in page or "utrecht-form-fieldset--invalid" in page
    assert not Registration.objects.filter(user=user).exists()


def test_the_event_page_shows_the_timetable_with_seats_left_and_my_session(client, day, make_user):
    event, (first, *_rest) = day
    a = first.session_list[0]
    user = make_user()
    register(event, user, {first.pk: a.pk})
    client.force_login(user)
    page = client.get(event.url).content.decode()
    assert 'id="timetable-heading"' in page
    assert "Zaal 1" in page and "Zaal 2" in page  # the rooms as columns
    assert "Nog 1 plaats" in page  # a: one of two seats left
    assert "Uw sessie" in page
    assert f"{event.url}sessies/" in page


def test_the_sessions_page_changes_a_choice_and_refuses_junk(client, day, make_user):
    event, (first, *_rest) = day
    a, b = first.session_list
    user = make_user()
    register(event, user, {first.pk: a.pk})
    client.force_login(user)
    response = client.get(f"{event.url}sessies/")
    assert response.status_code == 200
    assert f'value="{a.pk}" ' in response.content.decode().replace('"checked', '" checked')
    response = client.post(f"{event.url}sessies/", {f"round_{first.pk}": "x'<script>"})
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()
    response = client.post(f"{event.url}sessies/", {f"round_{first.pk}": b.pk})
    assert response.status_code == 302
    assert choices_of(Registration.objects.get(user=user)) == {first.pk: (b.pk, SEATED)}
    # Someone without a registration gets a Dutch 409, not a form.
    client.force_login(make_user())
    assert client.post(f"{event.url}sessies/", {f"round_{first.pk}": b.pk}).status_code == 409


def test_my_registrations_and_the_confirmation_show_the_sessions_with_times_and_rooms(
    client, day, make_user, django_capture_on_commit_callbacks
):
    event, (first, *_rest) = day
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        register(event, user, {first.pk: first.session_list[1].pk})
    client.force_login(user)
    page = client.get(reverse("events:my_registrations")).content.decode()
    start = timezone.localtime(first.starts_at)
    assert f"Ronde 1, {start:%H:%M}" in page
    assert "Sessie 1.2" in page and "(Zaal 2)" in page
    assert "Sessies wijzigen" in page
    confirmation = mail.outbox[-1]
    assert f"- Ronde 1, {start:%H:%M}" in confirmation.body
    assert "Sessie 1.2 (Zaal 2)" in confirmation.body


def test_the_personal_feed_has_an_item_per_session_read_alike_by_three_parsers(
    client, day, make_user
):
    event, (first, second, _third) = day
    user = make_user()
    register(
        event, user, {first.pk: first.session_list[0].pk, second.pk: second.session_list[1].pk}
    )
    token = calendar_token_get_or_create(user=user)
    response = client.get(reverse("personal_feed", kwargs={"token": token}))
    text = response.content.decode()
    # icalendar, the ``ical`` package and Mozilla's ical.js agree on every item.
    items = read_all(text)
    uid = f"{event.translation_key}-ronde-{first.pk}@circulairleren"
    assert items[uid]["summary"] == f"Sessie 1.1 ({event.title})"
    assert items[uid]["dtstart"] == {"utc": first.starts_at.strftime("%Y-%m-%dT%H:%M:%SZ")}
    assert items[uid]["dtend"] == {"utc": first.ends_at.strftime("%Y-%m-%dT%H:%M:%SZ")}
    assert items[uid]["status"] == "CONFIRMED"
    second_uid = f"{event.translation_key}-ronde-{second.pk}@circulairleren"
    assert items[second_uid]["summary"] == f"Sessie 2.2 ({event.title})"
    rooms = {
        str(item["uid"]): str(item.get("location", ""))
        for item in Calendar.from_ical(text).walk("VEVENT")
    }
    assert rooms[uid] == "Zaal 1"  # the room (the test event has no place of its own)


# --- Coordinators' screens ------------------------------------------------------------------


def test_the_coordinator_sees_the_sessions_exports_them_and_prints_a_room_list(
    client, day, make_user, coordinator
):
    event, (first, *_rest) = day
    a = first.session_list[0]
    for name in ("Anna van der Berg", "Bram Aalders", "Cor de Boer"):
        register(event, make_user(full_name=name), {first.pk: a.pk})
    client.force_login(coordinator)
    overview = client.get(reverse("registrations:sessions", args=[event.pk]))
    assert overview.status_code == 200
    assert "2 / 2" in overview.content.decode()

    detail = client.get(reverse("registrations:session", args=[event.pk, a.pk]))
    page = detail.content.decode()
    # Seats by surname (Aalders before Berg), the queue apart.
    assert page.index("Bram Aalders") < page.index("Anna van der Berg") < page.index("Cor de Boer")

    export = client.get(reverse("registrations:session", args=[event.pk, a.pk]), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(csv_body(export))))
    assert rows[0][:3] == ["Ronde", "Sessie", "Zaal"]
    assert {row[5] for row in rows[1:]} == {"Anna van der Berg", "Bram Aalders", "Cor de Boer"}
    assert {row[3] for row in rows[1:]} == {"Plek in de sessie", "Op de wachtlijst van de sessie"}
    xlsx = client.get(reverse("registrations:sessions", args=[event.pk]), {"export": "xlsx"})
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 4  # the headings and three people

    room = client.get(reverse("registrations:session_room_list", args=[event.pk, a.pk]))
    assert room.status_code == 200
    assert "Zaallijst" in room.content.decode() and "Handtekening" in room.content.decode()
    assert "Cor de Boer" not in room.content.decode()  # waiting: not in the room
    assert (
        client.get(
            reverse("registrations:sessions", args=[event.pk]), {"export": "pdf"}
        ).status_code
        == 404
    )


def test_the_coordinator_moves_someone_from_the_session_page(client, day, make_user, coordinator):
    event, (first, *_rest) = day
    a, b = first.session_list
    holder = register(event, make_user(full_name="Dirk Dekker"), {first.pk: a.pk})
    client.force_login(coordinator)
    url = reverse("registrations:session", args=[event.pk, a.pk])
    response = client.post(url, {"registration": holder.pk, "to_session": b.pk, "reason": ""})
    assert response.status_code == 400
    assert "Geef een reden op" in response.content.decode()
    response = client.post(url, {"registration": holder.pk, "to_session": a.pk, "reason": "x"})
    assert response.status_code == 400  # not another session of the round
    response = client.post(url, {"registration": holder.pk, "to_session": b.pk, "reason": "Ruil"})
    assert response.status_code == 302
    assert choices_of(holder) == {first.pk: (b.pk, SEATED)}


def test_another_sections_coordinator_and_participants_get_nothing(
    client, day, make_user, masterclass_coordinator
):
    event, (first, *_rest) = day
    a = first.session_list[0]
    holder = register(event, make_user(), {first.pk: a.pk})
    urls = [
        reverse("registrations:sessions", args=[event.pk]),
        reverse("registrations:session", args=[event.pk, a.pk]),
        reverse("registrations:session_room_list", args=[event.pk, a.pk]),
    ]
    client.force_login(masterclass_coordinator)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.get(url, {"export": "csv"}).status_code == 404, url
    response = client.post(urls[1], {"registration": holder.pk, "to_session": a.pk, "reason": "x"})
    assert response.status_code == 404
    client.force_login(holder.user)
    for url in urls:
        assert client.get(url).status_code in (302, 403), url


def test_a_session_of_another_event_is_404_in_the_admin(client, day, make_event, coordinator):
    event, _rounds = day
    elsewhere = add_programme(make_event(), rounds=1, sessions=1)[0].session_list[0]
    client.force_login(coordinator)
    for name in ("session", "session_room_list"):
        url = reverse(f"registrations:{name}", args=[event.pk, elsewhere.pk])
        assert client.get(url).status_code == 404


# --- Editors ----------------------------------------------------------------------------------


def test_an_editor_cannot_remove_a_session_that_people_chose(admin_client, day, make_user):
    event, (first, *_rest) = day
    register(event, make_user(), {first.pk: first.session_list[0].pk})
    values = edit_form_values(admin_client, event)
    values.setdefault("programme-count", ["0"])
    assert values["rounds-0-sessions-0-id"] == [str(first.session_list[0].pk)]
    values["rounds-0-sessions-0-DELETE"] = ["1"]
    values["action-publish"] = ["action-publish"]

    response = admin_client.post(f"/admin/pages/{event.pk}/edit/", values)

    assert response.status_code == 200  # the form again, with the message
    assert "Deze sessies hebben nog deelnemers en kunnen niet weg: ‘Sessie 1.1’" in (
        response.content.decode()
    )
    assert EventSession.objects.filter(pk=first.session_list[0].pk).exists()
    # A session nobody chose goes.
    values = edit_form_values(admin_client, event)
    values.setdefault("programme-count", ["0"])
    values["rounds-0-sessions-1-DELETE"] = ["1"]
    values["action-publish"] = ["action-publish"]
    assert admin_client.post(f"/admin/pages/{event.pk}/edit/", values).status_code == 302
    assert not EventSession.objects.filter(pk=first.session_list[1].pk).exists()


# --- Query counts -------------------------------------------------------------------------------


def test_event_page_and_session_list_cost_the_same_queries_as_the_programme_grows(
    client, make_event, make_user, django_assert_num_queries, coordinator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts(rounds, sessions, people):
        event = make_event(capacity=200)
        made = add_programme(event, rounds=rounds, sessions=sessions, capacity=100)
        for organisation in municipalities(people):
            register(
                event,
                make_user(organisation),
                {r.pk: r.session_list[index % sessions].pk for index, r in enumerate(made)},
            )
        visitor = make_user()
        register(event, visitor, {made[0].pk: made[0].session_list[0].pk})
        client.force_login(visitor)
        client.get(event.url)  # warm caches (site root, content types)
        with CaptureQueriesContext(connection) as page:
            assert client.get(event.url).status_code == 200
        client.force_login(coordinator)
        url = reverse("registrations:session", args=[event.pk, made[0].session_list[0].pk])
        client.get(url)
        with CaptureQueriesContext(connection) as listing:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as export:
            client.get(reverse("registrations:sessions", args=[event.pk]), {"export": "csv"})
        return len(page), len(listing), len(export)

    assert counts(1, 2, 2) == counts(3, 4, 12)


# --- The demo -----------------------------------------------------------------------------------


def test_the_demo_day_for_150_has_three_rounds_of_four_sessions_and_the_questions(demo_database):
    from learning.events.models import EventPage

    day = EventPage.objects.get(slug="dag-van-de-circulaire-overheid")
    assert day.capacity == 150
    programme = timetable.event_timetable(event=day)
    assert [len(r.cells) for r in programme.rounds] == [4, 4, 4]
    assert programme.fits_grid and len(programme.rooms) == 4
    assert {question.text for question in day.questions.all()} >= {
        "Heeft u dieetwensen?",
        "Wat heeft u nodig om goed mee te kunnen doen?",
        "Wat wilt u leren?",
    }
    lotte = Registration.objects.get(event=day, user__email="lotte.visser@gelderland.example")
    assert [
        choice.session.title
        for choice in timetable.registration_choices(registration=lotte).values()
    ] == [
        "Werkplaats: uw eigen kansenkaart",
        "Regionale biomassaketens",
        "Werkplaats: samenwerken in de regio",
    ]
