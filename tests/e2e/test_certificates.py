"""A participant finds a past masterclass under "Eerder", downloads the certificate and checks
it at the public verification address; axe on these pages at phone and desktop width."""

import re

import pytest

from learning.certificates.models import Certificate
from learning.events import services as event_services
from tests.certificates.conftest import move_to_past
from tests.e2e.helpers import follow_header_link, sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (390, 1280)


def axe_at_widths(page, axe_check):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        axe_check(page)


def test_participant_downloads_and_verifies_the_certificate(
    page, axe_check, make_event, make_masterclass, make_user
):
    make_event(title="Dag van de circulaire overheid")
    masterclass = make_masterclass(title="Circulair uitvragen en beoordelen")
    user = make_user(full_name="Anouk Jansen")
    coming = make_event(title="Ontmoetingsdag bouw")
    event_services.registration_create(event=coming, user=user)
    registration = event_services.registration_create(event=masterclass, user=user)
    event_services.registration_set_attended(
        registration=registration, actor=UserFactory(is_superuser=True, is_staff=True)
    )
    move_to_past(masterclass)
    sign_in(page, user)
    page.goto("/accounts/profiel/")

    follow_header_link(page, "Mijn aanmeldingen")
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert page.get_by_role("heading", name="Komend").is_visible()
    axe_at_widths(page, axe_check)

    page.get_by_role("link", name=re.compile(r"^Eerder")).click()
    page.wait_for_url("**/mijn-aanmeldingen/#eerder")
    history = page.locator("#eerder")
    assert history.get_by_role(
        "link", name="Circulair uitvragen en beoordelen", exact=True
    ).is_visible()
    axe_at_widths(page, axe_check)

    with page.expect_download() as download_info:
        history.get_by_role("link", name=re.compile("Deelnamebewijs downloaden")).click()
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.suggested_filename.endswith(".pdf")

    certificate = Certificate.objects.get(user=user)
    page.goto(f"/deelnamebewijs/{certificate.code_display}/")
    assert page.get_by_role("heading", name="Deelnamebewijs controleren").is_visible()
    assert page.get_by_text("Dit deelnamebewijs is geldig").is_visible()
    assert page.get_by_text("Anouk Jansen").is_visible()
    axe_at_widths(page, axe_check)

    page.goto("/deelnamebewijs/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF/")
    assert page.get_by_role("heading", name="Deelnamebewijs niet gevonden").is_visible()
    axe_at_widths(page, axe_check)
