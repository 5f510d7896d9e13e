"""A buyer enrols in a whole masterclass series: the confirmation says what will happen per
masterclass, the result says what happened; axe finds nothing on either page."""

import pytest

from learning.events.models import Registration, RegistrationStatus
from learning.masterclasses.models import Audience
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_enrol_in_the_whole_series(
    page, axe_check, programme, make_masterclass, make_user, utrecht
):
    buyers = make_masterclass(title="Circulair uitvragen", audience=Audience.UITVOERING)
    board = make_masterclass(title="Bestuurlijk sturen", audience=Audience.BESTUUR)
    user = make_user(utrecht, job_role="uitvoering")
    sign_in(page, user)

    page.goto(programme.url)
    axe_check(page)
    page.get_by_role("link", name="Aanmelden voor de hele reeks").click()
    page.wait_for_url(f"**{programme.url}aanmelden/")
    assert page.get_by_text("U krijgt een plek.").is_visible()
    assert page.get_by_text("Bedoeld voor een andere doelgroep (Bestuur).").is_visible()
    axe_check(page)

    page.get_by_role("button", name="Aanmelden voor de hele reeks").click()
    page.wait_for_load_state()
    assert page.get_by_text("U bent aangemeld. Uw plek is bevestigd.").is_visible()
    axe_check(page)
    assert Registration.objects.get(user=user, event=buyers).status == RegistrationStatus.CONFIRMED
    assert not Registration.objects.filter(user=user, event=board).exists()
