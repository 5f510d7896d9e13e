"""Event and masterclass pages, register/cancel forms, the agenda and "Mijn aanmeldingen"."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning.events import services
from learning.events.models import Registration, RegistrationStatus
from tests.events.fixtures import municipalities

pytestmark = pytest.mark.django_db

# Session, user, the page (a raw lookup by URL path, then the page itself; the site comes from
# the cache), lock, aggregate, registration, log entry, outbox row, and the savepoint around
# them (it was 19 with Wagtail's routing and separate seat, queue and address queries, 12 with
# a knowledge-group lookup on every log entry; which pages have a participants' group now
# comes from the cache). A place on the waiting list costs no more: the position the message
# names comes from the same aggregate (it took a count of its own, 12 queries).
MAX_REGISTER_QUERIES = 11
# What "Ja, afmelden" posts on the confirmation page.
CONFIRM = {"confirm": "yes"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_event_page_shows_seats_and_the_organisation_line(make_masterclass, make_user, utrecht):
    masterclass = make_masterclass(capacity=25)
    colleague = make_user(utrecht)
    services.registration_create(event=masterclass, user=make_user(utrecht))
    content = client_for(colleague).get(masterclass.url).content.decode()
    assert "24" in content  # seats left of 25
    assert "Gemeente Utrecht" in content
    assert "Aanmelden" in content


def test_register_and_cancel_through_the_forms(make_event, make_user):
    event = make_event(capacity=10)
    user = make_user()
    client = client_for(user)
    response = client.post(f"{event.url}register/")
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=user)
    assert registration.status == RegistrationStatus.CONFIRMED
    page = client.get(event.url).content.decode()
    assert "U bent aangemeld" in page
    response = client.post(f"{event.url}cancel/", CONFIRM)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_the_fourth_of_a_municipality_hears_the_real_reason_and_the_position(
    make_event, make_user, utrecht
):
    """Seats are free: the organisation's maximum keeps the fourth waiting, not a full event."""
    event = make_event(capacity=150, organisation_limit=3)
    for _ in range(3):
        services.registration_create(event=event, user=make_user(utrecht))
    fourth = client_for(make_user(utrecht))
    response = fourth.post(f"{event.url}register/", follow=True)
    page = response.content.decode()
    assert "De bijeenkomst is vol" not in page
    assert (
        "Uw organisatie heeft het maximum van 3 deelnemers voor deze bijeenkomst bereikt. "
        "U staat op de wachtlijst, op plek 1," in page
    )


def test_a_full_event_says_so_with_the_position(make_event, make_user):
    event = make_event(capacity=1)
    services.registration_create(event=event, user=make_user())
    services.registration_create(event=event, user=make_user())  # waiting, first
    response = client_for(make_user()).post(f"{event.url}register/", follow=True)
    assert (
        "De bijeenkomst is vol. U staat op de wachtlijst, op plek 2." in response.content.decode()
    )


def test_register_requires_post_and_login(make_event, make_user):
    event = make_event()
    assert Client().post(f"{event.url}register/").status_code == 302  # to login
    # Without questions there is no form to show: back to the event page and its button.
    response = client_for(make_user()).get(f"{event.url}register/")
    assert (response.status_code, response["Location"]) == (302, event.url)
    assert client_for(make_user()).put(f"{event.url}register/").status_code == 405
    assert Client().get(f"{event.url}cancel/").status_code == 302  # to login
    assert client_for(make_user()).put(f"{event.url}cancel/").status_code == 405


def test_register_form_is_csrf_protected(make_event, make_user):
    event = make_event()
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    assert client.post(f"{event.url}register/").status_code == 403


