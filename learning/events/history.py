"""What higher apps add to a person's history on "Mijn aanmeldingen" (the "Eerder" tab).

Events owns the tab; certificates, evaluations and circles contribute to it without this app
importing them (the same pattern as ``learning.calendar.registry``). Each app registers its
contributor in ``AppConfig.ready()``:

- ``links(user=, registrations=)``: for the person's past registrations, the links to show
  beside each one (a certificate to download, an evaluation to fill in), keyed by
  registration pk. One or two queries for all registrations together, never one per row.
- ``tasks(user=)``: open items that belong to no registration (an evaluation of a
  learning-circle meeting, a programme certificate): shown in a list above the past events.

Both return plain data; the tab's template renders them.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HistoryLink:
    """One link in the history: ``kind`` is a short code the template may style by
    ("certificate", "evaluation"); ``label`` is shown (Dutch, translated); ``url`` is where it
    goes; ``description`` is optional context read after the label."""

    kind: str
    label: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class HistoryContributor:
    name: str
    links: Callable[..., dict[int, list[HistoryLink]]] = field(default=lambda **_: {})
    tasks: Callable[..., list[HistoryLink]] = field(default=lambda **_: [])


_contributors: dict[str, HistoryContributor] = {}


def register_history_contributor(contributor: HistoryContributor) -> None:
    _contributors[contributor.name] = contributor


def history_links(*, user, registrations: Sequence) -> dict[int, list[HistoryLink]]:
    """All contributors' links per registration pk, in registration order of the apps."""
    merged: dict[int, list[HistoryLink]] = {}
    for contributor in _contributors.values():
        for pk, links in contributor.links(user=user, registrations=registrations).items():
            merged.setdefault(pk, []).extend(links)
    return merged


@dataclass(frozen=True)
class HistoryRow:
    """A past registration's row (``predicates.RegistrationRow``) with its links."""

    row: object
    links: list[HistoryLink]


def history_rows(*, user, rows: Sequence) -> list[HistoryRow]:
    """The rows of the "Eerder" part, each with the contributors' links (one call per
    contributor for all rows together)."""
    links = history_links(user=user, registrations=[row.registration for row in rows])
    return [HistoryRow(row=row, links=links.get(row.registration.pk, [])) for row in rows]


def history_tasks(*, user) -> list[HistoryLink]:
    """All contributors' open items that belong to no registration."""
    tasks: list[HistoryLink] = []
    for contributor in _contributors.values():
        tasks.extend(contributor.tasks(user=user))
    return tasks
