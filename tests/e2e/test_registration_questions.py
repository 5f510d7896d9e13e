"""A civil servant registers for a day that asks questions: a missing answer first (the error
summary gets focus and links to the question), then the answers, and sees them in "Mijn
aanmeldingen". The flow runs on a phone (390 px); every page is checked (axe, no sideways
scrolling) on the phone and on a desktop (1280 px)."""

import re

import pytest

from learning.events.models import (
    QuestionCategory,
    QuestionType,
    Registration,
    RegistrationQuestion,
)
from tests.e2e.helpers import check_widths, follow_header_link, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


WIDTHS = (390, 1280)


def test_register_answering_the_questions(page, axe_check, make_event, make_user):
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    event = make_event(title="Dag van de circulaire overheid")
    diet = RegistrationQuestion.objects.create(
        event=event,
        text="Heeft u dieetwensen?",
        help_text="Voor de lunch.",
        question_type=QuestionType.ONE_CHOICE,
        required=True,
        options="Geen\nVegetarisch\nGlutenvrij",
        category=QuestionCategory.SENSITIVE,
        sort_order=0,
    )
    RegistrationQuestion.objects.create(
        event=event, text="Wat wilt u leren?", question_type=QuestionType.LONG_TEXT, sort_order=1
    )
    RegistrationQuestion.objects.create(
        event=event,
        text="Mag uw naam op de deelnemerslijst?",
        question_type=QuestionType.YES_NO,
        required=True,
        sort_order=2,
    )
    user = make_user()
    sign_in(page, user)

    page.goto(event.url)
    page.get_by_role("link", name="Aanmelden", exact=True).click()
    page.wait_for_url(f"**{event.url}register/")
    check_widths(page, axe_check, WIDTHS)

    # Nothing chosen: the summary has focus and leads to the question.
    page.get_by_label("Wat wilt u leren? (optioneel)").fill("Hoe we bouwmaterialen hergebruiken")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    check_widths(page, axe_check, WIDTHS)
    assert not Registration.objects.filter(user=user).exists()
    summary.get_by_role("link", name=re.compile("Heeft u dieetwensen")).click()
    assert focused_id(page) == f"id_question_{diet.pk}_0"

    # What was typed is still there; answer the rest.
    assert page.get_by_label("Wat wilt u leren? (optioneel)").input_value() == (
        "Hoe we bouwmaterialen hergebruiken"
    )
    page.get_by_label("Vegetarisch").check()
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**{event.url}")
    assert page.get_by_text("U bent aangemeld").first.is_visible()
    registration = Registration.objects.get(user=user)
    assert sorted(answer.display for answer in registration.answers.all()) == [
        "Hoe we bouwmaterialen hergebruiken",
        "Ja",
        "Vegetarisch",
    ]

    follow_header_link(page, "Mijn aanmeldingen")
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert page.get_by_text("Vegetarisch").first.is_visible()
    check_widths(page, axe_check, WIDTHS)
    page.get_by_role("link", name=re.compile("Antwoorden wijzigen")).click()
    page.wait_for_url(f"**{event.url}answers/")
    check_widths(page, axe_check, WIDTHS)
    page.get_by_label("Glutenvrij").check()
    page.get_by_role("button", name="Antwoorden opslaan").click()
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert page.get_by_text("Glutenvrij").first.is_visible()
