"""Organisations in the site search's index, also those the seed migration wrote.

A data migration writes rows without Wagtail's save signals, so the seeded organisations
would be unsearchable until someone runs ``update_index``. After every ``migrate`` the ones
missing from the index are added (learning.organisations.apps)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from .models import Organisation


def organisations_index_missing(**kwargs) -> int:
    """Add every organisation that has no entry in the search index; returns how many.

    Safe to run any number of times: indexed organisations are left alone."""
    content_type = ContentType.objects.get_for_model(Organisation)
    indexed = IndexEntry.objects.filter(content_type=content_type).values("object_id")
    missing = list(
        Organisation.objects.annotate(object_key=Cast("pk", CharField())).exclude(
            object_key__in=indexed
        )
    )
    if missing:
        get_search_backend().add_bulk(Organisation, missing)
    return len(missing)
