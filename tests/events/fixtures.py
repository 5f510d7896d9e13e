from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from learning.events.models import EventIndexPage, EventPage
from learning.masterclasses.models import MasterclassPage, ProgrammePage
from learning.organisations.models import Organisation
from tests.base_tree import BUILDERS, BaseTree, base_page
from tests.factories import UserFactory


@pytest.fixture
def home():
    return Site.objects.get(is_default_site=True).root_page.specific


@base_page("agenda")
def build_agenda(home):
    index = EventIndexPage(title="Agenda", slug="agenda", intro="Wat er op het programma staat.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@base_page("programme")
def build_programme(home):
    page = ProgrammePage(
        title="Masterclasses circulair inkopen",
        slug="masterclasses-circulair-inkopen",
        intro="Vier masterclasses voor bestuur, beleid en uitvoering.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(scope="session")
def base_tree(django_db_setup, django_db_blocker):
    """The index pages built once for the tests that ask for them (tests/base_tree.py)."""
    tree = BaseTree(django_db_blocker, BUILDERS)
    BaseTree.current = tree
    yield tree
    tree.unload()
    BaseTree.current = None


@pytest.fixture
def agenda(home, base_tree):
    """The Agenda (EventIndexPage) under the home page, live."""
    return BaseTree.page("agenda") or build_agenda(home)


@pytest.fixture
def programme(home, base_tree):
    """A masterclass programme (ProgrammePage) under the home page, live."""
    return BaseTree.page("programme") or build_programme(home)


def _times(days_ahead=30):
    start = timezone.now() + timedelta(days=days_ahead)
    return {"starts_at": start, "ends_at": start + timedelta(hours=4)}


@pytest.fixture
def make_event(agenda):
    counter = iter(range(1, 10_000))

    def _make(**fields):
        number = next(counter)
        values = {
            "title": f"Netwerkdag circulaire overheid {number}",
            "slug": f"netwerkdag-{number}",
            "intro": "Een dag voor professionals van alle overheden.",
            "capacity": 150,
            **_times(),
        }
        values.update(fields)
        event = EventPage(**values)
        agenda.add_child(instance=event)
        event.save_revision().publish()
        event.refresh_from_db()
        return event

    return _make


@pytest.fixture
def make_masterclass(programme):
    counter = iter(range(1, 10_000))

    def _make(**fields):
        number = next(counter)
        values = {
            "title": f"Masterclass circulair inkopen {number}",
            "slug": f"masterclass-{number}",
            "intro": "Circulaire uitvragen schrijven en beoordelen.",
            "audience": "uitvoering",
            "trainers": "Karin Smit (PIANOo)",
            "capacity": 25,
            **_times(),
        }
        values.update(fields)
        masterclass = MasterclassPage(**values)
        programme.add_child(instance=masterclass)
        masterclass.save_revision().publish()
        masterclass.refresh_from_db()
        return masterclass

    return _make


@pytest.fixture
def utrecht():
    return Organisation.objects.get(cbs_code="GM0344")


@pytest.fixture
def make_user():
    def _make(organisation=None, **fields):
        if organisation is not None:
            fields["organisation"] = organisation
        return UserFactory(**fields)

    return _make


def municipalities(count: int) -> list[Organisation]:
    return list(Organisation.objects.filter(kind="gemeente").order_by("cbs_code")[:count])


def add_programme(event, *, rounds=3, sessions=4, capacity=30, rooms=None):
    """Rounds of parallel sessions for ``event`` (learning.events.models.sessions): ``rounds``
    time slots of an hour from the event's start, each with ``sessions`` sessions in rooms
    "Zaal 1" … (or ``rooms``). Returns the rounds, each with ``session_list``."""
    from learning.events.models import EventRound, EventSession

    rooms = rooms or [f"Zaal {number}" for number in range(1, sessions + 1)]
    made = []
    for number in range(rounds):
        starts = event.starts_at + timedelta(hours=number)
        event_round = EventRound.objects.create(
            event=event,
            title=f"Ronde {number + 1}",
            starts_at=starts,
            ends_at=starts + timedelta(minutes=50),
            sort_order=number,
        )
        event_round.session_list = [
            EventSession.objects.create(
                round=event_round,
                title=f"Sessie {number + 1}.{index + 1}",
                room=rooms[index],
                capacity=capacity,
                sort_order=index,
                speakers="Sanne de Wit (gemeente Zwolle)",
            )
            for index in range(sessions)
        ]
        made.append(event_round)
    return made
