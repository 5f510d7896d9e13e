"""Filters that other apps add to the agenda (page and feed), registered at app-ready time.

The agenda knows events; a filter that only means something for a kind of event (the
masterclasses' "doelgroep") belongs to the app of that kind. It registers an ``AgendaFilter``
here from its ``AppConfig.ready()``: the form field under its GET parameter, and what a chosen
value does to the events' queryset. ``AgendaFilterForm`` adds the field, and the selectors of
the agenda page and the agenda feed apply the filter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet


@dataclass(frozen=True)
class AgendaFilter:
    parameter: str  # the GET parameter, in Dutch ("doelgroep")
    field: Callable[[], forms.Field]  # a new, optional form field per form
    apply: Callable[[QuerySet, str], QuerySet]  # the events with this (non-empty) value
    after: str = ""  # the agenda field it follows in the form; at the end when empty


_registry: dict[str, AgendaFilter] = {}


def register_agenda_filter(agenda_filter: AgendaFilter) -> None:
    """Add a filter; registering the same parameter again replaces it (reloads, tests)."""
    _registry[agenda_filter.parameter] = agenda_filter


def agenda_filters() -> list[AgendaFilter]:
    return list(_registry.values())


def agenda_filters_apply(events: QuerySet, *, values: dict[str, str]) -> QuerySet:
    """``events`` narrowed by each registered filter with a value in ``values``."""
    for parameter, value in values.items():
        if value:
            events = _registry[parameter].apply(events, value)
    return events
