"""The index of the circles comes from the base tree (tests/base_tree.py) as its fixture built
it: published with a revision, under the home page, and the same page for the test that asks."""

import pytest
from wagtail.models import Page

from learning.circles.models import CircleIndexPage
from tests.base_tree import BaseTree

pytestmark = pytest.mark.django_db


def test_the_circle_index_is_built_once_and_published(circle_index, make_circle):
    tree = BaseTree.current
    if tree.loaded:  # the first test of a process that asks builds it within the test
        assert tree.pages["circle_index"] == (CircleIndexPage, circle_index.pk)
    fresh = Page.objects.get(pk=circle_index.pk)
    assert fresh.live and fresh.live_revision_id == fresh.latest_revision_id
    assert fresh.url_path == "/home/leerkringen/"
    assert list(CircleIndexPage.objects.all()) == [circle_index]
    circle = make_circle()
    assert circle.get_parent().pk == circle_index.pk
