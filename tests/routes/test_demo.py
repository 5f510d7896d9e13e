"""The demo: two municipalities with a route in different stages."""

import pytest
from django.urls import reverse

from learning.accounts.models import User
from learning.routes.models import Route

pytestmark = pytest.mark.django_db


def test_two_routes_in_different_stages(demo_database, client):
    # A second run doubles nothing: tests/home/test_pages.py::test_load_demo_twice_changes_nothing.
    apeldoorn = Route.objects.get(organisation__name="Apeldoorn", organisation__kind="gemeente")
    zwolle = Route.objects.get(organisation__name="Zwolle", organisation__kind="gemeente")
    assert apeldoorn.raw_materials and apeldoorn.procurement and apeldoorn.staff_awareness
    assert apeldoorn.opportunities.count() >= 3
    assert apeldoorn.actions.count() == 3
    assert apeldoorn.actions.filter(shared_in_region=True).exists()
    assert apeldoorn.actions.filter(masterclasses__isnull=False).exists()
    assert zwolle.procurement and not zwolle.raw_materials
    assert not zwolle.opportunities.exists() and not zwolle.actions.exists()

    client.force_login(User.objects.get(email="anouk.jansen@apeldoorn.example"))
    page = client.get(reverse("routes:mine"), follow=True)
    assert page.status_code == 200
    assert "Routekaart Gemeente Apeldoorn" in page.text
    assert "Circulair uitvragen bij wegonderhoud" in page.text

    client.force_login(User.objects.get(email="mohamed.elamrani@zwolle.example"))
    page = client.get(reverse("routes:mine"), follow=True)
    assert "Routekaart Gemeente Zwolle" in page.text
    # Zwolle's submitted monitor proposes opportunities to start from.
    assert "Voorgestelde kansen" in page.text

    client.force_login(User.objects.get(email="coordinator@circulairleren.example"))
    overview = client.get(reverse("routes:overview"))
    assert "Gemeente Apeldoorn" in overview.text and "Gemeente Zwolle" in overview.text
