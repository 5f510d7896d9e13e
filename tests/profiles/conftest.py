import json
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from learning.core.models import Theme
from learning.organisations.models import Organisation
from learning.profiles.models import PioneerProfilePage, ProfileIndexPage
from tests.base_tree import BaseTree, base_page

CONSENT = {"consent_given": True, "consent_date": date(2026, 9, 1)}


def story(*, text="Wij begonnen met één aanbesteding.", tip="Begin klein."):
    return json.dumps(
        [
            {"type": "paragraph", "value": f"<p>{text}</p>"},
            {
                "type": "tools",
                "value": {
                    "heading": "Hulpmiddelen",
                    "tools": [
                        {
                            "name": "Circulaire bouwmatrix",
                            "purpose": "Hergebruik per project op een rij.",
                            "url": "https://example.org/bouwmatrix",
                        }
                    ],
                },
            },
            {"type": "tips", "value": {"heading": "Tips", "tips": [tip]}},
            {
                "type": "practice_example",
                "value": {
                    "title": "Fietspad van betonpuin",
                    "situation": "Bij sloop kwam 800 ton beton vrij.",
                    "approach": "Op locatie gebroken en als fundering gebruikt.",
                    "result": "800 ton hergebruikt, 35 ton CO2 bespaard.",
                    "contact": "Team Openbare Ruimte",
                },
            },
        ]
    )


@pytest.fixture
def themes():
    return {theme.slug: theme for theme in Theme.objects.all()}


@base_page("profile_index")
def build_profile_index(home):
    index = ProfileIndexPage(title="Pioniers", slug="pioniers", show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def profile_index(home, base_tree):
    return BaseTree.page("profile_index") or build_profile_index(home)


@pytest.fixture
def organisation_by_code():
    def _get(code):
        return Organisation.objects.select_related("province").get(cbs_code=code)

    return _get


@pytest.fixture
def make_profile(profile_index):
    """A published profile (with consent) under the index; ``themes`` is a list of Themes."""
    counter = iter(range(1, 100_000))

    def _make(*, themes=(), publish=True, story_text=None, **fields):
        number = next(counter)
        values = {
            "title": f"Pionier {number}",
            "slug": f"pionier-{number}",
            "job_title": "Adviseur circulaire economie",
            "story": story(**({"text": story_text} if story_text else {})),
            **CONSENT,
            **fields,
        }
        profile = PioneerProfilePage(live=False, **values)
        profile_index.add_child(instance=profile)
        if themes:
            profile.themes.set(themes)
        revision = profile.save_revision()
        if publish:
            revision.publish()
        return PioneerProfilePage.objects.get(pk=profile.pk)

    return _make


def bulk_profiles(index, count, *, themes=(), organisation=None, province="", searchable=False):
    """``count`` live profiles under ``index`` in a few queries per hundred, for query-count
    tests: page rows in bulk with computed tree paths, then the profile rows and themes."""
    index.refresh_from_db()
    content_type = ContentType.objects.get_for_model(PioneerProfilePage)
    first = index.numchild + 1
    pages = [
        Page(
            title=f"Bulkpionier {number:04d}",
            slug=f"bulkpionier-{number}",
            content_type=content_type,
            path=Page._get_path(index.path, index.depth + 1, number),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}bulkpionier-{number}/",
            live=True,
            locale_id=index.locale_id,
        )
        for number in range(first, first + count)
    ]
    Page.objects.bulk_create(pages)
    created = Page.objects.filter(slug__startswith="bulkpionier-", depth=index.depth + 1)
    new_pages = list(created.filter(path__in=[page.path for page in pages]))
    for page in new_pages:
        profile = PioneerProfilePage(
            page_ptr_id=page.pk,
            job_title="Beleidsmedewerker",
            organisation=organisation,
            province=province,
            story="[]",
            **CONSENT,
        )
        profile.save_base(raw=True)
    Through = PioneerProfilePage.themes.through
    Through.objects.bulk_create(
        Through(pioneerprofilepage_id=page.pk, theme_id=theme.pk)
        for page in new_pages
        for theme in themes
    )
    Page.objects.filter(pk=index.pk).update(numchild=first - 1 + count)
    if searchable:
        profiles = PioneerProfilePage.objects.filter(pk__in=[page.pk for page in new_pages])
        get_search_backend().add_bulk(PioneerProfilePage, list(profiles))
    return new_pages
