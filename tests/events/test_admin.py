"""The coordinators' back office: listing, export, inspect, actions, dashboard, group."""

import csv
import datetime
import importlib
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from wagtail.models import GroupPagePermission, PageViewRestriction

from learning.events import services
from learning.events.admin_views import UpcomingEventsPanel
from learning.events.coordination import coordinator_sections_grant
from learning.events.models import (
    EventIndexPage,
    EventPage,
    Registration,
    RegistrationLog,
    RegistrationStatus,
)
from learning.organisations.models import Organisation
from learning.outbox.models import OutboxMessage
from tests.admin_tables import audit_trail_rows
from tests.factories import UserFactory
from tests.spreadsheets import FORMULAS, assert_formulas_neutralised

pytestmark = pytest.mark.django_db

INDEX = "registrations:index"


@pytest.fixture
def amsterdam():
    return Organisation.objects.get(cbs_code="GM0363")


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True, full_name="Beheer Der")


@pytest.fixture
def coordinator(agenda, programme):
    # The Coördinatoren group as load_demo sets it up: every section that holds events.
    coordinator_sections_grant(pages=[agenda, programme])
    user = UserFactory(is_staff=True, full_name="Coby Coördinator")
    user.groups.add(Group.objects.get(name="Coördinatoren"))
    return user


@pytest.fixture(params=["superuser", "coordinator"])
def staff_client(request, client):
    client.force_login(request.getfixturevalue(request.param))
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def person(make_user, amsterdam):
    def _make(name, **fields):
        return make_user(organisation=amsterdam, full_name=name, **fields)

    return _make


def register(event, user):
    return services.registration_create(event=event, user=user)


def export_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


# --- Listing, filters, export, inspect -------------------------------------------------------


def test_staff_open_the_listing(staff_client, make_event, person, amsterdam):
    registration = register(make_event(title="Netwerkdag Zwolle"), person("Anna de Vries"))
    response = staff_client.get(reverse(INDEX))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Anna de Vries" in content
    assert registration.user.email in content
    assert "Netwerkdag Zwolle" in content
    assert escape(amsterdam.name) in content
    # Actions for a confirmed seat, and no add button.
    assert reverse("registrations:cancel", args=[registration.pk]) in content
    assert reverse("registrations:attended", args=[registration.pk]) in content
    assert "registrations/new/" not in content


