"""The base pages built once (tests/base_tree.py): each test sees exactly the pages it asks
for, as the fixtures built them for it before, and nothing another test changed."""

import pytest
from wagtail.models import Page

from learning.events.models import EventIndexPage, EventPage
from learning.masterclasses.models import ProgrammePage
from tests.base_tree import BaseTree

pytestmark = pytest.mark.django_db


def assert_published(page, model, url_path):
    fresh = Page.objects.get(pk=page.pk)
    assert type(page) is model
    assert fresh.live and not fresh.has_unpublished_changes
    assert fresh.live_revision_id is not None
    assert fresh.live_revision_id == fresh.latest_revision_id
    assert fresh.first_published_at is not None
    assert fresh.url_path == url_path
    assert fresh.get_parent().specific_class.__name__ == "HomePage"


def test_a_test_without_base_pages_sees_none():
    assert not EventIndexPage.objects.exists()
    assert not ProgrammePage.objects.exists()


def test_the_programme_alone(programme):
    assert not EventIndexPage.objects.exists()
    assert list(ProgrammePage.objects.all()) == [programme]
    assert_published(programme, ProgrammePage, "/home/masterclasses-circulair-inkopen/")


@pytest.mark.parametrize("change", range(2))
def test_what_a_test_changes_is_gone_for_the_next(change, agenda, make_event):
    # Whichever of the two runs second sees the agenda as built, without the other's events.
    assert not EventPage.objects.exists()
    assert agenda.title == "Agenda"
    assert list(EventIndexPage.objects.all()) == [agenda]
    assert_published(agenda, EventIndexPage, "/home/agenda/")

    make_event()
    agenda.title = "Gewijzigd"
    agenda.save_revision().publish()
    assert EventPage.objects.child_of(agenda).count() == 1


def test_the_pages_come_from_the_base_tree_once_it_is_there(agenda, programme):
    tree = BaseTree.current
    assert tree is not None  # made by the first test that asked for a base page
    if tree.loaded:
        assert tree.key == ("agenda", "programme")
        assert tree.pages["agenda"] == (EventIndexPage, agenda.pk)
        assert tree.pages["programme"] == (ProgrammePage, programme.pk)
    # In the order asked for, as the fixtures built them.
    assert agenda.path < programme.path
