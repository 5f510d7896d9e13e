"""The home page that leads: what the platform offers (anonymous), the person's own next steps
(logged in), nothing they may not see, and constant queries as content grows."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from learning.core import homeblocks
from learning.core.models import Theme
from learning.events import services as event_services
from learning.monitor.models import MonitorTheme, Question
from tests.events.fixtures import add_programme
from tests.factories import UserFactory
from tests.monitor.fixtures import submit_responses

pytestmark = pytest.mark.django_db


def _private(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name=f"Besloten {page.pk}"))


def _html(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_blocks_are_registered_in_the_order_a_civil_servant_needs_them():
    offer = [block.name for block in homeblocks.blocks_for(audience=homeblocks.ANONYMOUS)]
    assert offer[:5] == ["events", "circles", "pioneers", "knowledge", "monitor"]
    personal = [block.name for block in homeblocks.blocks_for(audience=homeblocks.PERSONAL)]
    assert personal[:4] == [
        "my_registrations",
        "my_meetings",
        "monitor_tasks",
        "recommended_masterclasses",
    ]


def test_anonymous_home_shows_the_offer_with_counts_and_next_dates(
    client, make_event, make_masterclass, make_circle, make_profile, monitor_page, make_round
):
    soon = timezone.now() + timedelta(days=3)
    make_masterclass(
        title="Masterclass circulair slopen", starts_at=soon, ends_at=soon + timedelta(hours=3)
    )
    make_event(title="Netwerkdag grondstoffen")
    secret_event = make_event(title="Besloten directeurenoverleg")
    _private(secret_event)
    make_circle(title="Leerkring biobased bouwen")
    make_circle(title="Gesloten kring", applications_open=False)
    make_profile(title="Sanne de Vries")
    hidden = make_profile(title="Geheime Pionier")
    _private(hidden)
    make_round(title="Monitor 2026")

    html = _html(client)
    positions = [
        html.index(heading)
        for heading in (
            'id="home-events-heading"',
            'id="home-circles-heading"',
            'id="home-pioneers-heading"',
            'id="home-knowledge-heading"',
            'id="home-monitor-heading"',
        )
        if heading in html
    ]
    assert len(positions) == 4 and positions == sorted(positions)  # no knowledge base here
    assert "Masterclass circulair slopen" in html
    assert soon.astimezone(timezone.get_current_timezone()).strftime("%H:%M") in html
    assert "1 masterclass en 1 andere bijeenkomsten" in html  # the private one not counted
    assert "Besloten directeurenoverleg" not in html
    assert "Leerkring biobased bouwen" in html and "Gesloten kring" not in html
    assert "1 leerkring neemt aanmeldingen aan" in html
    assert "Sanne de Vries" in html and "Geheime Pionier" not in html
    assert "1 collega die u voorging" in html
    assert "staat open tot en met" in html
    # Nothing personal for a visitor.
    assert "Uw volgende aanmeldingen" not in html


def test_logged_in_home_shows_the_persons_next_steps_and_nothing_of_others(
    client,
    utrecht,
    make_event,
    make_masterclass,
    make_circle,
    make_member,
    monitor_page,
    make_round,
    questionnaire,
):
    bouw = Theme.objects.get(slug="bouw")
    Question.objects.filter(questionnaire=questionnaire, theme=MonitorTheme.BOUW).update(
        advice_theme=bouw
    )
    last_year = make_round(
        year=timezone.localdate().year - 1, open_now=False, title="Monitor vorig jaar"
    )
    submit_responses(last_year, {utrecht: [4, 4, 1, 4]})  # bouw is the weakest
    make_round(title="Monitor dit jaar")

    person = UserFactory(organisation=utrecht, job_role="uitvoering")
    event = make_event(title="Netwerkdag grondstoffen")
    (first,) = add_programme(event, rounds=1, sessions=2)
    event_services.registration_create(
        event=event, user=person, sessions={first.pk: first.session_list[1].pk}
    )
    other_event = make_event(title="Dag van iemand anders")
    event_services.registration_create(event=other_event, user=UserFactory(organisation=utrecht))
    circle = make_circle(
        title="Leerkring biobased bouwen", coordinators=[UserFactory(is_staff=True)]
    )
    make_member(circle, user=person)
    make_circle(title="Kring zonder mij")

    for_bouw = make_masterclass(title="Circulair bouwen uitvragen", audience="uitvoering")
    for_bouw.themes.set([bouw])
    make_masterclass(title="Masterclass voor bestuurders", audience="bestuur")
    make_masterclass(title="Masterclass voor iedereen", audience="gemengd")

    client.force_login(person)
    html = _html(client)
    mine = html[
        html.index("Uw volgende aanmeldingen") : html.index("Masterclasses en bijeenkomsten")
    ]
    assert "Netwerkdag grondstoffen" in mine and "Dag van iemand anders" not in mine
    assert "Sessie 1.2 (Zaal 2)" in mine  # their session, with its room
    assert "Volgende bijeenkomsten van uw leerkringen" in mine
    assert "Leerkring biobased bouwen" in mine and "Kring zonder mij" not in mine
    assert "Monitor dit jaar: uw organisatie heeft nog niets ingevuld" in mine
    recommended = mine[mine.index("Masterclasses voor u") :]
    assert recommended.index("Circulair bouwen uitvragen") < recommended.index(
        "Masterclass voor iedereen"
    )
    assert "Masterclass voor bestuurders" not in recommended
    assert "laagst scoort" in recommended


def _grow(make_event, make_masterclass, make_circle, make_profile, person, number):
    event = make_event(title=f"Extra bijeenkomst {number}")
    (first,) = add_programme(event, rounds=1, sessions=2)
    event_services.registration_create(
        event=event, user=person, sessions={first.pk: first.session_list[0].pk}
    )
    make_masterclass(title=f"Extra masterclass {number}", audience="gemengd")
    make_circle(title=f"Extra kring {number}")
    make_profile(title=f"Extra pionier {number}")


def test_home_queries_stay_constant_as_content_grows(
    client,
    utrecht,
    make_event,
    make_masterclass,
    make_circle,
    make_profile,
    monitor_page,
    make_round,
):
    make_round()
    person = UserFactory(organisation=utrecht, job_role="uitvoering")
    _grow(make_event, make_masterclass, make_circle, make_profile, person, 0)
    counts = {}
    for label in ("few", "many"):
        if label == "many":
            for number in range(1, 6):
                _grow(make_event, make_masterclass, make_circle, make_profile, person, number)
        for who in ("anonymous", "person"):
            client.logout()
            if who == "person":
                client.force_login(person)
            client.get("/")  # warm the site cache
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/").status_code == 200
            counts[(label, who)] = len(queries)
    assert counts[("many", "anonymous")] == counts[("few", "anonymous")], counts
    assert counts[("many", "person")] == counts[("few", "person")], counts
