"""A participant fills in the evaluation of an event they attended, on a phone: an error first
(the summary takes focus), then the answers; every page is checked (axe, no sideways scrolling)
on the phone and on a desktop."""

import re

import pytest
from django.urls import reverse

from learning.evaluations.models import Response
from tests.e2e.helpers import check_widths, sign_in
from tests.evaluations.conftest import attend, ended, open_survey

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


WIDTHS = (390, 1280)


def test_a_participant_fills_in_the_evaluation(page, axe_check, make_event, make_user):
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    event = ended(make_event(title="Netwerkdag circulaire bedrijventerreinen"))
    person = make_user(full_name="Fenna de Boer")
    attend(event, person)
    survey = open_survey(event)
    sign_in(page, person)

    page.goto(reverse("evaluations:answer", args=[survey.pk]))
    expect_heading = "Evaluatie van Netwerkdag circulaire bedrijventerreinen"
    assert page.get_by_role("heading", level=1).inner_text() == expect_heading
    check_widths(page, axe_check, WIDTHS)

    # No rating: the error summary says so and has the focus.
    page.get_by_label("Wat kan beter?").fill("Meer tijd voor vragen uit de zaal.")
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert "Er is een probleem" in summary.inner_text()
    assert page.title().startswith("Fout:")
    check_widths(page, axe_check, WIDTHS)
    # What was typed is still there; the summary's link leads to the first rating.
    assert page.get_by_label("Wat kan beter?").input_value() == (
        "Meer tijd voor vragen uit de zaal."
    )
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "overall"

    page.get_by_label("4 – goed").check()
    page.get_by_label("Wat neemt u mee?").fill("Contacten bij twee buurgemeenten.")
    page.get_by_label("Mijn naam mag bij mijn antwoorden staan").check()
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    page.wait_for_url(re.compile(r".*/bedankt/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Bedankt voor uw antwoorden"
    check_widths(page, axe_check, WIDTHS)

    response = Response.objects.get(survey=survey)
    assert response.answers == {
        "overall": 4,
        "takeaway": "Contacten bij twee buurgemeenten.",
        "improve": "Meer tijd voor vragen uit de zaal.",
    }
    assert response.named_user == person
