"""Check-in at the door (issue 15): the service and its window, the screen and its taps, the
QR link, bulk check-in, the door list, the no-shows, and who may do any of it."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.accounts.models import User
from learning.events import notifications, selectors, services
from learning.events.coordination import coordinator_sections_grant
from learning.events.models import (
    EventIndexPage,
    EventPage,
    Registration,
    RegistrationLog,
    RegistrationStatus,
    SessionChoice,
    SessionChoiceStatus,
)
from learning.events.services import RegistrationError
from learning.events.tasks import mark_no_shows_task
from learning.organisations.models import Organisation
from tests.events.fixtures import add_programme
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
S = RegistrationStatus


@pytest.fixture
def amsterdam():
    return Organisation.objects.get(cbs_code="GM0363")


@pytest.fixture
def coordinator(agenda, programme):
    coordinator_sections_grant(pages=[agenda, programme])
    user = UserFactory(is_staff=True, full_name="Coby Coördinator")
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def today_event(make_event):
    """An event that started half an hour ago: check-in is open."""

    def _make(**fields):
        start = timezone.now() - timedelta(minutes=30)
        return make_event(starts_at=start, ends_at=start + timedelta(hours=3), **fields)

    return _make


@pytest.fixture
def person(make_user, amsterdam):
    def _make(name, **fields):
        return make_user(organisation=amsterdam, full_name=name, **fields)

    return _make


def seat(event, user, status=S.CONFIRMED):
    """A registration created directly (the rules of registering are tested elsewhere)."""
    return Registration.objects.create(
        event=event, user=user, organisation=user.organisation, status=status
    )


@pytest.fixture
def other_section(home, person):
    """An event in another agenda, and a coordinator of the main agenda only."""
    south = EventIndexPage(title="Agenda Zuid", slug="agenda-zuid", intro="Het zuiden.")
    home.add_child(instance=south)
    south.save_revision().publish()
    start = timezone.now() - timedelta(minutes=10)
    event = EventPage(
        title="Regiodag Maastricht",
        slug="regiodag-maastricht",
        intro="Een dag in het zuiden.",
        starts_at=start,
        ends_at=start + timedelta(hours=4),
    )
    south.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk), seat(event, person("Sara Zuidema"))


@pytest.fixture
def north_coordinator(agenda):
    group = Group.objects.create(name="Coördinatoren Noord")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "events"],
            codename__in=["access_admin", "view_registration", "change_registration"],
        )
    )
    coordinator_sections_grant(pages=[agenda], group_name=group.name)
    user = UserFactory(is_staff=True, full_name="Noor Noord")
    user.groups.add(group)
    return user


def tap(client, event, registration, action="in", **headers):
    return client.post(
        reverse("registrations:checkin_tap", args=[event.pk]),
        {"registration": registration.pk, "action": action},
        headers={"accept": "application/json", **headers},
    )


# --- The service ------------------------------------------------------------------------------


def test_check_in_is_idempotent_and_logged_once(today_event, person, coordinator):
    event = today_event()
    anna = seat(event, person("Anna de Vries"))
    first = services.registration_check_in(registration=anna, actor=coordinator, via="scherm")
    second = services.registration_check_in(registration=anna, actor=coordinator, via="scherm")
    assert first.status == second.status == S.ATTENDED
    assert first.attended_at == second.attended_at
    entries = RegistrationLog.objects.filter(registration=anna, action="check_in")
    assert [(e.actor, e.from_status, e.to_status, e.reason) for e in entries] == [
        (coordinator, S.CONFIRMED, S.ATTENDED, "via het incheckscherm")
    ]

    services.registration_check_in_undo(registration=anna, actor=coordinator, via="scherm")
    services.registration_check_in_undo(registration=anna, actor=coordinator, via="scherm")
    anna.refresh_from_db()
    assert (anna.status, anna.attended_at) == (S.CONFIRMED, None)
    assert RegistrationLog.objects.filter(registration=anna, action="check_in_undo").count() == 1


@pytest.mark.parametrize("status", [S.WAITING, S.OFFERED, S.CANCELLED])
def test_only_seat_holders_can_be_checked_in(today_event, person, coordinator, status):
    registration = seat(today_event(), person("Willem Wachter"), status=status)
    with pytest.raises(RegistrationError) as refused:
        services.registration_check_in(registration=registration, actor=coordinator, via="scherm")
    assert refused.value.code == "checkin_no_seat"
    assert "bevestigde plek" in str(refused.value.message)
    registration.refresh_from_db()
    assert registration.status == status


def test_the_window_opens_before_the_start_and_closes_at_midnight_after_the_last_day(
    make_event, person, coordinator
):
    # Tuesday 10 March 2026, 10:00–16:00 Dutch time; check-in opens 45 minutes before.
    start = datetime(2026, 3, 10, 10, 0, tzinfo=AMSTERDAM)
    event = make_event(
        starts_at=start, ends_at=start + timedelta(hours=6), checkin_opens_minutes=45
    )
    anna = seat(event, person("Anna de Vries"))
    opens, closes = services.checkin_window(event)
    assert opens == datetime(2026, 3, 10, 9, 15, tzinfo=AMSTERDAM)
    assert closes == datetime(2026, 3, 11, 0, 0, tzinfo=AMSTERDAM)

    with pytest.raises(RegistrationError) as early:
        services.registration_check_in(
            registration=anna, actor=coordinator, via="scherm", now=opens - timedelta(seconds=1)
        )
    assert early.value.code == "checkin_not_open"
    assert "dinsdag 10 maart 2026, 09:15" in str(early.value.message)

    with pytest.raises(RegistrationError) as late:
        services.registration_check_in(
            registration=anna, actor=coordinator, via="scherm", now=closes
        )
    assert late.value.code == "checkin_closed"
    assert "woensdag 11 maart 2026, 00:00" in str(late.value.message)
    anna.refresh_from_db()
    assert anna.status == S.CONFIRMED

    services.registration_check_in(registration=anna, actor=coordinator, via="scherm", now=opens)
    anna.refresh_from_db()
    assert anna.status == S.ATTENDED


def test_set_attended_is_the_same_transition_without_the_window(make_event, person, coordinator):
    """The correction on the registration's page (from the signed door list afterwards)."""
    anna = seat(make_event(), person("Anna de Vries"))  # 30 days ahead: window not open
    services.registration_set_attended(registration=anna, actor=coordinator)
    services.registration_set_attended(registration=anna, actor=coordinator)  # idempotent
    anna.refresh_from_db()
    assert anna.status == S.ATTENDED
    assert list(anna.log_entries.values_list("action", "reason")) == [
        ("check_in", "correctie door de coördinator")
    ]


