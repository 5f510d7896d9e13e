"""The certificate's PDF as it is downloaded, read back with an independent reader (pypdf):
tagged PDF/UA with language, a title shown as the window title, every font embedded, and the
certificate's text on the page."""

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from learning.certificates.models import Certificate
from learning.certificates.pdf import certificate_pdf

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(scope="module")
def certificate():
    return Certificate(
        code="ABCDEFGHJKMNPQRSTUVWXYZ2",
        kind="event",
        name="Anouk Jansen",
        organisation_name="Gemeente Apeldoorn",
        title="Hergebruik van materialen in de GWW",
        programme_title="Circulair opdrachtgeverschap 2026",
        starts_at=datetime(2026, 10, 8, 13, 0, tzinfo=AMSTERDAM),
        ends_at=datetime(2026, 10, 8, 17, 30, tzinfo=AMSTERDAM),
        hours=Decimal("4.50"),
        issued_at=datetime(2026, 10, 9, 9, 0, tzinfo=AMSTERDAM),
    )


@pytest.fixture(scope="module")
def data(certificate):
    # One rendering for the module (WeasyPrint takes a second or more): the bytes served.
    return certificate_pdf(certificate)


@pytest.fixture(scope="module")
def reader(data):
    return PdfReader(io.BytesIO(data))


def _fonts(reader):
    """Every font of every page, with its descriptor (Type0 fonts: of the descendant)."""
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            descriptor_owner = font
            if font["/Subtype"] == "/Type0":
                descriptor_owner = font["/DescendantFonts"][0].get_object()
            fonts[name] = (str(font["/BaseFont"]), descriptor_owner["/FontDescriptor"].get_object())
    return fonts


def test_the_pdf_is_tagged_with_language_and_title(data, reader):
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/StructTreeRoot"].get_object()["/K"]  # the tags themselves, not a stub
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "nl"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Deelnamebewijs Hergebruik van materialen in de GWW"
    # PDF/UA-1 identification in the XMP metadata.
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()


def test_every_font_is_embedded(reader):
    fonts = _fonts(reader)
    assert fonts
    for name, (base_font, descriptor) in fonts.items():
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
        assert "DejaVu" in base_font, base_font


def test_the_page_says_who_what_when_and_how_to_verify(reader):
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in (
        "Deelnamebewijs",
        "Anouk Jansen",
        "Gemeente Apeldoorn",
        "Hergebruik van materialen in de GWW",
        "Circulair opdrachtgeverschap 2026",
        "8 oktober 2026",
        "4,5 uur",
        "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2",
        "/deelnamebewijs/ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2/",
    ):
        assert expected in text, (expected, text)
    # The verification URL is a link too.
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert any(uri.endswith("/deelnamebewijs/ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2/") for uri in uris), uris
