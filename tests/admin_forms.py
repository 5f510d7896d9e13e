"""The page editor's form as a browser would send it, for tests that post to the admin."""

from html.parser import HTMLParser


class _FormValues(HTMLParser):
    """The values a browser would send for the page editor's form (enough for Wagtail)."""

    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file"):
                return
            self.data.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.append((name, ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.data[-1]
            self.data[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def edit_form_values(client, page) -> dict:
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    parser = _FormValues()
    parser.feed(response.content.decode())
    values: dict = {}
    for name, value in parser.data:
        values.setdefault(name, []).append(value)
    return values
