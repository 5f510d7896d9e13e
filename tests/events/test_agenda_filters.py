"""The agenda's filters: the shared filter list (learning.core.filtering) and the filters other
apps register (learning.events.agenda_filters), such as the masterclasses' "doelgroep"."""

import re
from pathlib import Path

import pytest
from django.test import Client

import learning.events
from learning.events.agenda_filters import agenda_filters
from learning.events.forms import AgendaFilterForm

pytestmark = pytest.mark.django_db


def test_masterclasses_register_the_audience_filter_after_the_kind():
    assert [agenda_filter.parameter for agenda_filter in agenda_filters()] == ["doelgroep"]
    assert list(AgendaFilterForm().fields) == ["soort", "doelgroep", "thema", "maand"]


def test_the_audience_filter_narrows_the_agenda_page(agenda, make_event, make_masterclass):
    board = make_masterclass(audience="bestuur", title="Voor het bestuur")
    make_masterclass(audience="beleid", title="Voor beleid")
    make_event(title="Netwerkdag voor iedereen")
    response = Client().get(agenda.url, {"doelgroep": "bestuur"})
    assert response.status_code == 200
    assert [event.pk for event in response.context["events"].object_list] == [board.pk]
    assert response.context["is_filtered"]
    assert Client().get(agenda.url, {"doelgroep": "iedereen"}).status_code == 400


def test_the_filter_form_markup(agenda, make_event):
    make_event()
    content = Client().get(f"{agenda.url}afgelopen/", {"soort": "masterclass"}).content.decode()
    assert '<section class="agenda-filter" aria-labelledby="agenda-filter-heading">' in content
    assert (
        f'<form class="utrecht-form" method="get" action="{agenda.url}afgelopen/" novalidate>'
        in content
    )
    assert f'agenda-filter__reset" href="{agenda.url}afgelopen/">Filters wissen' in content
    assert '<label class="utrecht-form-label" for="id_doelgroep">Doelgroep</label>' in content


def test_the_agenda_imports_nothing_from_masterclasses():
    # The whole package is checked by the import contract (make lint); these are the agenda's.
    package = Path(learning.events.__file__).parent
    importing = re.compile(r"^\s*(from|import)\s+learning\.masterclasses\b", re.MULTILINE)
    modules = ["agenda_filters.py", "feeds.py", "forms.py", "views.py"]
    modules += [f"selectors/{path.name}" for path in sorted((package / "selectors").glob("*.py"))]
    assert "selectors/agenda.py" in modules
    offenders = [name for name in modules if importing.search((package / name).read_text())]
    assert offenders == []
