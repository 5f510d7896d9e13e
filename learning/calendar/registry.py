"""What the personal feed is made of: each app that has items for a person (events,
learning circles …) registers a source in its AppConfig.ready(), so this app never imports
them (the same pattern as accounts' personal_data registry)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PersonalFeedSource:
    """One kind of item in a person's feed.

    - ``aggregates()``: aggregate expressions over a ``User`` queryset; all sources' are
      computed in the feed's one state query;
    - ``state(user=, values=)``: (last change or None, a string that changes whenever the
      source's items change) from those values;
    - ``add_items(calendar, user=, request=)``: adds the VEVENTs (a query of its own).
    """

    name: str
    aggregates: Callable[[], dict]
    state: Callable[..., tuple[datetime | None, str]]
    add_items: Callable[..., None]


_sources: dict[str, PersonalFeedSource] = {}


def register_personal_source(source: PersonalFeedSource) -> None:
    _sources[source.name] = source


def personal_sources() -> list[PersonalFeedSource]:
    """In registration order (the order of INSTALLED_APPS)."""
    return list(_sources.values())
