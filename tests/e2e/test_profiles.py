"""A civil servant searches the pioneers, filters them and opens a profile."""

import pytest

from home import demo as home_demo
from learning.accounts import demo as accounts_demo
from learning.core.indexing import indexes_updated_at_the_end
from learning.profiles import demo as profiles_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def pioneers():
    # As load_demo: both indexes written once at the end, not at every save.
    with indexes_updated_at_the_end():
        accounts_demo.load()
        home_demo.load()
        profiles_demo.load()


def test_search_filter_and_open_a_profile(page, axe_check, pioneers):
    page.goto("/pioniers/")
    axe_check(page)
    assert page.get_by_role("link", name="Marloes van der Heijden").is_visible()

    page.get_by_label("Zoekterm", exact=True).fill("maaisel")
    page.get_by_role("button", name="Toon pioniers").click()
    page.wait_for_url("**/pioniers/?zoek=maaisel*")
    assert page.get_by_text("1 pionier gevonden").is_visible()
    assert page.get_by_role("link", name="Sietske Hoekstra").is_visible()

    page.get_by_label("Zoekterm", exact=True).fill("")
    page.get_by_label("Thema", exact=True).select_option(label="Infrastructuur")
    page.get_by_label("Soort organisatie", exact=True).select_option(label="Waterschap")
    page.get_by_role("button", name="Toon pioniers").click()
    page.wait_for_url("**/pioniers/?*thema=infrastructuur*")
    assert page.get_by_text("1 pionier gevonden").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Hans Vermeulen").click()
    page.wait_for_url("**/pioniers/hans-vermeulen/")
    assert page.get_by_role("heading", level=1, name="Hans Vermeulen").is_visible()
    example = "Praktijkvoorbeeld: Beschoeiing van hergebruikt hardhout"
    assert page.get_by_role("heading", name=example).is_visible()
    portrait = "Illustratie met de initialen van Hans Vermeulen"
    assert page.get_by_role("img", name=portrait).is_visible()
    axe_check(page)

    page.get_by_role("link", name="Terug naar Pioniers").click()
    page.get_by_label("Provincie", exact=True).select_option(label="Fryslân")
    page.get_by_role("button", name="Toon pioniers").click()
    page.wait_for_url("**/pioniers/?*provincie=fryslan*")
    assert page.get_by_text("2 pioniers gevonden").is_visible()
