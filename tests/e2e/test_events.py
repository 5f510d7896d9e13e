"""A civil servant registers for a masterclass, sees the confirmation, and cancels."""

import re

import pytest

from learning.events.models import Registration, RegistrationStatus
from tests.e2e.helpers import follow_header_link, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_register_for_a_masterclass_and_cancel(
    page, axe_check, agenda, make_event, make_masterclass, make_user
):
    make_event(title="Dag van de circulaire overheid")
    masterclass = make_masterclass(title="Circulair uitvragen en beoordelen")
    user = make_user()
    sign_in(page, user)

    page.goto(agenda.url)
    axe_check(page)
    page.get_by_role("link", name="Dag van de circulaire overheid").click()
    axe_check(page)

    page.goto(agenda.url)
    page.get_by_role("link", name="Circulair uitvragen en beoordelen").click()
    page.wait_for_url(f"**{masterclass.url}")
    axe_check(page)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**{masterclass.url}")
    assert page.get_by_text("U bent aangemeld").first.is_visible()
    assert Registration.objects.get(user=user).status == RegistrationStatus.CONFIRMED
    axe_check(page)

    follow_header_link(page, "Mijn aanmeldingen")
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert page.get_by_text("Circulair uitvragen en beoordelen").first.is_visible()
    axe_check(page)

    page.get_by_role("link", name=re.compile("Afmelden")).first.click()
    page.wait_for_url(f"**{masterclass.url}cancel/**")
    assert page.get_by_text("Uw plek komt vrij.").is_visible()
    assert Registration.objects.get(user=user).status == RegistrationStatus.CONFIRMED
    axe_check(page)
    page.get_by_role("button", name="Ja, afmelden").click()
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert Registration.objects.get(user=user).status == RegistrationStatus.CANCELLED
    axe_check(page)
