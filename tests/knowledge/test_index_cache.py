"""The anonymous knowledge base in the cache (learning.core.filtering, ``cache_list``): a warm
request runs no query beyond a bare Wagtail page; publications and restrictions show at once."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.warm import warm_queries

pytestmark = pytest.mark.django_db


def test_a_warm_anonymous_knowledge_base_runs_no_query_beyond_a_bare_page(
    knowledge_index, bare_page, make_article, make_theme_page, guide, bouw
):
    make_theme_page(bouw)
    make_article(themes=[bouw])
    make_article()
    client = Client()
    bare = warm_queries(client, bare_page.url)
    assert warm_queries(client, knowledge_index.url) == bare
    assert warm_queries(client, f"{knowledge_index.url}?thema=bouw") == bare


def test_a_new_or_unpublished_article_shows_at_once(knowledge_index, make_article):
    make_article(title="Eerste artikel")
    client = Client()
    warm_queries(client, knowledge_index.url)
    new = make_article(title="Tweede artikel")
    assert "Tweede artikel" in client.get(knowledge_index.url).content.decode()
    new.unpublish()
    assert "Tweede artikel" not in client.get(knowledge_index.url).content.decode()


def test_a_private_article_never_shows_to_anonymous_visitors(
    knowledge_index, make_article, make_user
):
    make_article(title="Open artikel")
    client = Client()
    warm_queries(client, knowledge_index.url)
    private = make_article(title="Besloten artikel")
    group = Group.objects.create(name="Deelnemers")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    member = make_user()
    member.groups.add(group)
    member_client = Client()
    member_client.force_login(member)
    assert "Besloten artikel" in member_client.get(knowledge_index.url).content.decode()
    for _ in range(2):
        content = client.get(knowledge_index.url).content.decode()
        assert "Open artikel" in content
        assert "Besloten artikel" not in content
