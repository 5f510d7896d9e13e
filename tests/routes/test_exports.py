"""The route as PDF and ODT, read back with independent readers: every section in Dutch,
the opportunity map as a picture (SVG) with its description, the actions with their links,
and queries that do not grow with the route."""

import io
import zipfile
from datetime import date
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from learning.routes import services
from learning.routes.services import ActionInput, OpportunityInput

pytestmark = pytest.mark.django_db

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}


@pytest.fixture
def filled(people, monitored, make_masterclass):
    org = people["organisation"].pk
    member = people["member"]
    services.route_baseline_save(
        user=member,
        organisation_id=org,
        version=0,
        texts={"grondstoffen": "Beton & asfalt <40.000 ton>", "inkoop": "Spend 180 mln"},
    )
    opportunity = services.opportunity_create(
        user=member,
        organisation_id=org,
        data=OpportunityInput(title="Circulair uitvragen bij wegonderhoud", impact=3, influence=3),
    )
    masterclass = make_masterclass(title="Uitvragen in de GWW")
    services.action_create(
        user=member,
        organisation_id=org,
        data=ActionInput(
            title="Criteria in het raamcontract",
            action_type="voorschrijven",
            owner="Inkoopadviseur GWW",
            starts_on=date(2026, 1, 15),
            ends_on=date(2026, 9, 30),
            opportunity_id=opportunity.pk,
            links={"masterclasses": [masterclass.pk], "policy_goals": [monitored["goal"].pk]},
        ),
    )
    return people


def _get(client, user, name, org):
    client.force_login(user)
    response = client.get(reverse(name, args=[org]))
    assert response.status_code == 200
    return response


def test_pdf(client, filled):
    org = filled["organisation"]
    response = _get(client, filled["member"], "routes:export_pdf", org.pk)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="routekaart-{org.name.lower()}.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        f"Routekaart Gemeente {org.name}",
        "1. Nulmeting",
        "Monitor 2025",
        "Beton & asfalt <40.000 ton>",
        "2. Kansenkaart",
        "Circulair uitvragen bij wegonderhoud",
        "Invloed van de organisatie",  # the chart's axis: the SVG is drawn into the PDF
        "3. Actieagenda",
        "Criteria in het raamcontract",
        "Voorschrijven",
        "Uitvragen in de GWW",
        "50% circulair inkopen",
    ):
        assert expected in text, expected
    assert reader.metadata.title == f"Routekaart Gemeente {org.name}"


def test_odt(client, filled):
    org = filled["organisation"]
    response = _get(client, filled["coordinator"], "routes:export_odt", org.pk)
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    manifest = archive.read("META-INF/manifest.xml").decode()
    content = ElementTree.fromstring(archive.read("content.xml"))
    ElementTree.fromstring(archive.read("styles.xml"))
    ElementTree.fromstring(archive.read("meta.xml"))
    headings = ["".join(h.itertext()) for h in content.iter(f"{{{NS['text']}}}h")]
    assert headings[:3] == [
        f"Routekaart Gemeente {org.name}",
        "1. Nulmeting",
        "Monitor circulair inkopen",
    ]
    assert "2. Kansenkaart" in headings and "3. Actieagenda" in headings
    assert "Criteria in het raamcontract" in headings
    text = " ".join(content.itertext())
    assert "Beton & asfalt <40.000 ton>" in text
    assert "Uitvragen in de GWW" in text
    image = content.find(".//draw:image", NS)
    picture = image.get(f"{{{NS['xlink']}}}href")
    assert picture in manifest and image.get(f"{{{NS['draw']}}}mime-type") == "image/svg+xml"
    svg = ElementTree.fromstring(archive.read(picture))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    description = content.find(".//draw:frame/svg:desc", NS).text
    assert "Circulair uitvragen bij wegonderhoud: impact hoog, invloed hoog" in description
    tables = content.findall(".//table:table", NS)
    assert len(tables) >= 3


def test_export_queries_stay_constant(client, filled, django_assert_max_num_queries):
    org = filled["organisation"].pk
    client.force_login(filled["member"])
    url = reverse("routes:export_odt", args=[org])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(6):
        services.action_create(
            user=filled["member"],
            organisation_id=org,
            data=ActionInput(
                title=f"Actie {index}",
                action_type="borgen",
                owner="Rol",
                starts_on=date(2026, 5, 1),
            ),
        )
        services.opportunity_create(
            user=filled["member"], organisation_id=org, data=OpportunityInput(title=f"K{index}")
        )
    with django_assert_max_num_queries(len(few)):
        client.get(url)
