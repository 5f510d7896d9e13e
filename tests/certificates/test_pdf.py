"""The certificate's PDF, read back with an independent reader (tests/certificates/
pdf_reader.py): tagged PDF/UA with language, a title shown as the window title, every font
embedded, and the certificate's text on the page."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from learning.certificates.models import Certificate
from learning.certificates.pdf import certificate_pdf
from tests.certificates.pdf_reader import PdfDocument

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
def document(certificate):
    # One rendering for the module (WeasyPrint takes a second or more).
    return PdfDocument(certificate_pdf(certificate, uncompressed=True))


def test_the_pdf_is_tagged_with_language_and_title(document):
    catalog = document.catalog()
    assert b"/StructTreeRoot" in catalog
    assert b"/MarkInfo <</Marked true>>" in catalog
    assert b"/Lang (nl)" in catalog
    assert b"/DisplayDocTitle true" in catalog
    assert document.info_title() == "Deelnamebewijs Hergebruik van materialen in de GWW"
    # PDF/UA-1 identification in the XMP metadata.
    assert b"pdfuaid:part" in document.data


def test_every_font_is_embedded(document):
    fonts = document.fonts()
    assert fonts
    assert all(font.embedded for font in fonts.values()), fonts
    assert all("DejaVu" in font.base_font for font in fonts.values())


def test_the_page_says_who_what_when_and_how_to_verify(document):
    text = " ".join(document.text().split())
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
    assert b"/URI (http://" in document.data and b"ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2/)" in document.data
