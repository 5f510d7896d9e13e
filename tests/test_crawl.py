"""Walk the demo site as four kinds of visitor and try every page with nonsense parameters.

Bad input must get a Dutch message and a 4xx, never a 500: this follows every link the site
shows (menus, listings, filters, pagination, feeds, exports) and asks the paths again with
parameters that are wrong in every way the views read them: one path of each shape (a view and
the page type it renders, see ``_shape``), since pages of one shape read their parameters with
the same code.

The anonymous visitor opens every page it finds, so every public page is rendered once, and
``PER_FAMILY`` of the ways it is filtered or paged with the same parameter names (the agenda
filtered by three of the themes, say). The visitors who log in see those same pages with their
own menus and buttons: of the pages of one page type with the same parameter names (the pioneer
profiles, say) they open ``PER_FAMILY``, and everything else they find.
"""

import re
from collections import Counter, deque
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.test import Client
from wagtail.models import Page, Site

from learning.accounts.models import User

pytestmark = pytest.mark.django_db

VISITORS = {
    "anonymous": None,
    "civil servant in a circle": "anouk.jansen@apeldoorn.example",
    "coordinator": "coordinator@circulairleren.example",
    "editor (superuser)": "redactie@circulairleren.example",
}
# Not followed: the admin (Wagtail's own), logging out (ends the walk), static and media files.
SKIP = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/account/logout/")
MAX_PATHS = 400
PER_FAMILY = 3
NONSENSE = {
    "pagina": "abc",
    "page": "-1",
    "p": "99999999999999999999",
    "q": '"\x00',
    "zoek": '")(*',
    "soort": "vergadering",
    "doelgroep": "iedereen",
    "thema": "../../etc",
    "maand": "2026-13",
    "provincie": "0",
    "organisatie_soort": "x" * 300,
    "ronde": "abc",
    "formaat": "pdf",
    "token": "geen-geldige-sleutel",
    "next": "https://kwaadwillend.example/",
    "status": "['confirmed']",
}
# Links, and the targets of forms (a GET form such as the search box is a link with fields).
HREF = re.compile(r'(?:href|action)="([^"]+)"')


def _links(html: str) -> set[str]:
    found = set()
    for href in HREF.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(SKIP):
            continue
        found.add(href)
    return found


def _page_types() -> dict[str, int]:
    """The path of every live page of the site, with its page type."""
    root = Site.objects.get(is_default_site=True).root_page.url_path
    pages = Page.objects.live().filter(url_path__startswith=root)
    return {
        "/" + url_path.removeprefix(root): content_type
        for url_path, content_type in pages.values_list("url_path", "content_type_id")
    }


def _family(url: str, page_types: dict[str, int]) -> tuple | None:
    """What ``url`` counts among: for a visitor who logs in (``page_types`` given) the pages of
    its page type asked with the same parameter names; for the anonymous visitor its path asked
    with the same parameter names. None: nothing to count (always opened)."""
    parts = urlsplit(url)
    names = frozenset(key for key, _value in parse_qsl(parts.query))
    if page_types:
        page_type = page_types.get(parts.path)
        return None if page_type is None else (page_type, names)
    return (parts.path, names) if names else None


def _shape(path: str, response) -> tuple:
    """What decides how a path reads its parameters: its view and the template that view
    renders (for a Wagtail page: its page type). A response without a template (a feed, an
    export, a redirect) keeps the last part of its path (the route), unless that is an id; a
    path that did not answer 200 is a shape of its own."""
    if response.status_code != 200:
        return (path,)
    match = response.resolver_match
    view = match.view_name if match else None
    templates = [template.name for template in response.templates if template.name]
    if view == "wagtail_serve" and templates:
        return (view, templates[0])
    last = path.rstrip("/").rsplit("/", 1)[-1]
    kind = templates[0] if templates else response.get("Content-Type", "")
    return (view, kind, "" if last.isdigit() else last)


def _client(email: str | None) -> Client:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


@pytest.mark.parametrize("visitor", list(VISITORS))
def test_every_linked_page_answers_and_shrugs_off_nonsense_parameters(demo_database, visitor):
    client = _client(VISITORS[visitor])
    seen, queue, failures = {"/"}, deque(["/"]), []
    paths, shapes, opened = set(), {}, Counter()
    page_types = _page_types() if VISITORS[visitor] else {}
    while queue and len(seen) <= MAX_PATHS:
        url = queue.popleft()
        family = _family(url, page_types)
        if family is not None and opened[family] >= PER_FAMILY:
            continue
        opened[family] += 1
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
            continue
        path = urlsplit(url).path
        paths.add(path)
        shapes.setdefault(_shape(path, response), path)
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            for link in _links(response.content.decode()) - seen:
                seen.add(link)
                queue.append(link)
    for path in sorted(shapes.values()):
        response = client.get(path, NONSENSE)
        if response.status_code >= 500:
            failures.append(f"{path} with nonsense parameters: {response.status_code}")
    assert not failures, failures
    # The walk really went round the site: agenda, circles, profiles, knowledge, monitor.
    for section in ("/agenda/", "/leerkringen/", "/pioniers/", "/kennisbank/", "/monitor/"):
        assert any(path.startswith(section) for path in paths), (section, sorted(paths)[:40])
    assert len(paths) > 40
    # Every kind of page had the nonsense: the index pages with filters among them.
    assert len(shapes) > 25, sorted(shapes)
