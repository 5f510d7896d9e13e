"""An independent reader for the certificate's PDF, written for these tests: no PDF library
is installed (pypdf and pikepdf are not dependencies), and poppler's tools may be missing.

It reads an uncompressed PDF (WeasyPrint's ``uncompressed_pdf=True``) as text: the objects,
the document catalog's entries, the fonts with their embedded files and ToUnicode maps, and
the text shown on the page, decoded glyph by glyph through those maps.
"""

import re
from dataclasses import dataclass

OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.DOTALL)
HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
HEX_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
TEXT_OPERATION = re.compile(rb"/(\w+) [\d.]+ Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj", re.DOTALL)


@dataclass
class Font:
    base_font: str
    embedded: bool
    to_unicode: dict[int, str]


def _unicode(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be")


def _cmap(stream: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.DOTALL):
        for source, target in HEX_PAIR.findall(block):
            mapping[int(source, 16)] = _unicode(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.DOTALL):
        for start, end, target in HEX_RANGE.findall(block):
            first = ord(_unicode(target))
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


class PdfDocument:
    def __init__(self, data: bytes):
        assert data.startswith(b"%PDF-"), "not a PDF"
        self.data = data
        self.objects = {int(number): body for number, body in OBJECT.findall(data)}

    def catalog(self) -> bytes:
        return next(body for body in self.objects.values() if b"/Type /Catalog" in body)

    def info_title(self) -> str | None:
        match = re.search(rb"/Title \(([^)]*)\)", self._info())
        return match.group(1).decode("latin-1") if match else None

    def _info(self) -> bytes:
        trailer = re.search(rb"/Info (\d+) 0 R", self.data)
        return self.objects[int(trailer.group(1))] if trailer else b""

    def fonts(self) -> dict[str, Font]:
        """Type0 fonts by their subset tag (the name the page's text operators use)."""
        fonts = {}
        for body in self.objects.values():
            if b"/Subtype /Type0" not in body:
                continue
            base = re.search(rb"/BaseFont /([\w+-]+)", body).group(1).decode()
            to_unicode = int(re.search(rb"/ToUnicode (\d+) 0 R", body).group(1))
            descendant = int(re.search(rb"/DescendantFonts \[(\d+) 0 R\]", body).group(1))
            descriptor = int(
                re.search(rb"/FontDescriptor (\d+) 0 R", self.objects[descendant]).group(1)
            )
            fonts[base.split("+")[0]] = Font(
                base_font=base,
                embedded=bool(re.search(rb"/FontFile2 \d+ 0 R", self.objects[descriptor])),
                to_unicode=_cmap(self.objects[to_unicode]),
            )
        return fonts

    def text(self) -> str:
        """The text shown, in reading order of the content stream, one operator a line."""
        fonts = self.fonts()
        current: Font | None = None
        lines = []
        for body in self.objects.values():
            if b"stream" not in body or b" Tf" not in body:
                continue
            for font_name, array, single in TEXT_OPERATION.findall(body):
                if font_name:
                    current = fonts.get(font_name.decode())
                    continue
                chunks = re.findall(rb"<([0-9A-Fa-f]*)>", array) if array else [single]
                glyphs = b"".join(chunks).decode()
                lines.append(
                    "".join(
                        current.to_unicode.get(int(glyphs[i : i + 4], 16), "?")
                        for i in range(0, len(glyphs), 4)
                    )
                )
        return "\n".join(lines)