def test_filter_by_event_and_status_shows_the_seats(staff_client, make_event, person):
    full = make_event(title="Kleine werksessie", capacity=1)
    other = make_event(title="Grote netwerkdag")
    register(full, person("Anna de Vries"))
    register(full, person("Bram Bakker"))  # waiting
    register(other, person("Carla Claes"))

    response = staff_client.get(reverse(INDEX), {"event": full.pk, "status": "waiting"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bram Bakker" in content
    assert "Anna de Vries" not in content
    assert "Carla Claes" not in content
    # The event's seats above the list: taken / capacity, free seats, waiting list.
    summary = response.context["event_summary"]
    assert (summary["seats"].taken, summary["seats"].capacity) == (1, 1)
    assert (summary["seats"].seats_left, summary["seats"].waiting) == (0, 1)
    assert summary["fill_rate"] == 100
    assert "Plaatsen bezet" in content
    assert reverse("registrations:message", args=[full.pk]) in content
    assert f"{reverse('outbox:index')}?event={full.pk}" in content


def test_filter_by_organisation_kind_and_search(staff_client, make_event, make_user, person):
    event = make_event()
    register(event, person("Anna de Vries"))
    register(event, make_user(organisation=Organisation.objects.get(cbs_code="PV25")))

    response = staff_client.get(reverse(INDEX), {"organisation_kind": "gemeente"})
    assert [r.user.full_name for r in response.context["object_list"]] == ["Anna de Vries"]

    response = staff_client.get(reverse(INDEX), {"q": "de vries"})
    assert [r.user.full_name for r in response.context["object_list"]] == ["Anna de Vries"]


def test_export_csv_has_one_row_per_registration(staff_client, make_event, person, amsterdam):
    event = make_event(title="Kleine werksessie", capacity=1)
    anna = register(event, person("Anna de Vries"))
    bram = register(event, person("Bram Bakker"))
    register(make_event(title="Andere dag"), person("Carla Claes"))

    response = staff_client.get(reverse(INDEX), {"event": event.pk, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="aanmeldingen.csv"'
    rows = export_rows(response)
    assert [row["Naam"] for row in rows] == ["Anna de Vries", "Bram Bakker"]
    first, second = rows
    assert first["Bijeenkomst"] == "Kleine werksessie"
    assert first["E-mailadres"] == anna.user.email
    assert first["Organisatie"] == amsterdam.name
    assert first["Soort organisatie"] == "Gemeente"
    assert first["CBS-code"] == "GM0363"
    assert first["Rol"] == "Beleid"
    assert first["Status"] == "Bevestigd"
    assert first["Bevestigd op"]  # local time, e.g. 2026-12-01 10:15
    assert second["Status"] == "Op de wachtlijst"
    assert second["Reden wachtlijst"] == "Vol"
    assert second["Plek in de rij"] == str(bram.queue_position)
    assert second["Bevestigd op"] == ""
    assert set(first) >= {"Begint op", "Aangemeld op", "Afgemeld op", "Aanwezig gemeld op"}


def test_export_shows_dutch_local_time(staff_client, make_event, person):
    # 08:00 UTC on a summer day is 10:00 in Amsterdam; the export says 10:00.
    starts_at = (timezone.now() + timedelta(days=60)).replace(
        month=7, day=1, hour=8, minute=0, second=0, microsecond=0, tzinfo=datetime.UTC
    )
    if starts_at < timezone.now():
        starts_at = starts_at.replace(year=starts_at.year + 1)
    event = make_event(starts_at=starts_at, ends_at=starts_at + timedelta(hours=3))
    anna = register(event, person("Anna de Vries"))
    rows = export_rows(staff_client.get(reverse(INDEX), {"event": event.pk, "export": "csv"}))
    assert rows[0]["Begint op"] == f"{starts_at.year}-07-01 10:00"
    confirmed = timezone.localtime(anna.confirmed_at, timezone.get_default_timezone())
    assert rows[0]["Bevestigd op"] == confirmed.strftime("%Y-%m-%d %H:%M")


def test_export_xlsx(staff_client, make_event, person):
    register(make_event(), person("Anna de Vries"))
    response = staff_client.get(reverse(INDEX), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_inspect_shows_the_audit_trail(coordinator_client, coordinator, make_event, person):
    event = make_event(capacity=1)
    anna = register(event, person("Anna de Vries"))
    services.registration_cancel(registration=anna, actor=coordinator, reason="Ziek gemeld")

    response = coordinator_client.get(reverse("registrations:inspect", args=[anna.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    rows = audit_trail_rows(content)
    assert [row[1] for row in rows] == ["Aangemeld", "Afgemeld"]
    assert rows[1][2:] == ["Bevestigd → Afgemeld", "Coby Coördinator", "Ziek gemeld"]
    assert "Anna de Vries" in content
    # Timestamps in Dutch time, not UTC.
    assert date_format(timezone.localtime(anna.created_at), "DATETIME_FORMAT") in content


def test_anonymised_registrations_say_so(staff_client, make_event, person):
    registration = register(make_event(), person("Anna de Vries"))
    services.registration_anonymise_queryset(Registration.objects.filter(pk=registration.pk))
    response = staff_client.get(reverse(INDEX))
    assert "geanonimiseerd" in response.content.decode()
    rows = export_rows(staff_client.get(reverse(INDEX), {"export": "csv"}))
    assert (rows[0]["Naam"], rows[0]["E-mailadres"]) == ("geanonimiseerd", "")


# --- Who may ---------------------------------------------------------------------------------


def test_people_without_the_permission_are_turned_away(client, user, make_event, person):
    registration = register(make_event(), person("Anna de Vries"))
    client.force_login(user)  # a participant: no admin access at all
    for url in (
        reverse(INDEX),
        reverse("registrations:inspect", args=[registration.pk]),
        reverse("registrations:cancel", args=[registration.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))

    response = client.post(
        reverse("registrations:cancel", args=[registration.pk]), {"reason": "Weg ermee"}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_an_editor_without_registration_rights_is_refused(client, make_event, person):
    registration = register(make_event(), person("Anna de Vries"))
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (reverse(INDEX), reverse("registrations:promote", args=[registration.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")


# --- Actions ---------------------------------------------------------------------------------


def test_cancel_frees_the_seat_for_the_next_person(
    coordinator_client, coordinator, make_event, person
):
    event = make_event(capacity=1)
    anna = register(event, person("Anna de Vries"))
    bram = register(event, person("Bram Bakker"))
    url = reverse("registrations:cancel", args=[anna.pk])

    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert "Reden" in response.content.decode()

    response = coordinator_client.post(url, {"reason": "Ziek gemeld"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(INDEX)}?event={event.pk}"
    anna.refresh_from_db()
    bram.refresh_from_db()
    assert anna.status == RegistrationStatus.CANCELLED
    assert bram.status == RegistrationStatus.CONFIRMED
    log = RegistrationLog.objects.get(registration=anna, action="cancel")
    assert (log.actor, log.reason) == (coordinator, "Ziek gemeld")

    page = coordinator_client.get(response["Location"])
    assert "is afgemeld" in page.content.decode()


def test_cancel_needs_a_reason(coordinator_client, make_event, person):
    anna = register(make_event(), person("Anna de Vries"))
    response = coordinator_client.post(reverse("registrations:cancel", args=[anna.pk]), {})
    assert response.status_code == 400
    assert "Geef een reden op" in response.content.decode()
    anna.refresh_from_db()
    assert anna.status == RegistrationStatus.CONFIRMED


def test_a_refusal_from_the_service_is_shown(coordinator_client, coordinator, make_event, person):
    event = make_event()
    anna = person("Anna de Vries")
    first = register(event, anna)
    services.registration_cancel(registration=first, actor=coordinator, reason="Dubbel")
    register(event, anna)  # registered again: the old registration cannot come back
    response = coordinator_client.post(
        reverse("registrations:promote", args=[first.pk]), {"reason": "Toch terug"}
    )
    assert response.status_code == 409
    assert "U bent al aangemeld voor deze bijeenkomst." in response.content.decode()


def test_an_action_that_no_longer_fits_the_status_is_refused(
    coordinator_client, coordinator, make_event, person
):
    anna = register(make_event(), person("Anna de Vries"))
    services.registration_cancel(registration=anna, actor=coordinator, reason="Dubbel")
    url = reverse("registrations:cancel", args=[anna.pk])
    for response in (coordinator_client.get(url), coordinator_client.post(url, {"reason": "X"})):
        assert response.status_code == 409
        assert escape("status ‘Afgemeld’") in response.content.decode()
    assert RegistrationLog.objects.filter(registration=anna, action="cancel").count() == 1


def test_override_promote_needs_a_reason_and_logs_it(
    coordinator_client, coordinator, make_event, person
):
    event = make_event(capacity=1)
    register(event, person("Anna de Vries"))
    bram = register(event, person("Bram Bakker"))
    url = reverse("registrations:promote", args=[bram.pk])

    response = coordinator_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Plek geven (overrule)" in content
    assert "maximum per organisatie" in content

    response = coordinator_client.post(url, {"reason": "  "})
    assert response.status_code == 400
    bram.refresh_from_db()
    assert bram.status == RegistrationStatus.WAITING

    response = coordinator_client.post(url, {"reason": "Spreker van de middagsessie"})
    assert response.status_code == 302
    bram.refresh_from_db()
    assert bram.status == RegistrationStatus.CONFIRMED  # beyond capacity: an override
    log = RegistrationLog.objects.get(registration=bram, action="override_promote")
    assert (log.actor, log.reason) == (coordinator, "Spreker van de middagsessie")


def test_move_on_the_waiting_list(coordinator_client, make_event, person):
    event = make_event(capacity=1)
    register(event, person("Anna de Vries"))
    bram = register(event, person("Bram Bakker"))
    carla = register(event, person("Carla Claes"))
    url = reverse("registrations:move", args=[carla.pk])

    response = coordinator_client.post(url, {"reason": "Voorrang afgesproken"})
    assert response.status_code == 400  # the new place is required

    response = coordinator_client.post(url, {"reason": "Voorrang afgesproken", "position": 1})
    assert response.status_code == 302
    bram.refresh_from_db()
    carla.refresh_from_db()
    assert carla.queue_position < bram.queue_position


def test_handover_to_a_colleague(coordinator_client, make_event, person):
    anna = register(make_event(), person("Anna de Vries"))
    colleague = person("Daan Dekker")
    url = reverse("registrations:handover", args=[anna.pk])

    response = coordinator_client.post(url, {"email": "onbekend@gemeente.example"})
    assert response.status_code == 409
    assert "een collega van dezelfde organisatie met een account" in response.content.decode()

    response = coordinator_client.post(url, {"email": colleague.email})
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.user == colleague
    assert anna.status == RegistrationStatus.CONFIRMED


def test_check_in_and_undo(coordinator_client, make_event, person):
    anna = register(make_event(), person("Anna de Vries"))

    response = coordinator_client.post(reverse("registrations:attended", args=[anna.pk]))
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.status == RegistrationStatus.ATTENDED
    assert anna.attended_at is not None

    response = coordinator_client.post(reverse("registrations:not_attended", args=[anna.pk]))
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.status == RegistrationStatus.CONFIRMED
    assert anna.attended_at is None


TOKEN = "0123456789abcdef0123456789abcdef"


def message_form(**fields):
    return {
        "subject": "Route",
        "body": "Neem de ingang aan de achterkant.",
        "token": TOKEN,
        **fields,
    }


def test_message_to_participants(coordinator_client, coordinator, make_event, person):
    event = make_event(capacity=2)
    anna = register(event, person("Anna de Vries"))
    register(event, person("Carla Jansen"))
    services.registration_set_attended(registration=anna, actor=coordinator)  # checked in
    register(event, person("Bram Bakker"))  # waiting: no message
    url = reverse("registrations:message", args=[event.pk])

    response = coordinator_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<strong>2 deelnemers</strong>" in content  # the count before anything is sent
    assert 'name="token"' in content
    assert coordinator_client.post(url, message_form(body="")).status_code == 400

    before = OutboxMessage.objects.filter(kind="registration_message").count()
    # "Bekijk voorbeeld": the check step, nothing sent yet.
    response = coordinator_client.post(url, message_form(action="check"))
    assert response.status_code == 200
    assert "Versturen aan 2 deelnemers" in response.content.decode()
    assert OutboxMessage.objects.filter(kind="registration_message").count() == before

    response = coordinator_client.post(url, message_form(action="send"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(INDEX)}?event={event.pk}"
    sent = OutboxMessage.objects.filter(kind="registration_message", event=event)
    # Checked in or not, everyone with a seat; not the waiting list.
    assert sorted(sent.values_list("to", flat=True)) == sorted(
        r.user.email for r in Registration.objects.filter(event=event).exclude(status="waiting")
    )
    assert sent.count() == before + 2


def test_a_message_sent_twice_from_the_same_form_is_queued_once(
    coordinator_client, make_event, person
):
    event = make_event()
    register(event, person("Anna de Vries"))
    url = reverse("registrations:message", args=[event.pk])
    assert coordinator_client.post(url, message_form(action="send")).status_code == 302
    # The browser's "resend", or a double click: the same form (token) again.
    response = coordinator_client.post(url, message_form(action="send"), follow=True)
    assert response.status_code == 200
    assert "Dit bericht is al verstuurd" in response.content.decode()
    assert OutboxMessage.objects.filter(kind="registration_message", event=event).count() == 1
    # A new form (a new token) is a new message.
    fresh = message_form(action="send", token="f" * 32)
    assert coordinator_client.post(url, fresh).status_code == 302
    assert OutboxMessage.objects.filter(kind="registration_message", event=event).count() == 2


@pytest.mark.parametrize("token", ["", "nonsense", "G" * 32, "0" * 33])
def test_a_message_form_without_a_valid_token_is_refused(
    coordinator_client, make_event, person, token
):
    event = make_event()
    register(event, person("Anna de Vries"))
    url = reverse("registrations:message", args=[event.pk])
    response = coordinator_client.post(url, message_form(action="send", token=token))
    assert response.status_code == 400
    assert "Dit formulier is verlopen" in response.content.decode()
    assert not OutboxMessage.objects.filter(kind="registration_message", event=event).exists()


def test_the_preview_shows_the_email_as_sent_and_escaped(coordinator_client, make_event, person):
    event = make_event(title="Netwerkdag Zwolle")
    register(event, person("Anna de Vries"))
    url = reverse("registrations:message", args=[event.pk])
    body = "Neem <script>alert('x')</script> mee & kom op tijd."
    response = coordinator_client.post(url, message_form(subject="Route <b>", body=body))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "Route &lt;b&gt;: Netwerkdag Zwolle" in content  # the subject as rendered
    assert escape(body) in content
    assert "Anna de Vries" in content  # the recipient the preview is for
    assert escape("De organisator van Netwerkdag Zwolle stuurt u dit bericht:") in content
    assert not OutboxMessage.objects.filter(event=event, kind="registration_message").exists()


def test_a_test_send_goes_to_the_coordinator_only_marked_test(
    coordinator_client, coordinator, make_event, person, django_capture_on_commit_callbacks
):
    event = make_event(title="Netwerkdag Zwolle")
    register(event, person("Anna de Vries"))
    url = reverse("registrations:message", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, message_form(action="test"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Een testbericht staat in de wachtrij" in content
    assert "Versturen aan 1 deelnemer" in content  # still in the check step, not sent
    test = OutboxMessage.objects.get(event=event, kind="registration_message_test")
    assert test.to == coordinator.email
    assert test.subject == "[Test] Route: Netwerkdag Zwolle"
    assert "Neem de ingang aan de achterkant." in test.text
    assert not OutboxMessage.objects.filter(event=event, kind="registration_message").exists()
    # It is no send: the real one still goes out, once, with the same form.
    assert coordinator_client.post(url, message_form(action="send")).status_code == 302
    assert OutboxMessage.objects.filter(event=event, kind="registration_message").count() == 1


def test_a_message_to_an_event_without_participants_is_refused(coordinator_client, make_event):
    event = make_event()
    url = reverse("registrations:message", args=[event.pk])
    response = coordinator_client.post(url, message_form())
    assert response.status_code == 200
    assert "Versturen aan" not in response.content.decode()
    response = coordinator_client.post(url, message_form(action="send"))
    assert response.status_code == 409
    assert not OutboxMessage.objects.filter(event=event).exists()


# --- Dashboard -------------------------------------------------------------------------------


def _render_panel(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    panel = UpcomingEventsPanel(index_url_name=INDEX)
    with CaptureQueriesContext(connection) as queries:
        html = panel.render_html({"request": request})
    return html, len(queries)


def test_dashboard_panel_uses_a_constant_number_of_queries(superuser, make_event, person):
    first = make_event(title="Eerste bijeenkomst", capacity=4)
    register(first, person("Anna de Vries"))
    make_event(title="Tweede bijeenkomst")
    html, queries_for_two = _render_panel(superuser)
    assert "Eerste bijeenkomst" in html
    assert "1 / 4" in html
    assert "25%" in html

    for number in range(8):
        event = make_event(title=f"Extra bijeenkomst {number}", capacity=2)
        register(event, person(f"Deelnemer {number}"))
    html, queries_for_ten = _render_panel(superuser)
    assert html.count("<tr>") == 11  # heading and ten events
    assert queries_for_ten == queries_for_two == 1


def test_dashboard_shows_the_panel_to_coordinators(coordinator_client, make_event):
    make_event(title="Netwerkdag Zwolle")
    response = coordinator_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Komende bijeenkomsten" in content
    assert "Netwerkdag Zwolle" in content


def test_dashboard_hides_the_panel_from_editors_without_rights(client, make_event):
    make_event(title="Netwerkdag Zwolle")
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Komende bijeenkomsten" not in response.content.decode()


# --- The group -------------------------------------------------------------------------------


def test_the_coordinator_group_has_exactly_its_permissions():
    group = Group.objects.get(name="Coördinatoren")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert codenames == {
        ("wagtailadmin", "access_admin"),
        ("events", "view_registration"),
        ("events", "change_registration"),
        ("outbox", "view_outboxmessage"),
        ("outbox", "change_outboxmessage"),
        # The monitor (monitor.0002_permissions): run rounds, see and export every response.
        ("monitor", "add_questionnaire"),
        ("monitor", "change_questionnaire"),
        ("monitor", "delete_questionnaire"),
        ("monitor", "add_round"),
        ("monitor", "change_round"),
        ("monitor", "delete_round"),
        ("monitor", "view_response"),
        ("monitor", "view_answer"),
        # Organisation claims and e-mail domains (accounts.0004).
        ("accounts", "view_organisationclaim"),
        ("accounts", "decide_organisationclaim"),
        ("organisations", "view_organisation"),
        ("organisations", "view_organisationdomain"),
        ("organisations", "add_organisationdomain"),
        ("organisations", "change_organisationdomain"),
        ("organisations", "delete_organisationdomain"),
        # Evaluation forms (evaluations.0002_permissions): seen, to choose one per event; the
        # redactie keeps them. Results follow the events they manage.
        ("evaluations", "view_evaluationform"),
        # Indicator values of every organisation, read-only in the admin (indicators.0003).
        ("indicators", "view_indicatorvalue"),
    }
    # No page permissions of their own on a fresh site: editors grant the sections that hold
    # events (learning/events/coordination.py), never the home page and all below it.
    assert not GroupPagePermission.objects.filter(group=group).exists()


def test_the_migration_moves_page_permissions_from_home_to_the_event_sections(
    home, agenda, programme
):
    from django.apps import apps

    migration = importlib.import_module("learning.events.migrations.0007_coordinator_sections")
    group = Group.objects.get(name="Coördinatoren")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=home, permission=Permission.objects.get(codename=codename)
        )
    migration.to_sections(apps, None)
    granted = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert granted == {
        (page.pk, codename)
        for page in (agenda, programme)
        for codename in ("add_page", "change_page", "publish_page")
    }


def test_coordinators_may_edit_event_pages_of_their_sections_only(
    coordinator_client, make_event, agenda, home
):
    coordinator_sections_grant(pages=[agenda])
    event = make_event()
    response = coordinator_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert response.status_code == 200
    # Outside the agenda: no editing, and no privacy change (finding 10).
    assert coordinator_client.get(
        reverse("wagtailadmin_pages:edit", args=[home.pk])
    ).status_code in (
        302,
        403,
    )
    privacy = reverse("wagtailadmin_pages:set_privacy", args=[home.pk])
    assert coordinator_client.get(privacy).status_code in (302, 403)
    response = coordinator_client.post(privacy, {"restriction_type": "login"})
    assert response.status_code in (302, 403)
    assert not PageViewRestriction.objects.filter(page=home).exists()


def test_export_csv_neutralises_formulas(staff_client, make_event, person):
    event = make_event(title="-1")
    for formula in FORMULAS:
        register(event, person(formula, job_title="@beleid"))
    response = staff_client.get(reverse(INDEX), {"event": event.pk, "export": "csv"})
    assert_formulas_neutralised(response)


# --- Coordinators of one section (issue 19) --------------------------------------------------


@pytest.fixture
def agenda_south(home):
    index = EventIndexPage(
        title="Agenda Zuid", slug="agenda-zuid", intro="Bijeenkomsten in het zuiden."
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def south_event(agenda_south):
    start = timezone.now() + timedelta(days=20)
    event = EventPage(
        title="Regiodag Maastricht",
        slug="regiodag-maastricht",
        intro="Een dag in het zuiden.",
        capacity=1,
        starts_at=start,
        ends_at=start + timedelta(hours=4),
    )
    agenda_south.add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@pytest.fixture
def north_coordinator(agenda):
    """A second coordinators' group, limited to the main agenda: not the southern agenda."""
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


@pytest.fixture
def two_sections(make_event, south_event, person):
    """One event in each agenda: Anna in the north (confirmed), Sara and Sem in the south."""
    north = make_event(title="Netwerkdag Zwolle")
    anna = register(north, person("Anna de Vries"))
    sara = register(south_event, person("Sara Zuidema"))  # confirmed
    sem = register(south_event, person("Sem Zuidema"))  # waiting
    return {"north": north, "south": south_event, "anna": anna, "sara": sara, "sem": sem}


ACTIONS = {
    # action: (registration key, POST data)
    "cancel": ("sara", {"reason": "Weg ermee"}),
    "promote": ("sem", {"reason": "Voorrang"}),
    "move": ("sem", {"reason": "Voorrang", "position": 1}),
    "handover": ("sara", {"email": "collega@gemeente.example"}),
    "attended": ("sara", {}),
    "not_attended": ("sara", {}),
}


def test_a_section_coordinator_lists_and_exports_only_their_events(
    client, north_coordinator, two_sections
):
    client.force_login(north_coordinator)
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Anna de Vries" in content
    assert "Sara Zuidema" not in content
    assert "Regiodag Maastricht" not in content
    assert list(response.context["object_list"]) == [two_sections["anna"]]

    # The event filter offers only the events they coordinate; asking for another is no way in.
    choices = response.context["filters"].form.fields["event"].queryset
    assert list(choices) == [EventPage.objects.get(pk=two_sections["north"].pk)]
    response = client.get(reverse(INDEX), {"event": two_sections["south"].pk})
    assert "Sara Zuidema" not in response.content.decode()
    assert "event_summary" not in response.context

    for fmt in ("csv",):
        rows = export_rows(client.get(reverse(INDEX), {"export": fmt}))
        assert [row["Naam"] for row in rows] == ["Anna de Vries"]
        rows = export_rows(
            client.get(reverse(INDEX), {"export": fmt, "event": two_sections["south"].pk})
        )
        assert "Sara Zuidema" not in [row["Naam"] for row in rows]


def test_a_section_coordinator_cannot_inspect_act_on_or_message_another_section(
    client, north_coordinator, two_sections
):
    client.force_login(north_coordinator)
    sara, sem = two_sections["sara"], two_sections["sem"]
    assert client.get(reverse("registrations:inspect", args=[sara.pk])).status_code == 404
    for action, (key, data) in ACTIONS.items():
        url = reverse(f"registrations:{action}", args=[two_sections[key].pk])
        assert client.get(url).status_code == 404, action
        assert client.post(url, data).status_code == 404, action

    message = reverse("registrations:message", args=[two_sections["south"].pk])
    before = OutboxMessage.objects.filter(kind="registration_message").count()
    assert client.get(message).status_code == 404
    for action in ("check", "test", "send"):
        response = client.post(message, message_form(action=action))
        assert response.status_code == 404
    assert OutboxMessage.objects.filter(kind="registration_message").count() == before
    assert not OutboxMessage.objects.filter(kind="registration_message_test").exists()

    # Nothing changed, nothing logged.
    sara.refresh_from_db()
    sem.refresh_from_db()
    assert (sara.status, sem.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
    assert (
        not RegistrationLog.objects.filter(registration__in=[sara, sem])
        .exclude(action="register")
        .exists()
    )

    # Their own section works as before.
    anna = two_sections["anna"]
    assert client.get(reverse("registrations:inspect", args=[anna.pk])).status_code == 200
    own = reverse("registrations:message", args=[two_sections["north"].pk])
    assert client.get(own).status_code == 200
    response = client.post(reverse("registrations:attended", args=[anna.pk]))
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.status == RegistrationStatus.ATTENDED


def test_the_services_refuse_a_coordinator_of_another_section(north_coordinator, two_sections):
    sara, sem = two_sections["sara"], two_sections["sem"]
    calls = [
        lambda: services.registration_promote(
            registration=sem, actor=north_coordinator, reason="X"
        ),
        lambda: services.registration_move(
            registration=sem, actor=north_coordinator, position=1, reason="X"
        ),
        lambda: services.registration_set_attended(registration=sara, actor=north_coordinator),
        lambda: services.event_message_send(
            event=two_sections["south"], actor=north_coordinator, subject="S", body="B", token="t"
        ),
        lambda: services.event_message_send_test(
            event=two_sections["south"], actor=north_coordinator, subject="S", body="B"
        ),
    ]
    for call in calls:
        with pytest.raises(services.RegistrationError) as refused:
            call()
        assert refused.value.code == "forbidden"
    # Cancelling someone else's registration is for its own coordinators only.
    with pytest.raises(services.RegistrationError) as refused:
        services.registration_cancel(registration=sara, actor=north_coordinator, reason="X")
    assert refused.value.code == "not_yours"
    assert services.can_manage_event(north_coordinator, two_sections["north"])
    assert not services.can_manage_event(north_coordinator, two_sections["south"])
    sara.refresh_from_db()
    assert sara.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("who", ["superuser", "coordinator"])
def test_coordinators_of_every_section_and_superusers_manage_both(
    request, client, who, two_sections, agenda_south
):
    if who == "coordinator":
        coordinator_sections_grant(pages=[agenda_south])  # load_demo grants every event section
    client.force_login(request.getfixturevalue(who))
    content = client.get(reverse(INDEX)).content.decode()
    assert "Anna de Vries" in content
    assert "Sara Zuidema" in content
    sara = two_sections["sara"]
    assert client.get(reverse("registrations:inspect", args=[sara.pk])).status_code == 200
    message = reverse("registrations:message", args=[two_sections["south"].pk])
    assert client.get(message).status_code == 200
    response = client.post(reverse("registrations:cancel", args=[sara.pk]), {"reason": "Ziek"})
    assert response.status_code == 302
    sara.refresh_from_db()
    assert sara.status == RegistrationStatus.CANCELLED


def test_the_dashboard_panel_shows_a_section_coordinator_only_their_events(
    north_coordinator, two_sections
):
    html, _queries = _render_panel(north_coordinator)
    assert "Netwerkdag Zwolle" in html
    assert "Regiodag Maastricht" not in html


def test_the_coordinator_listing_uses_a_constant_number_of_queries(
    client, north_coordinator, make_event, person, south_event
):
    from learning.accounts.models import User

    def count_queries():
        client.force_login(User.objects.get(pk=north_coordinator.pk))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(INDEX))
        assert response.status_code == 200
        return len(response.context["object_list"]), len(queries)

    register(make_event(), person("Anna de Vries"))
    register(south_event, person("Sara Zuidema"))
    rows_few, few = count_queries()
    for number in range(6):
        register(make_event(), person(f"Deelnemer {number}"))
    rows_many, many = count_queries()
    assert (rows_few, rows_many) == (1, 7)
    assert many == few


def test_the_dashboard_panel_for_a_coordinator_uses_a_constant_number_of_queries(
    north_coordinator, make_event, person
):
    from learning.accounts.models import User

    register(make_event(), person("Anna de Vries"))
    _html, few = _render_panel(User.objects.get(pk=north_coordinator.pk))
    for number in range(6):
        register(make_event(), person(f"Deelnemer {number}"))
    html, many = _render_panel(User.objects.get(pk=north_coordinator.pk))
    assert html.count("<tr>") == 8  # heading and seven events
    assert many == few
