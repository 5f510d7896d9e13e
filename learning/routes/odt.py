"""A small OpenDocument text writer (ODF 1.3) for the route's editable export.

No dependency: an ODT is a zip with an uncompressed ``mimetype`` first, a manifest, and XML
for content, styles and metadata. We write headings, paragraphs, tables with a header row and
one picture (the opportunity map as SVG, with its title and description as alternative text).
LibreOffice and Word open it; the text stays editable.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from django.template.loader import render_to_string

MIMETYPE = "application/vnd.oasis.opendocument.text"
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)
# Characters XML 1.0 does not allow (a pasted text may hold them).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SVG_SIZE = re.compile(r'viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"')
_SVG_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)
_SVG_DESC = re.compile(r"<desc[^>]*>(.*?)</desc>", re.S)
CHART_WIDTH_CM = 16.0


def _styles() -> str:
    """styles.xml: the paragraph styles (title, headings, body, table cells) in Dutch."""
    return render_to_string("routes/odt/styles.xml", {"namespaces": NAMESPACES})


def _automatic_styles() -> str:
    return render_to_string("routes/odt/automatic_styles.xml").strip()


def _text(value) -> str:
    return escape(_INVALID_XML.sub("", str(value)))


def _paragraphs(value, style: str = "Text_20_body") -> str:
    lines = str(value).splitlines() or [""]
    return "".join(f'<text:p text:style-name="{style}">{_text(line)}</text:p>' for line in lines)


@dataclass
class OdtDocument:
    title: str
    body: list[str] = field(default_factory=list)
    pictures: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def from_html_parts(cls, *, title: str, parts: list[tuple], chart_svg: str) -> OdtDocument:
        """``parts``: ("title"|"heading"|"subheading"|"paragraph", text), ("table", header,
        rows) or ("chart", svg)."""
        document = cls(title=title)
        for part in parts:
            kind = part[0]
            if kind == "title":
                document.body.append(
                    f'<text:h text:style-name="Title" text:outline-level="1">'
                    f"{_text(part[1])}</text:h>"
                )
            elif kind == "heading":
                document.body.append(
                    f'<text:h text:style-name="Heading_20_1" text:outline-level="1">'
                    f"{_text(part[1])}</text:h>"
                )
            elif kind == "subheading":
                document.body.append(
                    f'<text:h text:style-name="Heading_20_2" text:outline-level="2">'
                    f"{_text(part[1])}</text:h>"
                )
            elif kind == "paragraph":
                document.body.append(_paragraphs(part[1]))
            elif kind == "table":
                document.add_table(part[1], part[2])
            elif kind == "chart":
                document.add_svg(part[1])
        return document

    def add_table(self, header: list, rows: list[list]) -> None:
        number = sum(1 for item in self.body if item.startswith("<table:table ")) + 1
        cells = "".join(
            f'<table:table-cell table:style-name="HeaderCell" office:value-type="string">'
            f"{_paragraphs(cell, 'Table_20_Heading')}</table:table-cell>"
            for cell in header
        )
        body = "".join(
            "<table:table-row>"
            + "".join(
                f'<table:table-cell table:style-name="Cell" office:value-type="string">'
                f"{_paragraphs(cell, 'Table_20_Contents')}</table:table-cell>"
                for cell in row
            )
            + "</table:table-row>"
            for row in rows
        )
        self.body.append(
            f'<table:table table:name="Tabel{number}" table:style-name="Table">'
            f'<table:table-column table:number-columns-repeated="{len(header)}"/>'
            f"<table:table-header-rows><table:table-row>{cells}</table:table-row>"
            f"</table:table-header-rows>{body}</table:table>"
        )

    def add_svg(self, svg: str) -> None:
        name = f"Pictures/kaart{len(self.pictures) + 1}.svg"
        self.pictures[name] = svg.encode()
        size = _SVG_SIZE.search(svg)
        width, height = (float(size.group(1)), float(size.group(2))) if size else (4, 3)
        height_cm = CHART_WIDTH_CM * height / width
        title = _SVG_TITLE.search(svg)
        desc = _SVG_DESC.search(svg)
        # The SVG's own texts are escaped already: they go into the frame as they are.
        alt = (f"<svg:title>{title.group(1)}</svg:title>" if title else "") + (
            f"<svg:desc>{desc.group(1)}</svg:desc>" if desc else ""
        )
        self.body.append(
            '<text:p text:style-name="Text_20_body">'
            f'<draw:frame draw:style-name="Chart" draw:name="Kansenkaart" '
            f'text:anchor-type="as-char" svg:width="{CHART_WIDTH_CM}cm" '
            f'svg:height="{height_cm:.2f}cm">'
            f'<draw:image xlink:href={quoteattr(name)} xlink:type="simple" xlink:show="embed" '
            f'xlink:actuate="onLoad" draw:mime-type="image/svg+xml"/>{alt}</draw:frame></text:p>'
        )

    def content_xml(self) -> str:
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NAMESPACES} '
            f'office:version="1.3">{_automatic_styles()}<office:body><office:text>'
            + "".join(self.body)
            + "</office:text></office:body></office:document-content>"
        )

    def meta_xml(self) -> str:
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {NAMESPACES} '
            f'office:version="1.3"><office:meta><dc:title>{_text(self.title)}</dc:title>'
            "<dc:language>nl-NL</dc:language><meta:generator>Circulair Leren</meta:generator>"
            "</office:meta></office:document-meta>"
        )

    def manifest_xml(self) -> str:
        entries = "".join(
            f'<manifest:file-entry manifest:full-path="{name}" '
            'manifest:media-type="image/svg+xml"/>'
            for name in self.pictures
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
            f'manifest:media-type="{MIMETYPE}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
            f"{entries}</manifest:manifest>"
        )

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            # The mimetype comes first and uncompressed, so tools recognise the file.
            archive.writestr(
                zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED
            )
            for name, data in (
                ("content.xml", self.content_xml()),
                ("styles.xml", _styles()),
                ("meta.xml", self.meta_xml()),
                ("META-INF/manifest.xml", self.manifest_xml()),
            ):
                archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
            for name, data in self.pictures.items():
                archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        return buffer.getvalue()
