"""A coordinator checks in three people at the door on a phone (390 px wide)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from learning.events.coordination import coordinator_sections_grant
from learning.events.models import Registration, RegistrationStatus
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_coordinator_checks_in_three_people_on_a_phone(
    page, axe_check, agenda, programme, make_event, make_user
):
    start = timezone.now() - timedelta(minutes=20)
    event = make_event(
        title="Netwerkdag Zwolle", starts_at=start, ends_at=start + timedelta(hours=4)
    )
    names = ["Anna de Vries", "Bram Bakker", "Cor van Dam", "Dina Dekker"]
    people = {
        name: Registration.objects.create(
            event=event, user=make_user(full_name=name), status=RegistrationStatus.CONFIRMED
        )
        for name in names
    }
    coordinator_sections_grant(pages=[agenda, programme])
    coordinator = make_user(is_staff=True, full_name="Coby Coördinator")
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, coordinator)
    page.goto(f"/admin/registrations/event/{event.pk}/inchecken/")
    axe_check(page)
    count = page.locator(".checkin-bar__count")
    assert count.inner_text() == "0 ingecheckt / 4 verwacht"

    for number, name in enumerate(["Anna de Vries", "Bram Bakker", "Cor van Dam"], start=1):
        search = page.get_by_label("Zoek op naam of organisatie")
        search.fill(name.split()[-1])
        assert page.get_by_role("button", name=f"Inchecken {names[3]}").is_hidden()
        page.get_by_role("button", name=f"Inchecken {name}").click()
        page.get_by_role("button", name=f"Terugdraaien {name}").wait_for()
        assert count.inner_text() == f"{number} ingecheckt / 4 verwacht"
        assert page.get_by_role("status").inner_text() == f"{name} is ingecheckt."
        # The count stays in view at the top of the screen.
        assert count.bounding_box()["y"] < 200

    page.get_by_label("Zoek op naam of organisatie").fill("")
    page.get_by_role("button", name="Terugdraaien Bram Bakker").click()
    page.get_by_role("button", name="Inchecken Bram Bakker").wait_for()
    assert count.inner_text() == "2 ingecheckt / 4 verwacht"
    axe_check(page)

    statuses = {
        name: Registration.objects.get(pk=registration.pk).status
        for name, registration in people.items()
    }
    assert statuses == {
        "Anna de Vries": RegistrationStatus.ATTENDED,
        "Bram Bakker": RegistrationStatus.CONFIRMED,
        "Cor van Dam": RegistrationStatus.ATTENDED,
        "Dina Dekker": RegistrationStatus.CONFIRMED,
    }

    page.goto(f"/admin/registrations/event/{event.pk}/deurlijst/")
    assert page.get_by_role("heading", name="Deurlijst: Netwerkdag Zwolle").is_visible()
    axe_check(page)
