"""A civil servant searches the site, narrows the results to one kind and opens one."""

import re

import pytest
from django.db import connection

from home import demo as home_demo
from learning.accounts import demo as accounts_demo
from learning.core.indexing import indexes_updated_at_the_end
from learning.knowledge import demo as knowledge_demo
from learning.profiles import demo as profiles_demo
from tests.conftest import require_service

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def content():
    # "kringloop" finds "kringloopcentrum" as the start of a word: PostgreSQL's search
    # (learning/core/search/backend.py); Wagtail's SQLite backend matches whole words only.
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    # As load_demo: both indexes written once at the end, not at every save. Of the
    # knowledge base only the directory: "kringloop" finds initiatives and pioneers.
    with indexes_updated_at_the_end():
        accounts_demo.load()
        home_demo.load()
        profiles_demo.load()
        knowledge_demo.load_directory()


def test_search_with_a_filter(page, axe_check, content):
    page.goto("/zoeken/")
    axe_check(page)

    page.locator("#id_q").fill("kringloop")
    page.get_by_role("button", name="Zoeken", exact=True).last.click()
    page.wait_for_url("**/zoeken/?q=kringloop*")
    assert page.get_by_role("status").get_by_text("resultaten voor “kringloop”").is_visible()
    assert page.locator(".search-results .badge").first.is_visible()
    # Pioneers and initiatives both: the filter below has something to leave out.
    assert {"Initiatief"} < set(page.locator(".search-results .badge").all_inner_texts())
    axe_check(page)

    page.get_by_label("Soort", exact=True).select_option(label="Initiatief")
    page.get_by_role("button", name="Zoeken", exact=True).last.click()
    page.wait_for_url("**/zoeken/?*soort=initiatief*")
    # Only initiatives now (the directory holds more than one kringloop).
    assert (
        page.get_by_role("status")
        .get_by_text(re.compile(r"\d+ resulta(at|ten) voor “kringloop”"))
        .is_visible()
    )
    assert set(page.locator(".search-results .badge").all_inner_texts()) == {"Initiatief"}
    assert page.locator(".search-results mark").first.is_visible()
    axe_check(page)

    page.get_by_role("link", name="Kringloopcentrum De Tweede Ronde").click()
    page.wait_for_url("**/organisaties-en-initiatieven/?zoek=*")
    assert page.get_by_text("Kringloopcentrum De Tweede Ronde").first.is_visible()

    page.goto("/zoeken/?q=kringlopwinkel")
    assert page.get_by_role("heading", name="Niets gevonden").is_visible()
    axe_check(page)
