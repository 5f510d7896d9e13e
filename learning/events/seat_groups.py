"""Groups of events that share a per-organisation limit (a masterclass series), registered by
higher apps at app-ready time.

Events owns the registration rules but knows no programmes. A higher app whose pages group
events (learning.masterclasses: the masterclasses of one programme, "three people per
municipality for the whole series") registers a ``SeatGroupProvider`` here from its
``AppConfig.ready()``. Every service that gives a seat asks ``seat_group_lock`` for the event's
group *before* it takes the event's row lock, so the order of locks is always: the group, then
its events in order of pk. Paths that lock several events of one group therefore never
deadlock with paths that lock one.

The cost for an event of a type no provider knows is nothing: the event's class comes from its
content type, which the routing or an earlier request has cached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType


@dataclass(frozen=True)
class SeatGroup:
    """A locked group: at most ``organisation_limit`` distinct people of one organisation hold
    seats in ``event_ids`` together (None: no limit for the group; the events' own limits
    still hold)."""

    key: str
    organisation_limit: int | None
    event_ids: tuple[int, ...]

    @property
    def limits(self) -> bool:
        return self.organisation_limit is not None and bool(self.event_ids)


@dataclass(frozen=True)
class SeatGroupProvider:
    """``lock(event=)`` runs inside the transaction, before the event's lock: it takes the
    group's row lock and returns the group, or None when the event belongs to none. It is only
    asked for events whose class is (a subclass of) ``page_type``."""

    name: str
    page_type: type
    lock: Callable[..., SeatGroup | None]


_providers: dict[str, SeatGroupProvider] = {}


def register_seat_group_provider(provider: SeatGroupProvider) -> None:
    """Add a provider; registering the same name again replaces it (reloads, tests)."""
    _providers[provider.name] = provider


def _event_class(event) -> type:
    # A base EventPage row (from a lock query) may be a masterclass: its content type says
    # (``get_for_id`` is cached per process).
    if getattr(event, "content_type_id", None) is None:
        return type(event)
    return ContentType.objects.get_for_id(event.content_type_id).model_class() or type(event)


def seat_group_lock(event) -> SeatGroup | None:
    """Lock and return the group ``event`` belongs to, or None. Call it inside the
    transaction, before the event's own lock."""
    if not _providers:
        return None
    event_class = _event_class(event)
    for provider in _providers.values():
        if issubclass(event_class, provider.page_type):
            return provider.lock(event=event)
    return None
