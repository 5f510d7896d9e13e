"""The indicator pages: exactly who sees and edits what, Dutch messages on bad input,
figures that agree between chart, description and table, and constant query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.indicators.models import IndicatorValue
from tests.indicators.fixtures import add_values, client_for, indicator, municipalities
from tests.spreadsheets import FORMULAS, assert_formulas_neutralised

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1
OVERVIEW = "/indicatoren/"
NATIONAL = "/indicatoren/landelijk/"
DETAIL = "/indicatoren/afvalscheiding/"


def form(year=LAST_YEAR, value="55,5", source="CBS afvalstatistiek", version=""):
    return {"year": str(year), "value": value, "source_note": source, "version": version}


# --- Access matrix -------------------------------------------------------------------------

# role → status of: own overview, an indicator, a save, the national overview.
MATRIX = {
    "anonymous": (302, 302, 302, 302),
    "member": (200, 200, 302, 403),
    "pending": (403, 403, 403, 403),
    "stranger": (200, 200, 302, 403),
    "coordinator": (403, 403, 403, 200),
    "editor": (403, 403, 403, 403),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_access_matrix(people, role):
    add_values(indicator("afvalscheiding"), {people["own"]: 61.25}, years=(LAST_YEAR,))
    client = client_for(people[role])
    overview, detail, save, national = MATRIX[role]
    assert client.get(OVERVIEW).status_code == overview
    page = client.get(DETAIL)
    assert page.status_code == detail
    assert client.get(NATIONAL).status_code == national
    response = client.post(DETAIL, form(year=LAST_YEAR - 1, value="12"))
    assert response.status_code == save
    saved = IndicatorValue.objects.filter(year=LAST_YEAR - 1)
    if role in ("member", "stranger"):
        # Each saves for their own organisation only: there is no organisation in the URL.
        own = people["own"] if role == "member" else people["other"]
        assert list(saved.values_list("organisation", flat=True)) == [own.pk]
    else:
        assert not saved.exists()
    # The own organisation's value (61,3 %) and source appear only for its members.
    content = page.content.decode() if page.status_code == 200 else ""
    shows_own_value = "61,3 %" in content and "CBS" in content
    assert shows_own_value == (role == "member")


def test_anonymous_is_sent_to_the_login(people):
    response = client_for(None).get(DETAIL)
    assert response["Location"].startswith("/accounts/login/?next=/indicatoren/afvalscheiding/")


def test_pending_member_reads_why_in_dutch(people):
    page = client_for(people["pending"]).get(OVERVIEW)
    assert "telt nog voor geen organisatie mee" in page.content.decode()


def test_coordinator_and_editor_in_the_admin(people):
    coordinator, editor = client_for(people["coordinator"]), client_for(people["editor"])
    add_values(indicator("afvalscheiding"), {people["own"]: 61}, years=(LAST_YEAR,))
    values = "/admin/indicatoren/waarden/"
    assert coordinator.get(values).status_code == 200
    assert people["own"].name in coordinator.get(values).content.decode()
    assert editor.get(values).status_code in (302, 403)
    definitions = "/admin/snippets/indicators/indicator/"
    assert editor.get(definitions).status_code == 200
    assert client_for(people["member"]).get(values).status_code in (302, 403)


def test_unknown_indicator_is_404(people):
    assert client_for(people["member"]).get("/indicatoren/bestaat-niet/").status_code == 404


# --- Entering values -----------------------------------------------------------------------


def test_member_enters_and_corrects_a_value(people):
    client = client_for(people["member"])
    response = client.post(DETAIL, form(value="55,5"))
    assert response.status_code == 302
    stored = IndicatorValue.objects.get()
    assert stored.value == Decimal("55.5") and stored.organisation == people["own"]
    page = client.get(DETAIL).content.decode()
    assert "De waarde voor" in page and "55,5 %" in page
    # "Wijzig" fills the form with the stored value and its version.
    edit = client.get(f"{DETAIL}?jaar={LAST_YEAR}").content.decode()
    assert 'value="55,5"' in edit and 'name="version" value="1"' in edit
    assert client.post(DETAIL, form(value="56", version="1")).status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("56")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form(value="101"), "Een percentage is hoogstens 100."),
        (form(value="-3"), "Een waarde kan niet negatief zijn."),
        (form(value="veel"), "Vul een getal in, bijvoorbeeld 42 of 42,5."),
        (form(value="NaN"), "Vul een getal in, bijvoorbeeld 42 of 42,5."),
        (form(value="-Infinity"), "Vul een getal in, bijvoorbeeld 42 of 42,5."),
        (form(value="1e999999"), "Een percentage is hoogstens 100."),
        (form(value="1e-999999"), "Vul hoogstens twee decimalen in."),
        (form(value="1" * 21), "Dit getal is te lang"),
        (form(year="twintig"), "Vul een jaar in cijfers in"),
        (form(year=LAST_YEAR + 5), "is nog niet voorbij"),
        (form(year=99999), "is nog niet voorbij"),
        (form(year=1850), "Vul een jaar vanaf 2000 in."),
        (form(source=""), "Vermeld de bron van deze waarde."),
        (form(version="abc"), "Dit formulier is niet geldig meer."),
    ],
)
def test_bad_input_gets_a_dutch_message_on_the_field_and_a_400(people, data, message):
    response = client_for(people["member"]).post(DETAIL, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Er is een probleem" in content  # the NL Design System error summary
    assert message in content
    assert not IndicatorValue.objects.exists()


def test_a_colleagues_value_is_shown_not_overwritten(people):
    client_for(people["member"]).post(DETAIL, form(value="40"))
    colleague = client_for(people["colleague"])
    refused = colleague.post(DETAIL, form(value="45"))
    assert refused.status_code == 409
    content = refused.content.decode()
    assert "Anna de Boer" in content and "40,0 %" in content
    assert 'value="45"' in content  # their own input is kept
    assert 'name="version" value="1"' in content
    assert IndicatorValue.objects.get().value == Decimal("40")
    assert colleague.post(DETAIL, form(value="45", version="1")).status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("45")


# --- Figures -------------------------------------------------------------------------------


def test_peers_only_for_groups_of_five_and_figures_agree(people):
    waste = indicator("afvalscheiding")
    others = municipalities(8)[1:]
    # Four other municipalities plus the own one: five in the national group.
    add_values(waste, {people["own"]: 61.25, **{o: 40 + i for i, o in enumerate(others[:4])}})
    page = client_for(people["member"]).get(DETAIL).content.decode()
    assert "Alle gemeenten" in page
    # Median of 40, 41, 42, 43, 61.25 is 42; Q1 41, Q3 43. The table and the chart's
    # description write them the same way, rounded (61,25 → 61,3).
    assert (
        "mediaan alle gemeenten 42,0 % (middelste helft 41,0 % tot 43,0 %, 5 organisaties)" in page
    )
    assert "uw waarde 61,3 %" in page
    assert ">61,3<" in page  # the label in the chart
    assert "61,3 %</td>" in page  # the table
    # Drop one: four is too few, no figures at all.
    IndicatorValue.objects.filter(organisation=others[0]).delete()
    page = client_for(people["member"]).get(DETAIL).content.decode()
    assert "42,0 %" not in page and "middelste helft" not in page.split("<desc")[1][:400]


def test_target_line_in_chart_and_text(people):
    page = client_for(people["member"]).get("/indicatoren/circulair-inkopen/").content.decode()
    assert "Landelijk doel: 50,0 % in 2025." in page
    assert "Landelijk doel: 100,0 % in 2030." in page
    assert "doel 2030: 100,0 %" in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow(people):
    waste = indicator("afvalscheiding")
    member = client_for(people["member"])
    coordinator = client_for(people["coordinator"])
    organisations = municipalities(200)
    add_values(waste, dict.fromkeys(organisations[:6], 50), years=(2021,))
    for url, client in ((DETAIL, member), (OVERVIEW, member), (NATIONAL, coordinator)):
        client.get(url)  # warm caches
    small = {
        url: _queries(client, url)
        for url, client in ((DETAIL, member), (OVERVIEW, member), (NATIONAL, coordinator))
    }
    for slug in ("restafval", "circulair-inkopen", "co2-prestatieladder"):
        add_values(
            indicator(slug),
            {o: [i % 5, (i + 1) % 5, 3] for i, o in enumerate(organisations)},
            years=(2022, 2023, 2024),
        )
    add_values(waste, {o: [10, 20, 30] for o in organisations[6:]}, years=(2021, 2022, 2023))
    add_values(waste, {people["own"]: [10, 20]}, years=(2022, 2023))
    for url, client in ((DETAIL, member), (OVERVIEW, member), (NATIONAL, coordinator)):
        assert _queries(client, url) <= small[url], url
    assert max(small.values()) <= 20


def test_national_overview_counts_and_kind_filter(people):
    waste = indicator("afvalscheiding")
    add_values(waste, {o: 50 + i for i, o in enumerate(municipalities(6))}, years=(2022, 2023))
    client = client_for(people["coordinator"])
    page = client.get(NATIONAL).content.decode()
    assert "6 van " in page and "Afvalscheiding huishoudelijk afval" in page
    assert "Landelijk overzicht indicatoren: Gemeente" in page  # the title names the kind
    assert client.get(NATIONAL + "?soort=provincie").status_code == 200
    assert client.get(NATIONAL + "?soort=<script>").status_code == 400


def test_coordinator_export_neutralises_formulas_and_inspect_shows_the_log(people):
    from learning.indicators.services import indicator_value_save

    for offset, formula in enumerate(FORMULAS):
        stored = indicator_value_save(
            organisation=people["own"],
            indicator=indicator("afvalscheiding"),
            year=LAST_YEAR - offset,
            value=Decimal("40"),
            source_note=formula,
            user=people["member"],
            version=None,
        )
    coordinator = client_for(people["coordinator"])
    response = coordinator.get("/admin/indicatoren/waarden/", {"export": "csv"})
    assert_formulas_neutralised(response)
    inspect = coordinator.get(f"/admin/indicatoren/waarden/inspect/{stored.pk}/")
    assert inspect.status_code == 200
    assert "Ingevuld" in inspect.content.decode()
