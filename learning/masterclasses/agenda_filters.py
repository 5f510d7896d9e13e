"""The masterclasses' filter on the agenda (learning.events.agenda_filters), see apps.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.events.agenda_filters import AgendaFilter

from .models import Audience


def audience_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Doelgroep"),
        choices=[("", _("Alle doelgroepen")), *Audience.choices],
        required=False,
    )


def events_for_audience(events, audience: str):
    """Only the masterclasses for this audience: an event without one is for no audience."""
    return events.filter(masterclasspage__audience=audience)


AUDIENCE_FILTER = AgendaFilter(
    parameter="doelgroep", field=audience_field, apply=events_for_audience, after="soort"
)