def test_forms_of_restricted_and_draft_events_go_through_wagtail(agenda, make_event, make_user):
    """The forms are found by URL path (learning.core.routing); Wagtail still decides for
    pages under a view restriction and for drafts."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    members = Group.objects.create(name="Leerkring Bouw")
    for_group = make_event()
    restriction = PageViewRestriction.objects.create(
        page=for_group, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(members)
    outsider, member = make_user(), make_user()
    member.groups.add(members)
    response = client_for(outsider).post(f"{for_group.url}register/")
    assert response.status_code == 302 and "login" in response["Location"]
    response = client_for(member).post(f"{for_group.url}register/")
    assert response.status_code == 302 and response["Location"] == for_group.url
    assert list(Registration.objects.filter(event=for_group).values_list("user", flat=True)) == [
        member.pk
    ]

    draft = make_event()
    draft_url = draft.url
    draft.unpublish()
    assert client_for(outsider).post(f"{draft_url}register/").status_code == 404
    assert client_for(outsider).post(f"{agenda.url}register/").status_code == 404
    assert not Registration.objects.filter(event=draft).exists()

    # A restriction on the agenda covers the events below it.
    below = make_event()
    PageViewRestriction.objects.create(page=agenda, restriction_type=PageViewRestriction.LOGIN)
    assert "login" in Client().post(f"{below.url}register/")["Location"]
    assert client_for(outsider).post(f"{below.url}register/")["Location"] == below.url


def test_masterclass_forms_answer_with_the_masterclass_template(make_masterclass, make_user):
    masterclass = make_masterclass(registration_closes_at=timezone.now() - timedelta(hours=1))
    response = client_for(make_user()).post(f"{masterclass.url}register/")
    assert response.status_code == 409
    assert response.templates[0].name == masterclass.get_template(response.wsgi_request)


def test_register_post_queries_stay_constant(make_event, make_user, django_assert_max_num_queries):
    """The form is found by URL path (site and page: two queries, not Wagtail's walk down the
    tree); the session, the user, the lock (with the verified address), one aggregate, the
    registration, its log entry, the knowledge-group sync and the outbox row make the rest,
    whatever the number of registrations before it."""
    event = make_event(capacity=3)
    for _ in range(6):  # three confirmed, three waiting
        services.registration_create(event=event, user=make_user())
    url = f"{event.url}register/"
    Client().get(event.url)  # the site and menu cache, as on a running site
    for user in (make_user(), make_user()):
        client = client_for(user)
        with django_assert_max_num_queries(MAX_REGISTER_QUERIES):
            response = client.post(url)
        assert response.status_code == 302
    assert Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).count() == 5


def test_refusal_is_a_dutch_4xx_not_a_500(make_event, make_user):
    event = make_event(registration_closes_at=timezone.now() - timedelta(days=1))
    response = client_for(make_user()).post(f"{event.url}register/")
    assert response.status_code == 409
    assert "Aanmelden is gesloten." in response.content.decode()


def test_double_registration_is_refused_politely(make_event, make_user):
    event = make_event()
    client = client_for(make_user())
    client.post(f"{event.url}register/")
    response = client.post(f"{event.url}register/")
    assert response.status_code == 409
    assert "U bent al aangemeld" in response.content.decode()


# --- Cancelling asks first ---------------------------------------------------------------------


def test_afmelden_asks_first_and_names_that_the_seat_goes_to_the_next(make_event, make_user):
    event = make_event(capacity=1)
    orgs = municipalities(2)
    holder = make_user(orgs[0])
    services.registration_create(event=event, user=holder)
    client = client_for(holder)
    response = client.get(f"{event.url}cancel/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Uw plek komt vrij." in content  # nobody waits
    assert 'name="confirm" value="yes"' in content
    assert "Ja, afmelden" in content and "Nee, terug" in content

    services.registration_create(event=event, user=make_user(orgs[1]))  # now someone waits
    content = client.get(f"{event.url}cancel/").content.decode()
    assert "Uw plek gaat naar de volgende op de wachtlijst." in content
    assert "Uw plek komt vrij." not in content
    registration = Registration.objects.get(event=event, user=holder)
    assert registration.status == RegistrationStatus.CONFIRMED  # asking changed nothing


def test_a_waiting_person_hears_they_lose_their_place(make_event, make_user):
    event = make_event(capacity=1)
    orgs = municipalities(3)
    for org in orgs[:2]:
        services.registration_create(event=event, user=make_user(org))
    third = make_user(orgs[2])
    services.registration_create(event=event, user=third)
    content = client_for(third).get(f"{event.url}cancel/").content.decode()
    assert "U verliest uw plek op de wachtlijst (plek 2)." in content
    assert "Van de wachtlijst afmelden" in content


@pytest.mark.parametrize("data", [{}, {"confirm": ""}, {"confirm": "no"}, {"confirm": "YES "}])
def test_a_cancel_post_without_the_confirmation_cancels_nothing(make_event, make_user, data):
    event = make_event()
    user = make_user()
    services.registration_create(event=event, user=user)
    response = client_for(user).post(f"{event.url}cancel/", data)
    assert response.status_code == 200
    assert "Ja, afmelden" in response.content.decode()  # the confirmation page instead
    assert Registration.objects.get(event=event, user=user).status == RegistrationStatus.CONFIRMED


def test_the_confirmation_goes_back_where_it_came_from_and_nowhere_else(make_event, make_user):
    event = make_event()
    user = make_user()
    services.registration_create(event=event, user=user)
    client = client_for(user)
    mine = reverse("events:my_registrations")
    content = client.get(f"{event.url}cancel/?next={mine}").content.decode()
    assert f'href="{mine}"' in content  # "Nee, terug"
    assert f'name="next" value="{mine}"' in content
    content = client.get(f"{event.url}cancel/?next=https://evil.example/").content.decode()
    assert "evil.example" not in content
    response = client.post(f"{event.url}cancel/", {**CONFIRM, "next": mine})
    assert response.status_code == 302 and response["Location"] == mine
    assert Registration.objects.get(event=event, user=user).status == RegistrationStatus.CANCELLED


def test_the_cancel_links_lead_to_the_confirmation(make_event, make_user):
    event = make_event()
    user = make_user()
    services.registration_create(event=event, user=user)
    client = client_for(user)
    mine = client.get(reverse("events:my_registrations")).content.decode()
    assert f'href="{event.url}cancel/?next={reverse("events:my_registrations")}"' in mine
    assert f'action="{event.url}cancel/"' not in mine  # no one-click cancel any more
    page = client.get(event.url).content.decode()
    assert f'href="{event.url}cancel/"' in page
    assert f'action="{event.url}cancel/"' not in page


def test_an_attended_registration_cannot_be_cancelled(make_event, make_user, django_user_model):
    event = make_event()
    user = make_user()
    registration = services.registration_create(event=event, user=user)
    admin = django_user_model.objects.create_superuser(email="beheer@example.org", password="x")
    services.registration_set_attended(registration=registration, actor=admin)
    client = client_for(user)
    response = client.get(f"{event.url}cancel/")
    assert response.status_code == 409
    assert "al afgemeld of afgerond" in response.content.decode()
    assert client.post(f"{event.url}cancel/", CONFIRM).status_code == 409
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED


def test_cancel_without_registration_is_409(make_event, make_user):
    event = make_event()
    response = client_for(make_user()).post(f"{event.url}cancel/")
    assert response.status_code == 409


def test_online_link_only_for_confirmed_participants(make_event, make_user):
    event = make_event(capacity=1, online_url="https://meet.example/circulair")
    confirmed = make_user(municipalities(2)[0])
    waiting = make_user(municipalities(2)[1])
    services.registration_create(event=event, user=confirmed)
    services.registration_create(event=event, user=waiting)
    assert "meet.example" in client_for(confirmed).get(event.url).content.decode()
    assert "meet.example" not in client_for(waiting).get(event.url).content.decode()
    assert "meet.example" not in Client().get(event.url).content.decode()


def test_waiting_person_sees_position_and_reason(make_masterclass, make_user, utrecht):
    masterclass = make_masterclass(capacity=10)
    for _ in range(3):
        services.registration_create(event=masterclass, user=make_user(utrecht))
    fourth = make_user(utrecht)
    services.registration_create(event=masterclass, user=fourth)
    content = client_for(fourth).get(masterclass.url).content.decode()
    assert "wachtlijst" in content
    assert "plek 1" in content
    assert "organisatie vol" in content.lower()


def test_offer_accept_link(make_event, make_user):
    from learning.events.notifications import offer_token

    event = make_event(capacity=1, promotion_mode="offer")
    first, second = (make_user(org) for org in municipalities(2))
    first_registration = services.registration_create(event=event, user=first)
    second_registration = services.registration_create(event=event, user=second)
    services.registration_cancel(registration=first_registration, actor=first)
    client = client_for(second)
    token = offer_token(second_registration)
    assert client.get(f"{event.url}accept/", {"token": token}).status_code == 200
    assert client.get(f"{event.url}accept/", {"token": "vals"}).status_code == 400
    from django.core import signing

    from learning.events.notifications import OFFER_SALT

    for payload in ({"r": "abc"}, {"r": [1]}, {"r": None}):
        forged = signing.dumps(payload, salt=OFFER_SALT)  # signed, yet not a registration id
        assert client.get(f"{event.url}accept/", {"token": forged}).status_code == 400
    response = client.post(f"{event.url}accept/", {"token": token})
    assert response.status_code == 302
    second_registration.refresh_from_db()
    assert second_registration.status == RegistrationStatus.CONFIRMED


def test_handover_form(make_event, make_user, utrecht):
    event = make_event()
    owner, colleague = make_user(utrecht), make_user(utrecht)
    services.registration_create(event=event, user=owner)
    response = client_for(owner).post(f"{event.url}handover/", {"email": colleague.email})
    assert response.status_code == 302
    assert Registration.objects.get(event=event).user == colleague
    response = client_for(colleague).post(f"{event.url}handover/", {"email": "geen-adres"})
    assert response.status_code == 400


def test_my_registrations_lists_status_and_position(make_event, make_user):
    full = make_event(capacity=1)
    other = make_event()
    user = make_user(municipalities(2)[1])
    services.registration_create(event=full, user=make_user(municipalities(1)[0]))
    services.registration_create(event=full, user=user)
    services.registration_create(event=other, user=user)
    response = client_for(user).get(reverse("events:my_registrations"))
    assert response.status_code == 200
    content = response.content.decode()
    assert full.title in content and other.title in content
    registrations = list(response.context["registrations"])
    assert {r.event_id: r.position for r in registrations}[full.pk] == 1


def test_my_registrations_offers_cancel_only_before_the_deadline(make_event, make_user):
    # The button is offered exactly when the cancel service accepts it: after the
    # cancellation deadline (event still to come) posting answers 409, so no button.
    now = timezone.now()
    open_event = make_event(title="Nog af te melden", cancellation_deadline=now + timedelta(days=1))
    closed_event = make_event(
        title="Niet meer af te melden", cancellation_deadline=now - timedelta(hours=1)
    )
    user = make_user()
    services.registration_create(event=open_event, user=user)
    services.registration_create(event=closed_event, user=user)
    client = client_for(user)
    content = client.get(reverse("events:my_registrations")).content.decode()
    assert f'href="{open_event.url}cancel/?next=' in content
    assert f'href="{closed_event.url}cancel/' not in content
    assert client.get(f"{closed_event.url}cancel/").status_code == 409
    assert client.post(f"{closed_event.url}cancel/", CONFIRM).status_code == 409


def test_event_page_cancel_button_follows_the_deadline(make_event, make_user):
    now = timezone.now()
    event = make_event(cancellation_deadline=now + timedelta(days=1))
    user = make_user()
    services.registration_create(event=event, user=user)
    client = client_for(user)
    assert f'href="{event.url}cancel/"' in client.get(event.url).content.decode()
    event.cancellation_deadline = now - timedelta(hours=1)
    event.save_revision().publish()
    content = client.get(event.url).content.decode()
    assert f'href="{event.url}cancel/"' not in content
    assert "Afmelden via de site kan niet meer." in content


def test_agenda_lists_upcoming_and_past_with_filters(agenda, make_event, make_masterclass):
    now = timezone.now()
    upcoming = make_event(title="Ontmoetingsdag bouw")
    past = make_event(
        title="Terugblik biomassa",
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=10) + timedelta(hours=3),
    )
    masterclass = make_masterclass(title="Masterclass voor inkopers")
    client = Client()
    content = client.get(agenda.url).content.decode()
    assert upcoming.title in content and masterclass.title in content
    assert past.title not in content
    content = client.get(f"{agenda.url}afgelopen/").content.decode()
    assert past.title in content and upcoming.title not in content
    content = client.get(agenda.url, {"soort": "masterclass"}).content.decode()
    assert masterclass.title in content and upcoming.title not in content
    month = upcoming.starts_at.strftime("%Y-%m")
    assert client.get(agenda.url, {"maand": month}).status_code == 200


def test_agenda_bad_filter_is_400_with_message(agenda):
    response = Client().get(agenda.url, {"maand": "december", "soort": "feest"})
    assert response.status_code == 400
    assert "jaar-maand" in response.content.decode()


@pytest.mark.parametrize("month", ["0001-01", "1999-12", "2101-01", "10000000000000-1", "2026-13"])
def test_agenda_month_out_of_range_is_400_on_both_tabs(agenda, month):
    for url in (agenda.url, f"{agenda.url}afgelopen/"):
        response = Client().get(url, {"maand": month})
        assert response.status_code == 400
        assert "jaar-maand" in response.content.decode()


def test_agenda_queries_stay_constant(agenda, make_event, make_user, django_assert_max_num_queries):
    make_event()
    client = Client()
    client.get(agenda.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(agenda.url)
    # Read now: the captured list is a slice of a log that later queries push along.
    baseline = len(few)
    for _ in range(11):
        event = make_event()
        for organisation in municipalities(3):
            services.registration_create(event=event, user=make_user(organisation))
    client.get(agenda.url)  # the new pages emptied the site cache: warm it again
    with django_assert_max_num_queries(baseline):
        response = client.get(agenda.url)
    assert len(response.context["events"].object_list) == 12


def test_event_page_queries_stay_constant(make_event, make_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = make_event(capacity=500)
    viewer = make_user()
    client = client_for(viewer)
    client.get(event.url)
    with CaptureQueriesContext(connection) as few:
        client.get(event.url)
    for organisation in municipalities(40):
        services.registration_create(event=event, user=make_user(organisation))
    with django_assert_max_num_queries(len(few)):
        client.get(event.url)


def test_my_registrations_queries_stay_constant(
    make_event, make_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_user()
    client = client_for(user)
    services.registration_create(event=make_event(), user=user)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:my_registrations"))
    for _ in range(8):
        services.registration_create(event=make_event(), user=user)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("events:my_registrations"))


def test_home_page_shows_upcoming_events(make_event, home):
    event = make_event(title="Dag van de circulaire overheid")
    content = Client().get(home.url).content.decode()
    assert event.title in content


def test_programme_page_lists_its_sessions_in_order(programme, make_masterclass, make_user):
    later = make_masterclass(title="Tweede masterclass")
    earlier = make_masterclass(
        title="Eerste masterclass",
        starts_at=later.starts_at - timedelta(days=7),
        ends_at=later.ends_at - timedelta(days=7),
    )
    content = Client().get(programme.url).content.decode()
    assert content.index(earlier.title) < content.index(later.title)
    assert "Uitvoering en inkoop" in content


def test_broker_outage_at_registration_loses_neither_registration_nor_email(
    make_event, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.core import mail
    from kombu.exceptions import OperationalError

    from learning.outbox import services as outbox_services
    from learning.outbox.models import OutboxMessage, OutboxStatus
    from learning.outbox.tasks import send_message_task

    event = make_event()
    user = make_user()

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_message_task, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(f"{event.url}register/")
    assert response.status_code == 302
    assert Registration.objects.get(event=event, user=user).status == RegistrationStatus.CONFIRMED
    message = OutboxMessage.objects.get(user=user, kind="registration_confirmed")
    assert message.status == OutboxStatus.QUEUED
    assert mail.outbox == []

    monkeypatch.undo()  # the broker is back
    later = timezone.now() + timedelta(minutes=5)
    outbox_services.messages_flush(now=later)
    outbox_services.messages_flush(now=later)  # a second flush sends nothing more
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_a_flood_of_registrations_gets_a_dutch_429(make_event, make_user):
    event = make_event(capacity=100)
    client = client_for(make_user())
    statuses = []
    for _ in range(12):
        statuses.append(client.post(f"{event.url}register/").status_code)
        client.post(f"{event.url}cancel/", CONFIRM)
    assert 429 in statuses
    refused = client.post(f"{event.url}register/")
    assert refused.status_code == 429
    assert "Te veel pogingen" in refused.content.decode()
    # Someone else registers as usual.
    assert client_for(make_user()).post(f"{event.url}register/").status_code == 302


def handover_answer(client, event, email):
    response = client.post(f"{event.url}handover/", {"email": email})
    return response.status_code, response.context["error"] if response.context else None


def test_handover_answers_alike_for_unknown_and_other_organisation_addresses(
    make_event, make_user, utrecht
):
    event = make_event()
    owner = make_user(utrecht)
    services.registration_create(event=event, user=owner)
    outsider = make_user(municipalities(1)[0])
    unconfirmed = make_user(utrecht, verified=False)
    client = client_for(owner)
    unknown = handover_answer(client, event, "niemand@utrecht.example")
    assert unknown[0] == 409
    assert handover_answer(client, event, outsider.email) == unknown
    assert handover_answer(client, event, unconfirmed.email) == unknown
    assert Registration.objects.get(event=event).user == owner


def test_handover_is_limited_per_person(make_event, make_user, utrecht):
    event = make_event()
    owner = make_user(utrecht)
    services.registration_create(event=event, user=owner)
    client = client_for(owner)
    statuses = [
        client.post(f"{event.url}handover/", {"email": f"gok{n}@utrecht.example"}).status_code
        for n in range(6)
    ]
    assert statuses == [409] * 5 + [429]
