from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from learning.circles import services
from learning.circles.models import (
    CircleIndexPage,
    CircleKnowledgeIndexPage,
    CircleKnowledgePage,
    CircleMeeting,
    LearningCirclePage,
)
from tests.base_tree import BaseTree, base_page
from tests.factories import UserFactory


@base_page("circle_index")
def build_circle_index(home):
    index = CircleIndexPage(title="Leerkringen", slug="leerkringen", show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def circle_index(home, base_tree):
    return BaseTree.page("circle_index") or build_circle_index(home)


@pytest.fixture
def make_circle(circle_index):
    counter = iter(range(1, 10_000))

    def _make(*, coordinators=(), meetings=2, **fields):
        number = next(counter)
        today = timezone.localdate()
        values = {
            "title": f"Leerkring circulaire economie {number}",
            "slug": f"leerkring-{number}",
            "intro": "Een jaar lang samen leren over circulaire projecten.",
            "starts_on": today - timedelta(days=30),
            "ends_on": today + timedelta(days=300),
            "max_members": 12,
            **fields,
        }
        circle = LearningCirclePage(**values)
        start = timezone.now() - timedelta(days=10)
        circle.meetings = [
            CircleMeeting(
                title=f"Bijeenkomst {n}",
                starts_at=start + timedelta(days=20 * n),
                ends_at=start + timedelta(days=20 * n, hours=3),
                location_name="Stadhuis",
                online_url="https://meet.example/kring",
                agenda="<p>Agenda voor leden</p>",
                report="<p>Geheim verslag</p>" if n == 0 else "",
            )
            for n in range(meetings)
        ]
        circle_index.add_child(instance=circle)
        circle.coordinators.set(coordinators)
        circle.save_revision().publish()
        circle.refresh_from_db()
        return circle

    return _make


@pytest.fixture
def make_member():
    def _make(circle, user=None, **fields):
        user = user or UserFactory(**fields)
        coordinator = circle.coordinators.first()
        membership = services.membership_apply(circle=circle, user=user, motivation="Graag!")
        services.membership_approve(membership=membership, actor=coordinator)
        return user

    return _make


@pytest.fixture
def knowledge_page():
    def _make(circle, title="Vertrouwelijk verslag over de pilot"):
        section = CircleKnowledgeIndexPage.objects.child_of(circle).get()
        page = CircleKnowledgePage(
            title=title,
            slug=f"pagina-{CircleKnowledgePage.objects.count() + 1}",
            intro="Zoekwoord geheimzinnigpilot",
        )
        section.add_child(instance=page)
        page.save_revision().publish()
        return page

    return _make


@pytest.fixture
def staff_coordinator():
    return UserFactory(is_staff=True)


@pytest.fixture
def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user
