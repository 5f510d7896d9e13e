# ruff: noqa: F811 (the fixtures imported below are test parameters)
"""The home page that leads, anonymous and logged in, on a phone and a desktop; following a
theme. axe finds no violations."""

import re

import pytest

from learning.alerts.models import Follow
from learning.knowledge.models import ThemePage
from tests.circles.conftest import circle_index, make_circle  # noqa: F401 (fixtures)
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory
from tests.knowledge.conftest import bouw, knowledge_index, make_theme_page  # noqa: F401
from tests.monitor.fixtures import monitor_page  # noqa: F401
from tests.profiles.conftest import make_profile, profile_index  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def test_home_anonymous_and_logged_in_and_follow_a_theme(
    page,
    live_server,
    axe_check,
    make_event,
    make_masterclass,
    make_circle,
    make_profile,
    make_theme_page,
    bouw,
    monitor_page,
):
    make_masterclass(title="Masterclass circulair slopen", audience="gemengd")
    make_event(title="Netwerkdag grondstoffen")
    make_circle(title="Leerkring biobased bouwen")
    make_profile(title="Sanne de Vries")
    make_theme_page(bouw)

    # A phone: the header and the folded menu take at most a quarter of the first screen.
    page.set_viewport_size(PHONE)
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    main_top = page.locator("#main").bounding_box()["y"]
    assert main_top <= PHONE["height"] / 4, main_top
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    axe_check(page)
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert page.get_by_role("link", name="Inloggen").is_visible()
    axe_check(page)

    # A desktop: the offer in the order a civil servant needs it.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    wanted = ["Masterclasses en bijeenkomsten", "Leerkringen", "Pioniers", "Kennisbank", "Monitor"]
    found = [heading.strip() for heading in headings if heading.strip() in wanted]
    assert found == wanted, headings
    assert not page.get_by_role("button", name="Menu").is_visible()
    axe_check(page)

    user = UserFactory()
    sign_in(page, user)
    page.goto("/")
    assert page.get_by_role("heading", name="Uw volgende aanmeldingen").is_visible()
    axe_check(page)

    # Follow a theme from its page, then choose a weekly e-mail.
    theme_page = ThemePage.objects.select_related("theme").get(theme=bouw)
    page.goto(theme_page.url)
    page.get_by_role("button", name=f"Volg {theme_page.theme.name}").click()
    page.wait_for_load_state()
    assert page.get_by_text("U volgt dit nu").first.is_visible()
    assert page.get_by_role("button", name=re.compile("niet meer volgen")).is_visible()
    axe_check(page)
    assert Follow.objects.filter(user=user, kind="theme", object_id=theme_page.theme_id).exists()

    page.get_by_role("link", name="Mijn meldingen").first.click()
    page.wait_for_url("**/mijn-meldingen/")
    page.get_by_label("Elke week").check()
    page.get_by_role("button", name="Keuze bewaren").first.click()
    page.wait_for_url("**/mijn-meldingen/")
    assert page.get_by_text("Uw keuze voor e-mail is bewaard").is_visible()
    axe_check(page)
