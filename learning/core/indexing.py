"""Search and reference indexes brought up to date once, after many saves.

Every save of a searchable model or a page makes Wagtail update its search index and its
reference index for that object, a dozen queries each, and a page is saved three times when
it is made (created, revision, published). Loading the demo (~700 objects) or importing the
directory spent more than half of its time there. Inside ``indexes_updated_at_the_end()`` the
saves only note which objects changed; on leaving, each object is indexed once: the search
index in one bulk write per model, the reference index per object. What ends up in both
indexes is what the saves one by one would have left (the same Wagtail functions write it).
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import signal_handlers as search_signal_handlers
from modelsearch.backends import get_search_backends
from modelsearch.index import get_indexed_models
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save

_DISPATCH_UID = "learning.core.indexing.search"
_REFERENCE_UID = "learning.core.indexing.reference"


@contextmanager
def indexes_updated_at_the_end():
    """Saves inside only note their objects; both indexes are updated once for each on a
    clean exit (inside the caller's transaction, if any). Nested, the outer one does the
    work. Signals are process-wide: for commands (load_demo, import_initiatives), never for
    requests, where other threads' saves would be noted too."""
    if _active:
        yield
        return
    _active.append(True)
    try:
        yield from _deferred()
    finally:
        _active.pop()


_active: list[bool] = []


def _deferred():
    searched = [
        model for model in get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    changed: dict[type, set] = defaultdict(set)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            changed[sender].add(instance.pk)

    referenced: dict[type, set] = defaultdict(set)

    def note_reference(sender, instance, raw=False, **kwargs):
        if not raw:
            referenced[sender].add(instance.pk)

    for model in searched:
        post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model)
        post_save.connect(note, sender=model, weak=False, dispatch_uid=_DISPATCH_UID)
    # Deletes still update both indexes at once (their handlers stay connected).
    for model in ReferenceIndex.tracked_models:
        post_save.disconnect(update_reference_index_on_save, sender=model)
        post_save.connect(note_reference, sender=model, weak=False, dispatch_uid=_REFERENCE_UID)
    try:
        yield
    except BaseException:
        # Inside a transaction that is going to roll back there is nothing to index; outside
        # one (a command that commits row by row) the rows written so far are indexed.
        if not transaction.get_connection().in_atomic_block:
            _update(changed, referenced)
        raise
    finally:
        for model in searched:
            post_save.disconnect(sender=model, dispatch_uid=_DISPATCH_UID)
            post_save.connect(search_signal_handlers.post_save_signal_handler, sender=model)
        for model in ReferenceIndex.tracked_models:
            post_save.disconnect(sender=model, dispatch_uid=_REFERENCE_UID)
            post_save.connect(update_reference_index_on_save, sender=model)
    _update(changed, referenced)


def _update(changed: dict[type, set], referenced: dict[type, set]) -> None:
    with transaction.atomic():
        _search_index(changed)
        _reference_index(referenced)


def _search_index(changed: dict[type, set]) -> None:
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in changed.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        indexed = [obj.get_indexed_instance() for obj in objects]
        by_model: dict[type, list] = defaultdict(list)
        for obj in indexed:
            if obj is not None:
                by_model[type(obj)].append(obj)
        for indexed_model, items in by_model.items():
            for backend in backends:
                backend.add_bulk(indexed_model, items)


def _reference_index(referenced: dict[type, set]) -> None:
    """As wagtail.tasks.update_reference_index_task: a child row (ParentalKey) is indexed as
    its parent, each object once. The parents are found by their keys, one query per model
    and level, not one per child row."""
    owners: dict[type, set] = defaultdict(set)
    for model, pks in referenced.items():
        while True:
            parental_keys = [f for f in model._meta.get_fields() if isinstance(f, ParentalKey)]
            if not parental_keys:
                break
            key = parental_keys[0]
            pks = set(
                model._default_manager.filter(pk__in=pks).values_list(key.attname, flat=True)
            ) - {None}
            model = key.related_model
        owners[model] |= pks
    for model, pks in owners.items():
        if pks and ReferenceIndex.is_indexed(model):
            for owner in model._default_manager.filter(pk__in=pks):
                ReferenceIndex.create_or_update_for_object(owner)
