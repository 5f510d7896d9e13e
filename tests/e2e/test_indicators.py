"""A member fills in two indicators (one wrong first), a coordinator reads the national
overview, and the fixed monitor results page fits 320 and 1280 px; axe on every page."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from learning.indicators.models import IndicatorValue
from tests.e2e.helpers import log_out, sign_in
from tests.indicators.fixtures import add_values, indicator
from tests.monitor.fixtures import (  # noqa: F401 (fixtures)
    make_questionnaire,
    make_round,
    monitor_page,
    municipalities,
    questionnaire,
    submit_responses,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_a_member_fills_in_two_indicators(page, axe_check, make_user):
    last_year = timezone.localdate().year - 1
    organisations = municipalities(7)
    add_values(
        indicator("afvalscheiding"),
        {o: 50 + i for i, o in enumerate(organisations[1:])},
        years=(last_year,),
    )
    member = make_user(organisations[0], full_name="Anna de Boer")
    sign_in(page, member)
    page.goto("/accounts/profiel/")

    page.get_by_role("link", name="Indicatoren").click()
    page.wait_for_url("**/indicatoren/")
    axe_check(page)
    page.get_by_role("link", name="Afvalscheiding huishoudelijk afval").click()
    page.wait_for_url("**/indicatoren/afvalscheiding/")
    axe_check(page)

    # A percentage over 100: the summary says so in Dutch, the input is kept.
    page.get_by_role("textbox", name="Jaar", exact=True).fill(str(last_year))
    page.get_by_role("textbox", name=re.compile("^Waarde")).fill("120")
    page.get_by_role("textbox", name="Bron", exact=True).fill("CBS afvalstatistiek")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "Een percentage is hoogstens 100." in summary.inner_text()
    assert page.get_by_role("textbox", name=re.compile("^Waarde")).input_value() == "120"
    axe_check(page)
    assert not IndicatorValue.objects.filter(organisation=organisations[0]).exists()

    page.get_by_role("textbox", name=re.compile("^Waarde")).fill("61,25")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text(f"De waarde voor {last_year} is opgeslagen.").wait_for()
    # Chart and table: the own value rounded the same way, the peers beside it.
    assert page.get_by_role("img", name=re.compile("Waarden per jaar")).is_visible()
    table = page.get_by_role("table", name=re.compile("Waarden per jaar"))
    assert "61,3 %" in table.inner_text() and "Alle gemeenten" in table.inner_text()
    axe_check(page)

    page.goto("/indicatoren/circulair-inkopen/")
    page.get_by_role("textbox", name="Jaar", exact=True).fill(str(last_year))
    page.get_by_role("textbox", name=re.compile("^Waarde")).fill("18")
    page.get_by_role("textbox", name="Bron", exact=True).fill("Eigen spendanalyse")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text(f"De waarde voor {last_year} is opgeslagen.").wait_for()
    axe_check(page)
    stored = IndicatorValue.objects.filter(organisation=organisations[0])
    assert sorted(stored.values_list("value", flat=True)) == [Decimal("18"), Decimal("61.25")]

    # A coordinator sees the national overview (names no organisation).
    log_out(page)
    coordinator = make_user(None, full_name="Carla Coördinator")
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    sign_in(page, coordinator)
    page.goto("/indicatoren/landelijk/")
    assert page.get_by_role("heading", name="Afvalscheiding huishoudelijk afval").is_visible()
    assert organisations[0].name not in page.content()
    axe_check(page)


@pytest.mark.parametrize("width", [320, 768, 1280])
def test_the_results_page_fits_every_width(page, axe_check, request, make_user, width):
    monitor = request.getfixturevalue("monitor_page")
    make = request.getfixturevalue("make_round")
    organisations = municipalities(8)
    for year in (2017, 2018):
        submit_responses(
            make(year=year, open_now=False),
            {o: [i % 5, 2, (i + 1) % 5, 1] for i, o in enumerate(organisations)},
        )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, make_user(organisations[0]))
    page.goto(f"{monitor.url}resultaten/")
    assert page.get_by_role("img", name=re.compile("Uw scores")).is_visible()
    assert page.evaluate(NO_OVERFLOW), "the page scrolls sideways"
    # Legend icons keep their own size (they rendered hundreds of px wide).
    widths = page.locator(".monitor-legend__item svg").evaluate_all(
        "icons => icons.map(icon => icon.getBoundingClientRect().width)"
    )
    assert widths and max(widths) <= 40, widths
    # The table has the full column: no cell squeezed narrower than its figures.
    table = page.get_by_role("table", name=re.compile("vergelijkingsgroepen"))
    squeezed = table.locator("td.utrecht-table__cell--numeric").evaluate_all(
        "cells => cells.filter(c => c.scrollWidth > c.clientWidth).length"
    )
    assert squeezed == 0
    # Titles differ per round.
    title = page.title()
    assert "Monitor 2018" in title
    axe_check(page)
