"""Frequently asked questions and tips per core task in a browser: the accordion opens with the
keyboard, a colleague answers an open question, each page checked with axe (WCAG 2.1 AA)."""

# The knowledge fixtures are imported below, so the test arguments "redefine" them.
# ruff: noqa: F811

import pytest

from tests.e2e.helpers import sign_in
from tests.factories import UserFactory
from tests.knowledge.conftest import bouw, knowledge_index  # noqa: F401 (fixtures)
from tests.knowledge.test_core_tasks import core_task_page, inkoop  # noqa: F401 (fixtures)
from tests.knowledge.test_questions import make_question, question_index  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_accordion_core_task_page_and_answering_a_question(
    page, axe_check, question_index, make_question, core_task_page, inkoop, bouw
):
    make_question(
        "Wat is een materialenpaspoort?",
        "<p>Een lijst van de materialen in een gebouw.</p>",
        themes=[bouw],
        core_tasks=[inkoop],
    )
    open_question = make_question("Hoe reken ik de milieuwinst uit?", answer="")

    page.goto(question_index.url)
    axe_check(page)
    answer = page.get_by_text("Een lijst van de materialen in een gebouw.")
    assert not answer.is_visible()
    summary = page.locator("summary", has_text="Wat is een materialenpaspoort?")
    summary.focus()
    page.keyboard.press("Enter")
    answer.wait_for(state="visible")
    axe_check(page)

    page.goto(core_task_page.url)
    assert page.get_by_role("heading", name="Tips", exact=True).is_visible()
    assert page.get_by_text("Stel de behoefte ter discussie").is_visible()
    axe_check(page)

    colleague = UserFactory()
    sign_in(page, colleague)
    page.goto(open_question.url)
    page.get_by_role("link", name="Beantwoord deze vraag").click()
    axe_check(page)
    page.get_by_label("Uw antwoord").fill(
        "Vergelijk de milieukosten van nieuwe en hergebruikte stenen met de MKI."
    )
    page.get_by_label("Ik geef de redactie toestemming", exact=False).check()
    page.get_by_role("button", name="Antwoord insturen").click()
    page.wait_for_url(f"**{open_question.url}")
    assert page.get_by_text("Bedankt voor uw antwoord.").is_visible()
    assert page.get_by_text("Er ligt een antwoord op deze vraag bij de redactie.").is_visible()
    axe_check(page)
