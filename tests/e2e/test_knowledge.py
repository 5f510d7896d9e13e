"""The knowledge base in a browser: a theme page with a goal to copy, an article, the
directory and the contribution form, each checked with axe (WCAG 2.1 AA)."""

# The knowledge fixtures are imported below, so the test arguments "redefine" them.
# ruff: noqa: F811

import re

import pytest

from learning.knowledge.models import Initiative, InitiativeKind, PolicyGoal
from tests.e2e.helpers import sign_in
from tests.knowledge.conftest import (  # noqa: F401 (fixtures)
    bouw,
    directory,
    knowledge_index,
    make_article,
    make_theme_page,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_theme_page_article_and_copying_a_goal(
    page, axe_check, live_server, make_theme_page, make_article, make_event, bouw
):
    theme_page = make_theme_page(bouw)
    goal = PolicyGoal.objects.create(
        title="Helft minder primaire grondstoffen",
        goal_text="In 2030 gebruikt Nederland 50% minder primaire abiotische grondstoffen.",
        quantity="50% minder",
        target_year=2030,
        source="Nationaal Programma Circulaire Economie 2023-2030",
    )
    goal.themes.set([bouw])
    goal.save()
    initiative = Initiative.objects.create(
        name="Betonketen Oost", kind=InitiativeKind.COMPANY, description="Beton uit beton."
    )
    initiative.themes.set([bouw])
    initiative.save()
    make_event(title="Werkbezoek circulaire nieuwbouw", themes=[bouw])
    article = make_article(
        title="Het materialenpaspoort in de praktijk",
        themes=[bouw],
        body=[
            ("paragraph", "<p>Een paspoort beschrijft welke materialen in een gebouw zitten.</p>"),
            (
                "practice_example",
                {
                    "title": "Een school uit een oud kantoor",
                    "organisation": "Gemeente Veenhoven",
                    "situation": "Een leeg kantoor moest plaatsmaken voor een school.",
                    "approach": "Het casco werd hergebruikt.",
                    "result": "65% minder nieuwe materialen.",
                    "contact": "",
                },
            ),
        ],
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.goto(theme_page.url)
    axe_check(page)
    assert page.get_by_role("heading", name="Beleidsdoelen").is_visible()
    button = page.get_by_role("button", name=re.compile("Kopieer naar klembord"))
    button.click()
    status = page.locator("[data-copy-status]").first
    status.wait_for(state="visible")
    assert "Gekopieerd" in status.inner_text()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("In 2030 gebruikt Nederland 50% minder")
    assert "Nationaal Programma Circulaire Economie" in copied

    page.get_by_role("link", name="Het materialenpaspoort in de praktijk").click()
    page.wait_for_url(f"**{article.url}")
    assert page.get_by_role("heading", name="Een school uit een oud kantoor").is_visible()
    axe_check(page)


def test_directory_and_contribution_form(
    page, axe_check, directory, knowledge_index, make_user, bouw
):
    for name, kind in (("Betonketen Oost", "bedrijf"), ("Repair Café Netwerk", "maatschappelijk")):
        initiative = Initiative.objects.create(name=name, kind=kind, description="Een initiatief.")
        initiative.themes.set([bouw])
        initiative.save()

    page.goto(directory.url)
    axe_check(page)
    page.get_by_label("Soort").select_option("bedrijf")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r".*soort=bedrijf.*"))
    assert page.get_by_role("heading", name=re.compile("Betonketen Oost")).is_visible()
    assert page.get_by_text("Repair Café Netwerk").count() == 0

    user = make_user()
    sign_in(page, user)
    page.goto(knowledge_index.url + "bijdragen/")
    axe_check(page)
    page.get_by_role("button", name="Insturen").click()  # empty: the error summary
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Er is een probleem").is_visible()
    axe_check(page)
