"""Reading the admin's shared "Logboek" table (templates/core/admin/audit_trail.html)."""

from html.parser import HTMLParser


class _TrailParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_trail = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("aria-labelledby", "logboek") in attrs:
            self.in_trail = True
        elif self.in_trail and tag == "tr":
            self.rows.append([])
        elif self.in_trail and tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_trail = False
        elif tag == "td" and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def audit_trail_rows(html: str) -> list[list[str]]:
    """The rows of the Logboek table: [time, action, status, by, reason] each."""
    parser = _TrailParser()
    parser.feed(html)
    return [row for row in parser.rows if row]