def test_the_services_refuse_who_does_not_manage_the_event(other_section, north_coordinator):
    event, sara = other_section
    for call in (
        lambda: services.registration_check_in(
            registration=sara, actor=north_coordinator, via="scherm"
        ),
        lambda: services.registration_check_in_undo(
            registration=sara, actor=north_coordinator, via="scherm"
        ),
        lambda: services.registrations_check_in(
            event=event, registration_ids=[sara.pk], actor=north_coordinator
        ),
        lambda: services.registration_check_in(registration=sara, actor=sara.user, via="qr"),
    ):
        with pytest.raises(RegistrationError) as refused:
            call()
        assert refused.value.code == "forbidden"
    sara.refresh_from_db()
    assert sara.status == S.CONFIRMED


# --- No-shows ---------------------------------------------------------------------------------


def test_no_shows_are_marked_after_the_window_by_the_beat_task(make_event, person, coordinator):
    start = timezone.now() - timedelta(days=2)
    past = make_event(starts_at=start, ends_at=start + timedelta(hours=4))
    came = seat(past, person("Anna de Vries"))
    services.registration_set_attended(registration=came, actor=coordinator)
    stayed_away = seat(past, person("Bram Bakker"))
    waiting = seat(past, person("Cor Wachter"), status=S.WAITING)
    running = today_registration = seat(
        make_event(
            starts_at=timezone.now() - timedelta(hours=1),
            ends_at=timezone.now() - timedelta(minutes=5),
        ),
        person("Dirk Dag"),
    )

    assert mark_no_shows_task() == 1
    assert mark_no_shows_task() == 0  # safe to run twice
    statuses = {
        r.pk: r.status
        for r in Registration.objects.filter(
            pk__in=[came.pk, stayed_away.pk, waiting.pk, running.pk]
        )
    }
    assert statuses == {
        came.pk: S.ATTENDED,
        stayed_away.pk: S.NO_SHOW,
        waiting.pk: S.WAITING,
        # Ended minutes ago: its window is open until midnight, so not yet.
        today_registration.pk: S.CONFIRMED,
    }
    entry = RegistrationLog.objects.get(registration=stayed_away, action="no_show")
    assert (entry.actor, entry.from_status, entry.to_status) == (None, S.CONFIRMED, S.NO_SHOW)


