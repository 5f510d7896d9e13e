"""A civil servant fills in the monitor, submits it and sees the results; axe on each page."""

import re

import pytest

from learning.monitor.models import Response, ResponseStatus
from tests.e2e.helpers import sign_in
from tests.monitor.fixtures import (  # noqa: F401 (fixtures)
    make_questionnaire,
    make_round,
    monitor_page,
    municipalities,
    open_round,
    questionnaire,
    submit_responses,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_fill_in_submit_and_see_results(page, axe_check, request, make_user):
    # The monitor fixtures are imported above; asked for by name to keep them one definition.
    monitor = request.getfixturevalue("monitor_page")
    round = request.getfixturevalue("open_round")
    organisations = municipalities(7)
    submit_responses(round, {o: [i % 5, 2, 3, 1] for i, o in enumerate(organisations[1:])})
    # Last year's round, so the results show the trend chart too.
    last_year = request.getfixturevalue("make_round")(year=round.year - 1, open_now=False)
    submit_responses(last_year, {o: [1, 1, 2, i % 5] for i, o in enumerate(organisations)})
    user = make_user(organisations[0])
    sign_in(page, user)

    page.goto(monitor.url)
    axe_check(page)
    page.get_by_role("link", name=re.compile("Invullen")).click()
    page.wait_for_url(f"**{monitor.url}ronde/{round.pk}/")
    axe_check(page)

    questions = list(round.questionnaire.questions.order_by("sort_order"))
    for question, label in zip(questions[:2], ["3 – ", "1 – "], strict=True):
        group = page.get_by_role("group", name=question.text)
        group.get_by_label(re.compile("^" + label)).check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_text("Uw antwoorden zijn opgeslagen.").is_visible()

    # Submitting with open questions is refused in Dutch, with the answers kept.
    page.get_by_role("button", name="Indienen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Beantwoord eerst alle vragen").is_visible()
    axe_check(page)

    for question in questions[2:]:
        page.get_by_role("group", name=question.text).get_by_label(re.compile("^2 – ")).check()
    page.get_by_label("Toelichting (niet verplicht)").first.fill("Vastgelegd in het inkoopplan.")
    page.get_by_role("button", name="Indienen").click()
    page.wait_for_url(f"**{monitor.url}resultaten/")
    assert Response.objects.get(organisation=organisations[0], round=round).status == (
        ResponseStatus.SUBMITTED
    )
    assert page.get_by_role("heading", name=re.compile("Resultaten")).first.is_visible()
    assert page.get_by_role("img", name=re.compile("Uw scores")).is_visible()
    assert page.get_by_role("table", name=re.compile("vergelijkingsgroepen")).is_visible()
    assert page.get_by_role("img", name=re.compile("totaalscore per ronde")).is_visible()
    axe_check(page)

    page.get_by_role("link", name="Bekijk de antwoorden van uw organisatie").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vastgelegd in het inkoopplan.").is_visible()
    axe_check(page)
