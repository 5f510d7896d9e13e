"""The index tasks noted until something reads an index (tests/lazy_indexes.py): what a read
sees is what running Wagtail's and modelsearch's tasks at every save leaves."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from learning.events.models import EventPage
from learning.organisations.models import OrganisationDomain
from tests.lazy_indexes import LazyIndexes


def index_rows(pk):
    content_type = ContentType.objects.get_for_model(EventPage)
    search = list(
        IndexEntry.objects.filter(content_type=content_type, object_id=str(pk)).values_list(
            "title", "body", "autocomplete"
        )
    )
    references = sorted(
        ReferenceIndex.objects.filter(content_type=content_type, object_id=str(pk)).values_list(
            "to_content_type_id", "to_object_id", "model_path", "content_path"
        )
    )
    return search, references


@pytest.mark.django_db
def test_a_read_of_the_index_first_runs_what_the_saves_noted(agenda, make_event):
    lazy = LazyIndexes.current
    event = make_event(title="Werkbezoek kringloopcentrum")
    assert lazy.deferring and lazy.pending  # noted, not run

    lazy_rows = index_rows(event.pk)  # the read runs them
    assert not lazy.pending
    [(title, _body, _autocomplete)] = lazy_rows[0]
    assert "kringloop" in title.lower()
    assert list(EventPage.objects.search("kringloopcentrum")) == [event]

    # The same tasks run at once on a save give the same rows.
    with lazy.at_once():
        event.save_revision().publish()
    assert not lazy.pending
    assert index_rows(event.pk) == lazy_rows


@pytest.mark.django_db
def test_the_reference_index_is_written_before_it_is_read(utrecht):
    lazy = LazyIndexes.current
    domain = OrganisationDomain.objects.create(organisation=utrecht, domain="kringloop.example")
    assert lazy.pending
    usage = {
        (reference.content_type.model_class(), int(reference.object_id))
        for reference in ReferenceIndex.get_references_to(utrecht)
    }
    assert not lazy.pending
    assert (OrganisationDomain, domain.pk) in usage


@pytest.mark.django_db
def test_an_object_deleted_before_the_read_leaves_nothing(agenda, make_event):
    event = make_event(title="Vervallen bijeenkomst")
    pk = event.pk
    event.delete()

    assert not list(EventPage.objects.search("vervallen"))
    assert index_rows(pk) == ([], [])


@pytest.mark.django_db
def test_counted_queries_are_those_of_what_is_measured(agenda, make_event):
    event = make_event()
    assert LazyIndexes.current.pending
    with CaptureQueriesContext(connection) as queries:
        Page.objects.get(pk=event.pk)
    assert len(queries) == 1
    assert not LazyIndexes.current.pending


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_test_that_commits_indexes_at_once(home):
    lazy = LazyIndexes.current
    page = Page(title="Toegezegd en vastgelegd", slug="vastgelegd")
    home.add_child(instance=page)
    page.save_revision().publish()
    assert not lazy.deferring and not lazy.pending
    with CaptureQueriesContext(connection) as queries:
        assert list(Page.objects.search("vastgelegd")) == [page]
    # Only the search itself: nothing was waiting to be indexed.
    assert all("INSERT" not in query["sql"] for query in queries.captured_queries)