def test_coordinator_marks_no_shows_after_the_event_and_a_late_comer_can_still_check_in(
    coordinator_client, coordinator, today_event, make_event, person
):
    upcoming = make_event()
    seat(upcoming, person("Eva Eerder"))
    url = reverse("registrations:no_shows", args=[upcoming.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url)
    assert response.status_code == 409
    assert "pas na afloop" in response.content.decode()

    # Ended today (Dutch time), so that its check-in window is still open: an hour ago, or
    # halfway between midnight and now just after midnight.
    now = timezone.now()
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    end = max(now - timedelta(hours=1), midnight + (now - midnight) / 2)
    ended = make_event(starts_at=end - timedelta(hours=4), ends_at=end)
    late = seat(ended, person("Laura Laat"))
    response = coordinator_client.post(reverse("registrations:no_shows", args=[ended.pk]))
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == S.NO_SHOW

    # Shown as such in the listing, the export and on the person's own page.
    listing = coordinator_client.get(reverse("registrations:index"), {"event": ended.pk})
    assert "Niet verschenen" in listing.content.decode()
    export = coordinator_client.get(
        reverse("registrations:index"), {"event": ended.pk, "export": "csv"}
    )
    assert "Niet verschenen" in b"".join(export.streaming_content).decode()
    coordinator_client.force_login(late.user)
    own = coordinator_client.get(reverse("events:my_registrations")).content.decode()
    assert "Niet verschenen" in own

    # Still inside the window: someone who turns up late after all is checked in.
    services.registration_check_in(registration=late, actor=coordinator, via="scherm")
    late.refresh_from_db()
    assert late.status == S.ATTENDED


# --- The screen and its taps ------------------------------------------------------------------


def test_the_screen_lists_the_expected_people_by_surname_with_the_count(
    coordinator_client, today_event, person
):
    event = today_event()
    seat(event, person("Zoë van Aalst"))
    seat(event, person("Anna de Vries"))
    checked = seat(event, person("Bram Bakker"), status=S.ATTENDED)
    seat(event, person("Willem Wachter"), status=S.WAITING)
    response = coordinator_client.get(reverse("registrations:checkin", args=[event.pk]))
    assert response.status_code == 200
    names = [row["name"] for row in response.context["rows"]]
    assert names == ["Zoë van Aalst", "Bram Bakker", "Anna de Vries"]
    assert response.context["count"] == selectors.CheckinCount(checked_in=1, expected=3)
    content = response.content.decode()
    assert "Willem Wachter" not in content
    assert f'value="undo:{checked.pk}"' in content

    # Without JavaScript the search is a GET.
    response = coordinator_client.get(
        reverse("registrations:checkin", args=[event.pk]), {"q": "bakker"}
    )
    assert [row["name"] for row in response.context["rows"]] == ["Bram Bakker"]
    response = coordinator_client.get(
        reverse("registrations:checkin", args=[event.pk]), {"q": "amsterdam"}
    )
    assert len(response.context["rows"]) == 3


def test_a_tap_checks_in_and_answers_with_the_count_and_a_second_tap_changes_nothing(
    coordinator_client, today_event, person
):
    event = today_event()
    anna = seat(event, person("Anna de Vries"))
    seat(event, person("Bram Bakker"))
    for _ in range(2):
        response = tap(coordinator_client, event, anna)
        assert response.status_code == 200
        assert json.loads(response.content) == {
            "ok": True,
            "registration": anna.pk,
            "checked_in": True,
            "message": "Anna de Vries is ingecheckt.",
            "count": {"checked_in": 1, "expected": 2},
        }
    assert RegistrationLog.objects.filter(registration=anna, action="check_in").count() == 1

    response = tap(coordinator_client, event, anna, action="undo")
    assert json.loads(response.content)["count"] == {"checked_in": 0, "expected": 2}
    anna.refresh_from_db()
    assert anna.status == S.CONFIRMED


def test_a_tap_without_javascript_goes_back_to_the_screen(coordinator_client, today_event, person):
    event = today_event()
    anna = seat(event, person("Anna de Vries"))
    response = coordinator_client.post(
        reverse("registrations:checkin_tap", args=[event.pk]), {"tap": f"in:{anna.pk}", "q": "an"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?q=an")
    anna.refresh_from_db()
    assert anna.status == S.ATTENDED


def test_a_tap_outside_the_window_is_refused_with_a_dutch_message(
    coordinator_client, make_event, person
):
    event = make_event()  # 30 days ahead
    anna = seat(event, person("Anna de Vries"))
    response = tap(coordinator_client, event, anna)
    assert response.status_code == 409
    body = json.loads(response.content)
    assert body["ok"] is False
    assert body["message"].startswith("Inchecken kan nog niet. Het incheckscherm opent op")
    # Without JavaScript: the screen with the message, same status.
    response = coordinator_client.post(
        reverse("registrations:checkin_tap", args=[event.pk]), {"tap": f"in:{anna.pk}"}
    )
    assert response.status_code == 409
    assert "Inchecken kan nog niet" in response.content.decode()
    # The screen itself says so when it opens.
    screen = coordinator_client.get(reverse("registrations:checkin", args=[event.pk]))
    assert "Inchecken kan nog niet" in screen.content.decode()
    anna.refresh_from_db()
    assert anna.status == S.CONFIRMED


def test_bad_taps_are_4xx(coordinator_client, today_event, person, other_section):
    event = today_event()
    _other_event, sara = other_section
    url = reverse("registrations:checkin_tap", args=[event.pk])
    assert coordinator_client.post(url, {"action": "in"}).status_code == 400
    assert coordinator_client.post(url, {"registration": "x", "action": "in"}).status_code == 400
    anna = seat(event, person("Anna de Vries"))
    assert coordinator_client.post(url, {"registration": anna.pk, "action": "x"}).status_code == 400
    # A registration of another event, through this event's screen: not found here.
    assert tap(coordinator_client, event, sara).status_code == 404
    assert coordinator_client.get(url).status_code == 405


def test_another_sections_coordinator_is_refused_everywhere(
    client, north_coordinator, other_section, today_event, person
):
    event, sara = other_section
    client.force_login(north_coordinator)
    token = notifications.checkin_token(sara)
    for name in ("checkin", "door_list", "no_shows", "checkin_code"):
        url = reverse(f"registrations:{name}", args=[event.pk])
        assert client.get(url, {"token": token}).status_code == 404, name
    assert tap(client, event, sara).status_code == 404
    response = client.post(reverse("registrations:checkin_code", args=[event.pk]), {"token": token})
    assert response.status_code == 404
    # Their own event's QR screen does not take another event's code either.
    own = today_event()
    response = client.get(reverse("registrations:checkin_code", args=[own.pk]), {"token": token})
    assert response.status_code == 400
    assert "andere bijeenkomst" in response.content.decode()
    assert "Sara Zuidema" not in response.content.decode()
    response = client.post(reverse("registrations:checkin_code", args=[own.pk]), {"token": token})
    assert response.status_code == 400
    sara.refresh_from_db()
    assert sara.status == S.CONFIRMED
    assert not RegistrationLog.objects.filter(registration=sara).exists()


def test_participants_and_editors_without_rights_get_nothing(client, other_section, agenda):
    event, sara = other_section
    token = notifications.checkin_token(sara)
    # The participant opening their own QR link: the admin is not for them.
    client.force_login(sara.user)
    response = client.get(reverse("registrations:checkin_code", args=[event.pk]), {"token": token})
    assert response.status_code in (302, 403)
    assert "Sara Zuidema" not in response.content.decode()
    # An editor with admin access but without the registration rights: Wagtail's refusal
    # (back to the dashboard), never the list.
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for name in ("checkin", "door_list"):
        response = client.get(reverse(f"registrations:{name}", args=[event.pk]))
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert tap(client, event, sara).status_code in (302, 403)
    sara.refresh_from_db()
    assert sara.status == S.CONFIRMED


# --- The QR link ------------------------------------------------------------------------------


def test_a_scanned_qr_link_shows_the_person_and_checks_in_after_confirming(
    coordinator_client, today_event, person, settings
):
    event = today_event()
    anna = seat(event, person("Anna de Vries"))
    url = notifications.checkin_url(anna)
    assert url.startswith(
        settings.SITE_URL + reverse("registrations:checkin_code", args=[event.pk])
    )
    path = url.removeprefix(settings.SITE_URL)
    response = coordinator_client.get(path)
    assert response.status_code == 200
    assert "Anna de Vries" in response.content.decode()
    anna.refresh_from_db()
    assert anna.status == S.CONFIRMED  # opening alone changes nothing

    token = path.split("token=")[1]
    response = coordinator_client.post(path, {"token": token})
    assert response.status_code == 200
    assert "Anna de Vries is ingecheckt." in response.content.decode()
    anna.refresh_from_db()
    assert anna.status == S.ATTENDED
    assert anna.log_entries.get(action="check_in").reason == "via de QR-code"
    # The whole link pasted into the screen's field works too.
    response = coordinator_client.get(
        reverse("registrations:checkin_code", args=[event.pk]), {"token": url}
    )
    assert "al ingecheckt" in response.content.decode()


def test_the_qr_code_of_a_seat_handed_over_no_longer_checks_anyone_in(
    coordinator_client, today_event, person
):
    # Anna hands her seat to Bram (the same registration, another person): the code in her
    # confirmation e-mail must not check her in on his seat.
    event = today_event()
    anna = person("Anna de Vries")
    registration = seat(event, anna)
    old_token = notifications.checkin_token(registration)
    bram = person("Bram Bakker")
    services.registration_handover(registration=registration, to_email=bram.email, actor=anna)
    url = reverse("registrations:checkin_code", args=[event.pk])
    for response in (
        coordinator_client.get(url, {"token": old_token}),
        coordinator_client.post(url, {"token": old_token}),
    ):
        assert response.status_code == 400
        assert "Bram Bakker" not in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == S.CONFIRMED
    # Bram's own code works.
    registration.refresh_from_db()
    response = coordinator_client.post(url, {"token": notifications.checkin_token(registration)})
    assert response.status_code == 200
    assert Registration.objects.get(pk=registration.pk).status == S.ATTENDED


def test_forged_and_expired_qr_links_are_refused(
    coordinator_client, today_event, make_event, person
):
    event = today_event()
    anna = seat(event, person("Anna de Vries"))
    url = reverse("registrations:checkin_code", args=[event.pk])
    token = notifications.checkin_token(anna)
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        signing.dumps({"r": anna.pk, "e": event.pk}, salt="events.offer"),  # another salt
        signing.dumps({"r": anna.pk, "e": event.pk}, salt=notifications.CHECKIN_SALT, key="x" * 50),
        "",
        "niet-een-code",
    ]
    for bad in forged:
        for response in (
            coordinator_client.get(url, {"token": bad}),
            coordinator_client.post(url, {"token": bad}),
        ):
            assert response.status_code == 400, bad
            assert "Deze QR-code is ongeldig" in response.content.decode()
            assert "Anna de Vries" not in response.content.decode()

    start = timezone.now() - timedelta(days=3)
    past = make_event(starts_at=start, ends_at=start + timedelta(hours=3))
    bram = seat(past, person("Bram Bakker"))
    past_url = reverse("registrations:checkin_code", args=[past.pk])
    response = coordinator_client.get(past_url, {"token": notifications.checkin_token(bram)})
    assert response.status_code == 410
    assert "Deze QR-code is verlopen" in response.content.decode()
    response = coordinator_client.post(past_url, {"token": notifications.checkin_token(bram)})
    assert response.status_code == 410
    bram.refresh_from_db()
    assert bram.status == S.CONFIRMED
    anna.refresh_from_db()
    assert anna.status == S.CONFIRMED


def test_the_participant_sees_their_qr_code_on_my_registrations_and_in_the_mail(
    client, today_event, make_event, person, settings
):
    from learning.outbox.services.rendering import _render

    anna_user = person("Anna de Vries")
    upcoming = services.registration_create(event=make_event(title="Kringloopdag"), user=anna_user)
    start = timezone.now() - timedelta(days=3)
    past = make_event(title="Oude dag", starts_at=start, ends_at=start + timedelta(hours=3))
    seat(past, anna_user)
    client.force_login(anna_user)
    content = client.get(reverse("events:my_registrations")).content.decode()
    assert content.count("<svg") == 1
    assert "QR-code om in te checken bij Kringloopdag" in content

    from learning.outbox.models import OutboxMessage

    message = OutboxMessage.objects.get(kind="registration_confirmed", user=anna_user)
    _render(message, store=False)
    qr = next(a for a in message.attachments if a["mimetype"] == "image/svg+xml")
    assert qr["filename"] == notifications.CHECKIN_QR_FILENAME
    assert qr["content"].startswith("<?xml")
    assert notifications.CHECKIN_QR_FILENAME in message.html
    assert upcoming.status == S.CONFIRMED


# --- Bulk, door list --------------------------------------------------------------------------


def test_bulk_check_in_from_the_listing(coordinator_client, today_event, person, other_section):
    event = today_event()
    anna = seat(event, person("Anna de Vries"))
    bram = seat(event, person("Bram Bakker"))
    wim = seat(event, person("Willem Wachter"), status=S.WAITING)
    url = reverse("wagtail_bulk_action", args=["events", "registration", "aanwezig"])
    query = f"?id={anna.pk}&id={bram.pk}&id={wim.pk}&next=/admin/registrations/"
    response = coordinator_client.get(url + query)
    assert response.status_code == 200
    assert "Anna de Vries" in response.content.decode()
    response = coordinator_client.post(url + query)
    assert response.status_code == 302
    statuses = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert statuses == {anna.pk: S.ATTENDED, bram.pk: S.ATTENDED, wim.pk: S.WAITING}
    assert anna.log_entries.get(action="check_in").reason == "via de aanmeldingenlijst"

    # The listing offers the checkbox and the action.
    listing = coordinator_client.get(reverse("registrations:index"), {"event": event.pk})
    assert "data-bulk-action-checkbox" in listing.content.decode()
    assert url in listing.content.decode()


def test_bulk_check_in_is_refused_outside_the_window_and_for_other_sections(
    client, north_coordinator, make_event, person, other_section
):
    client.force_login(north_coordinator)
    url = reverse("wagtail_bulk_action", args=["events", "registration", "aanwezig"])
    _event, sara = other_section
    assert client.post(f"{url}?id={sara.pk}").status_code == 404
    anna = seat(make_event(), person("Anna de Vries"))  # 30 days ahead
    response = client.post(f"{url}?id={anna.pk}")
    assert response.status_code == 409
    assert "Inchecken kan nog niet" in response.content.decode()
    assert Registration.objects.get(pk=anna.pk).status == S.CONFIRMED
    assert Registration.objects.get(pk=sara.pk).status == S.CONFIRMED


def test_bulk_check_in_with_malformed_ids_is_404_not_500(coordinator_client, today_event, person):
    anna = seat(today_event(), person("Anna de Vries"))
    url = reverse("wagtail_bulk_action", args=["events", "registration", "aanwezig"])
    # "²" and "٣" pass str.isdigit(); int() refuses the first; a huge id fits no column.
    for ids in ("\u00b2", "x", "9" * 30, "-1"):
        assert coordinator_client.get(f"{url}?id={ids}").status_code == 404
        assert coordinator_client.post(f"{url}?id={ids}").status_code == 404
    assert Registration.objects.get(pk=anna.pk).status == S.CONFIRMED


def test_the_door_list_is_sorted_by_surname_with_sessions_and_signature_columns(
    coordinator_client, today_event, person
):
    event = today_event()
    (first,) = add_programme(event, rounds=1, sessions=2)
    for name in ("Anna de Vries", "Jan van der Berg", "Bram Bakker"):
        seat(event, person(name))
    seat(event, person("Willem Wachter"), status=S.CANCELLED)
    bram = Registration.objects.get(user__full_name="Bram Bakker")
    SessionChoice.objects.create(
        registration=bram,
        session=first.session_list[1],
        round=first,
        status=SessionChoiceStatus.SEATED,
    )
    response = coordinator_client.get(reverse("registrations:door_list", args=[event.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert [
        content.index(name) for name in ("Bram Bakker", "Jan van der Berg", "Anna de Vries")
    ] == sorted(
        content.index(name) for name in ("Bram Bakker", "Jan van der Berg", "Anna de Vries")
    )
    assert "Willem Wachter" not in content
    for heading in ("Naam", "Organisatie", "Sessies", "Handtekening"):
        assert f">{heading}</th>" in content
    assert "@page" not in content  # print CSS lives in the stylesheet
    # Bram's session, with its round and room; nobody else chose one.
    assert content.count("Ronde 1: Sessie 1.2 (Zaal 2)") == 1


def test_surname_sort_key_ignores_dutch_prefixes():
    names = [
        "Jan van der Berg",
        "anna de Vries",
        "Bram Bakker",
        "Ria in 't Veld",
        "Cher",
        "Zoey van \u2019t Erve",
    ]
    assert sorted(names, key=selectors.surname_sort_key) == [
        "Bram Bakker",
        "Jan van der Berg",
        "Cher",
        "Zoey van \u2019t Erve",
        "Ria in 't Veld",
        "anna de Vries",
    ]


def test_the_listing_links_to_the_screen_door_list_and_no_shows(coordinator_client, today_event):
    event = today_event()
    content = coordinator_client.get(
        reverse("registrations:index"), {"event": event.pk}
    ).content.decode()
    for name in ("checkin", "door_list", "no_shows"):
        assert reverse(f"registrations:{name}", args=[event.pk]) in content
    edit = coordinator_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert reverse("registrations:checkin", args=[event.pk]) in edit.content.decode()
    # Editors set the window in the event's "Aanmelden" tab.
    assert 'name="checkin_opens_minutes"' in edit.content.decode()


# --- Query counts -----------------------------------------------------------------------------


def test_the_screen_and_the_tap_use_a_constant_number_of_queries(
    client, coordinator, today_event, person
):
    event = today_event()

    def screen_queries():
        client.force_login(User.objects.get(pk=coordinator.pk))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("registrations:checkin", args=[event.pk]))
        assert response.status_code == 200
        return len(response.context["rows"]), len(queries)

    def tap_queries(registration):
        client.force_login(User.objects.get(pk=coordinator.pk))
        with CaptureQueriesContext(connection) as queries:
            response = tap(client, event, registration)
        assert response.status_code == 200
        return len(queries)

    tap_queries(seat(event, person("Warm Opwarmer")))  # caches (content types) filled once
    first = seat(event, person("Anna de Vries"))
    rows_few, few = screen_queries()
    tap_first = tap_queries(first)
    people = [seat(event, person(f"Deelnemer {number}")) for number in range(12)]
    rows_many, many = screen_queries()
    tap_last = tap_queries(people[-1])
    assert (rows_few, rows_many) == (2, 14)
    assert many == few
    assert tap_last == tap_first


def test_the_qr_code_shows_for_a_confirmed_seat_until_the_window_closes():
    from learning.events.predicates import registration_actions

    start = datetime(2026, 3, 10, 10, 0, tzinfo=AMSTERDAM)
    event = EventPage(starts_at=start, ends_at=start + timedelta(hours=6), checkin_opens_minutes=60)

    def actions(status, now):
        return registration_actions(registration=Registration(event=event, status=status), now=now)

    evening = datetime(2026, 3, 10, 23, 59, tzinfo=AMSTERDAM)
    assert actions(S.CONFIRMED, evening).shows_checkin_code
    assert not actions(
        S.CONFIRMED, datetime(2026, 3, 11, 0, 0, tzinfo=AMSTERDAM)
    ).shows_checkin_code
    for status in (S.WAITING, S.OFFERED, S.ATTENDED, S.CANCELLED, S.NO_SHOW):
        assert not actions(status, evening).shows_checkin_code
    no_show = actions(S.NO_SHOW, evening)
    assert no_show.is_no_show and no_show.can_see_online_url and not no_show.can_cancel
    event.cancelled = True
    assert not actions(S.CONFIRMED, evening).shows_checkin_code
