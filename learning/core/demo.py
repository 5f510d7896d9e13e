"""The demo content that ``python manage.py load_demo`` loads, collected from the apps.

Each app with demo content registers a loader in its AppConfig.ready(), so core never imports
the apps above it (the same pattern as the personal-data and calendar registries). A loader
has an ``order``: ``load_demo`` runs the loaders from low to high, so content that needs other
content (registrations need people and pages) comes after it. The orders in use:

- 10 accounts (demo domains and logins), 20 home (the page tree), 30 events (the agenda),
  35 masterclasses (the programme), 38 certificates (a past masterclass), 40 circles,
  50 profiles, 60 knowledge, 70 monitor, 75 indicators (values for the monitor's
  municipalities), 75 routes (after indicators by name), 80 evaluations (responses to a
  past event);
- 100 accounts' verified organisation claims for the people the loaders above made.

A loader may also return ``notes``: lines that ``load_demo`` prints after loading (the demo
logins).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    """``load()`` upserts the app's demo content (safe to run twice); ``notes()`` gives the
    lines to show afterwards, or is None."""

    name: str
    order: int
    load: Callable[[], None]
    notes: Callable[[], Iterable[str]] | None = None


_loaders: dict[str, DemoLoader] = {}


def register_demo_loader(loader: DemoLoader) -> None:
    _loaders[loader.name] = loader


def demo_loaders() -> list[DemoLoader]:
    """The registered loaders in the order they run (by ``order``, then by name)."""
    return sorted(_loaders.values(), key=lambda loader: (loader.order, loader.name))
