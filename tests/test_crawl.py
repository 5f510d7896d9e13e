"""Walk the demo site as four kinds of visitor and try every page with nonsense parameters.

Bad input must get a Dutch message and a 4xx, never a 500: this follows every link the site
shows (menus, listings, filters, pagination, feeds, exports) and asks each path again with
parameters that are wrong in every way the views read them.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

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


def _client(email: str | None) -> Client:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


@pytest.mark.parametrize("visitor", list(VISITORS))
def test_every_linked_page_answers_and_shrugs_off_nonsense_parameters(demo_database, visitor):
    client = _client(VISITORS[visitor])
    seen, queue, failures = {"/"}, deque(["/"]), []
    paths = set()
    while queue and len(seen) <= MAX_PATHS:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
            continue
        paths.add(urlsplit(url).path)
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            for link in _links(response.content.decode()) - seen:
                seen.add(link)
                queue.append(link)
    for path in sorted(paths):
        response = client.get(path, NONSENSE)
        if response.status_code >= 500:
            failures.append(f"{path} with nonsense parameters: {response.status_code}")
    assert not failures, failures
    # The walk really went round the site: agenda, circles, profiles, knowledge, monitor.
    for section in ("/agenda/", "/leerkringen/", "/pioniers/", "/kennisbank/", "/monitor/"):
        assert any(path.startswith(section) for path in paths), (section, sorted(paths)[:40])
    assert len(paths) > 40
