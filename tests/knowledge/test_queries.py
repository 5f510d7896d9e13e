"""Theme pages and the knowledge base index keep a constant number of queries as content grows."""

import datetime
import uuid
from unittest import mock

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from modelsearch import signal_handlers as modelsearch_signals
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from learning.knowledge.models import Initiative, InitiativeKind, PolicyGoal
from learning.profiles.models import PioneerProfilePage, ProfileIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile_index(home):
    index = ProfileIndexPage(title="Pioniers", slug="pioniers")
    home.add_child(instance=index)
    return index


def add_profiles(index, theme, count, start=0):
    """``count`` live profiles under ``index``. The search index and Wagtail's reference index
    are not kept up to date for them (two thirds of the cost of 500 pages): theme pages read
    neither."""
    with (
        disable_reference_index_auto_update(),
        mock.patch.object(modelsearch_signals, "insert_or_update_object_task"),
    ):
        _add_profiles(index, theme, count, start)


def _add_profiles(index, theme, count, start):
    """The first profile through ``add_child``; the others are copies of its two rows (the page
    and the profile) with their own path, slug, title and translation key, written in bulk:
    what ``add_child`` would write for each, at a tenth of the cost (Django cannot bulk-create
    a page type, which is a table on top of Wagtail's page table)."""
    first = _profile(start)
    first.themes = [theme]
    index.add_child(instance=first)
    step = Page._str2int(first.path[-Page.steplen :])
    pages = []
    for offset, number in enumerate(range(start + 1, start + count), start=1):
        page = Page(**{f.attname: getattr(first, f.attname) for f in PAGE_FIELDS})
        page.path = Page._get_path(index.path, first.depth, step + offset)
        page.title = page.draft_title = f"Pionier {number}"
        page.slug = f"pionier-{number}"
        page.url_path = f"{index.url_path}{page.slug}/"
        page.translation_key = uuid.uuid4()
        pages.append(page)
    Page.objects.bulk_create(pages)
    for page in pages:
        profile = PioneerProfilePage(page_ptr_id=page.pk)
        for field in PROFILE_FIELDS:
            setattr(profile, field.attname, getattr(first, field.attname))
        profile.save_base(raw=True, force_insert=True)  # the profile's own row only
    themes = PioneerProfilePage._meta.get_field("themes")
    through = themes.remote_field.through
    through.objects.bulk_create(
        through(**{themes.m2m_column_name(): page.pk, themes.m2m_reverse_name(): theme.pk})
        for page in pages
    )
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
    assert not any(Page.find_problems()), Page.find_problems()


def _profile(number):
    return PioneerProfilePage(
        title=f"Pionier {number}",
        slug=f"pionier-{number}",
        job_title="Inkoopadviseur",
        quote="Begin klein.",
        consent_given=True,
        consent_date=datetime.date(2026, 1, 1),
        live=True,
    )


PAGE_FIELDS = [field for field in Page._meta.concrete_fields if not field.primary_key]
PROFILE_FIELDS = [
    field for field in PioneerProfilePage._meta.local_concrete_fields if not field.primary_key
]


def add_articles(make_article, theme, count):
    for _ in range(count):
        make_article(themes=[theme])


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_theme_page_queries_constant_from_10_to_500_profiles(
    client, profile_index, make_theme_page, make_article, bouw, make_event, make_user
):
    theme_page = make_theme_page(bouw)
    for number in range(3):
        goal = PolicyGoal.objects.create(
            title=f"Doel {number}", goal_text="50% minder.", source="Rijksoverheid"
        )
        goal.themes.set([bouw])
        goal.save()
        initiative = Initiative.objects.create(
            name=f"Initiatief {number}", kind=InitiativeKind.NETWORK, description="Een netwerk."
        )
        initiative.themes.set([bouw])
        initiative.save()
    make_event(themes=[bouw])
    add_profiles(profile_index, bouw, 10)
    add_articles(make_article, bouw, 3)
    client.force_login(make_user())
    small = count_queries(client, theme_page.url)

    add_profiles(profile_index, bouw, 490, start=10)
    add_articles(make_article, bouw, 20)
    make_event(themes=[bouw])
    large = count_queries(client, theme_page.url)
    assert large == small, (small, large)
    assert large <= 30, large
    assert PioneerProfilePage.objects.filter(themes=bouw).count() == 500


def test_index_and_directory_queries_constant(
    client, knowledge_index, make_theme_page, make_article, bouw, inkopen, directory
):
    make_theme_page(bouw)
    add_articles(make_article, bouw, 3)
    for number in range(3):
        initiative = Initiative.objects.create(
            name=f"Initiatief {number}", kind=InitiativeKind.NETWORK, description="x"
        )
        initiative.themes.set([bouw])
        initiative.save()
    small = count_queries(client, knowledge_index.url)
    small_directory = count_queries(client, directory.url)

    make_theme_page(inkopen)
    add_articles(make_article, inkopen, 25)
    for number in range(3, 40):
        initiative = Initiative.objects.create(
            name=f"Initiatief {number}", kind=InitiativeKind.COMPANY, description="x"
        )
        initiative.themes.set([bouw, inkopen])
        initiative.save()
    assert count_queries(client, knowledge_index.url) == small
    assert count_queries(client, directory.url) == small_directory
