"""What we store about a person, in one registry: used to export and to erase it.

Each app that keeps personal data registers a provider here (in its AppConfig.ready): a key,
an ``export(user)`` that returns JSON-serialisable data, and an ``erase(user)`` that anonymises
or deletes that data before the account itself is deleted. Registrations, for example, are
kept for the organisers' numbers but lose the link to the person. The registry lives in core
so that every app, the outbox below accounts too, can register without importing the apps
above it; learning.accounts exports and erases through it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataProvider:
    key: str
    label: str
    description: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


_providers: dict[str, PersonalDataProvider] = {}


def register(
    key: str,
    *,
    label: str,
    description: str = "",
    export: Callable[[Any], Any],
    erase: Callable[[Any], None] | None = None,
) -> None:
    """Register what an app stores about a person; ``description`` is shown to that person."""
    _providers[key] = PersonalDataProvider(
        key=key, label=label, description=description, export=export, erase=erase
    )


def providers() -> list[PersonalDataProvider]:
    return list(_providers.values())
