"""A member fills in the baseline of the route, adopts a proposed opportunity, adds an action
linked to a masterclass and exports the route; axe on every page, at 320 and 1280 px, each
checked for horizontal overflow."""

import re
import zipfile

import pytest
from django.utils import timezone

from learning.routes.models import Action, Opportunity, Route, RouteDocument
from tests.e2e.helpers import check_widths, sign_in
from tests.monitor.fixtures import (  # noqa: F401 (fixtures)
    make_questionnaire,
    make_round,
    monitor_page,
    open_round,
    questionnaire,
)
from tests.routes.conftest import media_root, monitored, people  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (320, 1280)


def test_member_fills_in_adopts_plans_and_exports(page, axe_check, request, make_masterclass):
    request.getfixturevalue("monitor_page")
    request.getfixturevalue("media_root")
    cast = request.getfixturevalue("people")
    request.getfixturevalue("monitored")
    masterclass = make_masterclass(title="Circulair uitvragen in de GWW")
    member, organisation = cast["member"], cast["organisation"]
    sign_in(page, member)

    page.goto("/routekaart/")
    page.wait_for_url(f"**/routekaart/{organisation.pk}/")
    assert page.get_by_role("heading", name=f"Routekaart Gemeente {organisation.name}").is_visible()
    assert page.get_by_role("table", name=re.compile("Scores uit de monitor")).is_visible()
    check_widths(page, axe_check, WIDTHS)

    # The baseline: two analyses and a document.
    page.get_by_label("Grondstoffenanalyse").fill("Beton en asfalt: 40.000 ton per jaar.")
    page.get_by_label("Bewustzijn van medewerkers").fill("Driekwart kent de ambitie.")
    page.get_by_role("button", name="Nulmeting opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_text("De nulmeting is opgeslagen.").is_visible()
    document_form = page.locator("form[enctype='multipart/form-data']")
    document_form.get_by_label("Bij welke analyse").select_option("inkoop")
    document_form.get_by_label("Titel").fill("Spendanalyse 2025")
    document_form.get_by_label("Bestand").set_input_files(
        files=[{"name": "spend.csv", "mimeType": "text/csv", "buffer": b"categorie;bedrag\n"}]
    )
    document_form.get_by_role("button", name="Document toevoegen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Het document is toegevoegd.").is_visible()
    assert page.get_by_role("link", name="Spendanalyse 2025").is_visible()
    route = Route.objects.get(organisation=organisation)
    assert route.raw_materials.startswith("Beton en asfalt")
    assert RouteDocument.objects.filter(route=route).count() == 1

    # Two indicators, from the baseline's link; back on the route they are in its baseline.
    last_year = timezone.localdate().year - 1
    page.get_by_role("link", name="Indicatoren invullen en vergelijken").click()
    page.wait_for_url("**/indicatoren/")
    for slug, value, source in (
        ("afvalscheiding", "61,25", "CBS afvalstatistiek"),
        ("circulair-inkopen", "18", "Eigen spendanalyse"),
    ):
        page.goto(f"/indicatoren/{slug}/")
        page.get_by_role("textbox", name="Jaar", exact=True).fill(str(last_year))
        page.get_by_role("textbox", name=re.compile("^Waarde")).fill(value)
        page.get_by_role("textbox", name="Bron", exact=True).fill(source)
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text(f"De waarde voor {last_year} is opgeslagen.").wait_for()
    page.goto(f"/routekaart/{organisation.pk}/")
    indicators = page.get_by_role("table", name=re.compile("Indicatoren tegen de landelijke"))
    text = indicators.inner_text()
    assert "61,3 %" in text and "CBS afvalstatistiek" in text and "Eigen spendanalyse" in text

    # A proposed opportunity from the weakest monitor theme.
    page.get_by_role("button", name=re.compile("Overnemen.*Bouw")).click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile("staat nu op uw kansenkaart")).is_visible()
    opportunity = Opportunity.objects.get(route=route)
    assert opportunity.monitor_theme == "bouw"
    chart = page.get_by_role("img", name=re.compile("Kansenkaart"))
    assert chart.is_visible()
    assert (
        page.get_by_role("table", name=re.compile("Kansen met impact"))
        .get_by_text(opportunity.title)
        .is_visible()
    )
    check_widths(page, axe_check, WIDTHS)

    # An action that serves it, linked to an upcoming masterclass.
    page.get_by_role("link", name="Actie toevoegen").click()
    page.wait_for_url("**/acties/nieuw/")
    check_widths(page, axe_check, WIDTHS)
    page.get_by_label("Actie", exact=True).fill("Inkopers en projectleiders trainen")
    page.get_by_label("Faciliteren").check()
    page.get_by_label("Eigenaar").fill("Teamleider inkoop")
    page.get_by_label("Start").fill("2026-03-01")
    page.get_by_label("Kans die deze actie dient").select_option(str(opportunity.pk))
    page.get_by_label(re.compile("Circulair uitvragen in de GWW")).check()
    page.get_by_role("button", name="Actie opslaan").click()
    page.wait_for_url(f"**/routekaart/{organisation.pk}/#acties")
    assert page.get_by_text("De actie is opgeslagen.").is_visible()
    action = Action.objects.get(route=route)
    assert list(action.masterclasses.all()) == [masterclass]
    assert page.get_by_role("link", name="Circulair uitvragen in de GWW").is_visible()
    check_widths(page, axe_check, WIDTHS)

    # The exports.
    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="Download als PDF").click()
    with open(pdf_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert pdf_info.value.suggested_filename == f"routekaart-{organisation.name.lower()}.pdf"
    with page.expect_download() as odt_info:
        page.get_by_role("link", name=re.compile("bewerkbaar document")).click()
    with zipfile.ZipFile(odt_info.value.path()) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert "Inkopers en projectleiders trainen" in odt.read("content.xml").decode()
