"""The route's pages: saving with the version check over HTTP (input kept on a conflict),
adopting a proposal, an action linked to a masterclass, bad input answered in Dutch, and
queries that stay constant as actions, opportunities and organisations grow."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.routes import services
from learning.routes.models import Action, Opportunity, Route
from learning.routes.services import ActionInput, OpportunityInput
from tests.factories import UserFactory
from tests.routes.conftest import municipalities

pytestmark = pytest.mark.django_db


def test_two_members_save_from_the_same_page_and_the_second_keeps_their_input(client, people):
    org = people["organisation"].pk
    url = reverse("routes:baseline", args=[org])
    client.force_login(people["member"])
    assert client.post(url, {"version": 0, "raw_materials": "Van Lieke"}).status_code == 302
    client.force_login(people["colleague"])
    response = client.post(url, {"version": 0, "raw_materials": "Mijn eigen tekst"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Uw wijzigingen zijn niet opgeslagen" in page
    assert str(people["member"]) in page
    assert "Mijn eigen tekst" in page  # their input, still in the form
    assert "Van Lieke" in page  # what the colleague saved, beside it
    assert 'name="version" value="1"' in page  # the next save starts from what they saw
    assert Route.objects.get().raw_materials == "Van Lieke"
    # Saving again from there works.
    assert client.post(url, {"version": 1, "raw_materials": "Samen"}).status_code == 302
    assert Route.objects.get().raw_materials == "Samen"


def test_bad_input_gets_a_dutch_message_not_a_500(client, people):
    org = people["organisation"].pk
    client.force_login(people["member"])
    response = client.post(reverse("routes:baseline", args=[org]), {"version": "x"})
    assert response.status_code == 400
    response = client.post(
        reverse("routes:opportunity_add", args=[org]),
        {"title": "Kans", "impact": "9", "influence": "tekst"},
    )
    assert response.status_code == 400
    assert "Controleer de velden" in response.content.decode()
    response = client.post(
        reverse("routes:action_add", args=[org]),
        {
            "title": "Actie",
            "action_type": "onbekend",
            "owner": "Rol",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
            "status": "gepland",
            "opportunity": "999999",
        },
    )
    assert response.status_code == 400
    assert "De einddatum ligt voor de startdatum." in response.content.decode()
    response = client.post(reverse("routes:adopt", args=[org]), {"key": "monitor:onzin"})
    assert response.status_code == 400
    assert "wordt niet (meer) voorgesteld" in response.content.decode()
    assert not Opportunity.objects.exists() and not Action.objects.exists()


def test_adopting_a_proposal_puts_it_on_the_map(client, people, monitored):
    org = people["organisation"].pk
    client.force_login(people["member"])
    page = client.get(reverse("routes:detail", args=[org])).content.decode()
    assert "Voorgestelde kansen" in page
    assert 'value="monitor:bouw"' in page
    response = client.post(reverse("routes:adopt", args=[org]), {"key": "monitor:bouw"})
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.monitor_theme == "bouw"
    page = client.get(reverse("routes:detail", args=[org])).content.decode()
    assert 'value="monitor:bouw"' not in page
    assert opportunity.title in page
    assert "<svg" in page and "Kansenkaart" in page


def test_an_action_linked_to_a_masterclass(client, people, make_masterclass):
    org = people["organisation"].pk
    masterclass = make_masterclass(title="Circulair uitvragen")
    client.force_login(people["member"])
    form = client.get(reverse("routes:action_add", args=[org])).content.decode()
    assert "Circulair uitvragen" in form
    response = client.post(
        reverse("routes:action_add", args=[org]),
        {
            "title": "Inkopers trainen",
            "action_type": "faciliteren",
            "owner": "Teamleider inkoop",
            "starts_on": "2026-03-01",
            "status": "gepland",
            "masterclasses": [masterclass.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    action = Action.objects.get()
    assert list(action.masterclasses.all()) == [masterclass]
    page = client.get(reverse("routes:detail", args=[org])).content.decode()
    assert "Inkopers trainen" in page and masterclass.url in page


def test_a_coordinator_reads_but_gets_no_forms(client, people):
    services.route_baseline_save(
        user=people["member"],
        organisation_id=people["organisation"].pk,
        version=0,
        texts={"bewustzijn": "Driekwart kent de ambitie"},
    )
    client.force_login(people["coordinator"])
    page = client.get(reverse("routes:detail", args=[people["organisation"].pk])).content.decode()
    assert "Driekwart kent de ambitie" in page
    assert "Nulmeting opslaan" not in page
    assert "als coördinator" in page


def _grow(route_org, member, count: int, masterclass=None):
    for index in range(count):
        opportunity = services.opportunity_create(
            user=member,
            organisation_id=route_org.pk,
            data=OpportunityInput(
                title=f"Kans {index}", impact=1 + index % 3, influence=1 + (index // 3) % 3
            ),
        )
        services.action_create(
            user=member,
            organisation_id=route_org.pk,
            data=ActionInput(
                title=f"Actie {index}",
                action_type="borgen",
                owner="Rol",
                starts_on=date(2026, 1, 1 + index),
                opportunity_id=opportunity.pk,
                shared_in_region=True,
                links={"masterclasses": [masterclass.pk]} if masterclass else None,
            ),
        )


def test_queries_stay_constant_as_the_route_and_the_region_grow(
    client, people, monitored, make_masterclass, django_assert_max_num_queries
):
    home = people["organisation"]
    masterclass = make_masterclass()
    _grow(home, people["member"], 1, masterclass)
    neighbours = municipalities(6, province="Gelderland")[2:]
    _grow(neighbours[0], UserFactory(organisation=neighbours[0]), 1, masterclass)
    client.force_login(people["member"])
    url = reverse("routes:detail", args=[home.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    baseline = len(few)
    _grow(home, people["member"], 8, masterclass)
    # More organisations in the region, each sharing actions.
    for neighbour in neighbours:
        _grow(neighbour, UserFactory(organisation=neighbour), 3, masterclass)
    client.get(url)
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert response.content.decode().count("Actie ") >= 20
    # The coordinators' overview: one row per organisation, constant queries.
    client.force_login(people["coordinator"])
    overview = reverse("routes:overview")
    with CaptureQueriesContext(connection) as few:
        client.get(overview)
    before = len(few)
    for neighbour in municipalities(12, province="Gelderland")[6:]:
        _grow(neighbour, UserFactory(organisation=neighbour), 1)
    with django_assert_max_num_queries(before):
        response = client.get(overview)
    assert response.content.decode().count("/routekaart/") >= 10


def test_the_regional_agenda(client, people):
    services.action_create(
        user=people["member"],
        organisation_id=people["organisation"].pk,
        data=ActionInput(
            title="Samen inkopen",
            action_type="uitdagen",
            owner="Rol",
            starts_on=date(2026, 2, 1),
            shared_in_region=True,
        ),
    )
    client.force_login(people["outsider"])
    page = client.get(reverse("routes:region")).content.decode()
    assert "Samen inkopen" in page and people["organisation"].name in page
    client.force_login(people["pending"])
    assert client.get(reverse("routes:region")).status_code == 409


def test_an_opportunity_changed_by_a_colleague_in_between_keeps_the_input(client, people):
    org = people["organisation"].pk
    opportunity = services.opportunity_create(
        user=people["member"], organisation_id=org, data=OpportunityInput(title="Meubilair")
    )
    url = reverse("routes:opportunity_edit", args=[org, opportunity.pk])
    client.force_login(people["member"])
    first = {"version": 0, "title": "Meubilair hergebruiken", "impact": 3, "influence": 3}
    assert client.post(url, first).status_code == 302
    client.force_login(people["colleague"])
    mine = {"version": 0, "title": "Meubilair huren", "impact": 1, "influence": 2}
    response = client.post(url, mine)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Uw wijzigingen zijn niet opgeslagen" in page
    assert 'value="Meubilair huren"' in page  # their own input
    assert "Meubilair hergebruiken" in page  # the colleague's, beside it
    assert 'name="version" value="1"' in page
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.impact, opportunity.version) == (
        "Meubilair hergebruiken",
        3,
        1,
    )


def test_the_baseline_shows_the_indicators_against_the_national_targets(client, people):
    from tests.indicators.fixtures import add_values, indicator

    waste = indicator("restafval")
    add_values(waste, {people["organisation"]: [142, 118]}, years=(2023, 2024))
    client.force_login(people["member"])
    page = client.get(reverse("routes:detail", args=[people["organisation"].pk])).text
    table = page[page.index("Indicatoren tegen de landelijke doelen") :]
    row = table[table.index(waste.name) :]
    row = row[: row.index("</tr>")]
    assert "118" in row and "2024" in row and "142" not in row  # the latest value
    assert "CBS" in row
    assert " in 20" in row  # the national target with its year
    odt = client.get(reverse("routes:export_odt", args=[people["organisation"].pk]))
    assert odt.status_code == 200


@pytest.mark.parametrize("kind", ["action", "opportunity"])
def test_taking_an_item_off_the_route_at_the_version_seen(client, people, kind):
    """An editor removes an action or an opportunity: only with POST, only the version they
    saw (a colleague's later change wins, in Dutch), never another organisation's item."""
    org = people["organisation"].pk
    client.force_login(people["member"])
    if kind == "action":
        client.post(
            reverse("routes:action_add", args=[org]),
            {
                "title": "Inkopers trainen",
                "action_type": "faciliteren",
                "owner": "Teamleider inkoop",
                "starts_on": "2026-03-01",
                "status": "gepland",
            },
        )
        item = Action.objects.get()
    else:
        client.post(
            reverse("routes:opportunity_add", args=[org]),
            {"title": "Circulair meubilair", "impact": 3, "influence": 2},
        )
        item = Opportunity.objects.get()
    url = reverse(f"routes:{kind}_delete", args=[org, item.pk])
    assert client.get(url).status_code == 405
    assert client.post(url, {"version": "abc"}).status_code == 400
    stale = client.post(url, {"version": item.version + 1})
    assert stale.status_code == 409 and "opgeslagen" in stale.text.lower()
    assert type(item).objects.filter(pk=item.pk).exists()
    other = reverse(f"routes:{kind}_delete", args=[org, item.pk + 1000])
    assert client.post(other, {"version": 0}).status_code == 404
    done = client.post(url, {"version": item.version})
    assert done.status_code == 302 and done["Location"].endswith(
        "#acties" if kind == "action" else "#kansen"
    )
    assert not type(item).objects.filter(pk=item.pk).exists()
