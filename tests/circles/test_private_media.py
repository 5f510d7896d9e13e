"""Members-only documents and images over real HTTP: uploaded files are reachable only where
the app checks who asks.

Two real servers: pytest-django's live server (the test settings, in a thread) and
``manage.py runserver`` with the dev settings in its own process, as ``make run`` starts it
(DEBUG, media served by learning/urls.py). Files live on disk, in a temporary MEDIA_ROOT that
both share, and the database is the test database on PostgreSQL. Django's live server serves
all of MEDIA_ROOT itself (its _MediaFilesHandler, outside our URLs), so /media/ is checked
against runserver only.
"""

import http.client
import io
import os
import re
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.utils import sendfile as wagtail_sendfile

from tests.conftest import require_service
from tests.factories import UserFactory
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
SECRET = b"vertrouwelijk bestek"
PUBLIC = b"openbare handreiking"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, shared_media_root):
    root = shared_media_root
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return root


@pytest.fixture
def world(media_root, make_circle, make_member):
    coordinator = UserFactory(is_staff=True)
    circle = make_circle(coordinators=[coordinator])
    member = make_member(circle)
    outsider = UserFactory()
    private_document = Document.objects.create(
        title="Bestek hergebruik",
        collection=circle.collection,
        file=ContentFile(SECRET, name="bestek.txt"),
    )
    public_document = Document.objects.create(
        title="Handreiking",
        collection=Collection.get_first_root_node(),
        file=ContentFile(PUBLIC, name="handreiking.txt"),
    )
    private_image = get_image_model().objects.create(
        title="Plattegrond depot",
        collection=circle.collection,
        file=ImageFile(io.BytesIO(_png()), name="plattegrond.png"),
    )
    rendition = private_image.get_rendition("fill-20x20")
    return {
        "circle": circle,
        "member": member,
        "outsider": outsider,
        "private_document": private_document,
        "public_document": public_document,
        "private_image": private_image,
        "rendition": rendition,
    }


def _session(user) -> str:
    """A real session in the database, as after logging in (the cookie's value)."""
    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def _get(base_url: str, path: str, session: str | None = None):
    """One GET over a socket; redirects are answers, not followed."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Cookie": f"{django_settings.SESSION_COOKIE_NAME}={session}"} if session else {}
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.fixture(params=["live_server", "runserver"])
def server(request, world):
    """Base URL of a real HTTP server, after the world is written (and committed)."""
    return request.getfixturevalue(request.param)


def _url(server) -> str:
    return server if isinstance(server, str) else server.url


def _serves_our_media_urls(server) -> bool:
    """runserver answers /media/ with learning/urls.py; the live server with its own handler."""
    return isinstance(server, str)


def test_private_documents_only_through_the_document_view(server, world):
    base = _url(server)
    document = world["private_document"]
    member, outsider = _session(world["member"]), _session(world["outsider"])

    # The file on disk, under its media URL: nobody gets it, not even a member.
    for session in (None, outsider, member) if _serves_our_media_urls(server) else ():
        status, _headers, body = _get(base, f"/media/{document.file.name}", session)
        assert status == 404, (session, status)
        assert SECRET not in body

    # Through the document view: the member gets the file ...
    status, _headers, body = _get(base, document.url, member)
    assert (status, body) == (200, SECRET)
    # ... a logged-in outsider a 403 page (not a login redirect that comes straight back) ...
    status, headers, body = _get(base, document.url, outsider)
    assert status == 403, headers
    assert SECRET not in body
    assert "Alleen voor leden" in body.decode()
    # ... and an anonymous visitor the site's login page.
    status, headers, _body = _get(base, document.url)
    assert status == 302
    assert headers["Location"].startswith("/accounts/login/?next=")


def test_public_documents_still_download(server, world):
    base = _url(server)
    document = world["public_document"]
    status, headers, body = _get(base, document.url)
    assert (status, body) == (200, PUBLIC)
    assert "attachment" in headers["Content-Disposition"]
    # Not under /media/ either: every document goes through the view.
    if _serves_our_media_urls(server):
        assert _get(base, f"/media/{document.file.name}")[0] == 404


def test_originals_of_images_are_not_public(runserver, world):
    base = runserver
    original = world["private_image"].file.name
    assert original.startswith("original_images/")
    for session in (None, _session(world["outsider"]), _session(world["member"])):
        assert _get(base, f"/media/{original}", session)[0] == 404


def test_renditions_are_public_files_in_make_run(runserver, world):
    """Renditions (what pages embed) are public files, also of images in a private collection:
    see the README ("Productie", media). `make run` serves them as nginx does."""
    rendition = world["rendition"]
    assert rendition.url.startswith("/media/images/")
    status, headers, body = _get(runserver, rendition.url)
    assert status == 200
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    # Nothing else in MEDIA_ROOT is reachable next to them.
    status, _headers, body = _get(runserver, "/media/images/../documents/bestek.txt")
    assert status in (400, 404)
    assert SECRET not in body


@pytest.fixture
def x_accel(settings):
    settings.SENDFILE_BACKEND = "learning.core.sendfile"
    settings.SENDFILE_URL = "/beschermde-media/"
    wagtail_sendfile._get_sendfile.clear()
    yield
    wagtail_sendfile._get_sendfile.clear()


def test_behind_nginx_allowed_documents_are_handed_over_with_x_accel_redirect(
    client, world, x_accel
):
    document = world["private_document"]
    client.force_login(world["member"])
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/beschermde-media/{document.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment")

    client.force_login(world["outsider"])
    response = client.get(document.url)
    assert response.status_code == 403
    assert not response.has_header("X-Accel-Redirect")


def test_a_private_collection_outside_circles_answers_403_too(client, world, media_root):
    collection = Collection.get_first_root_node().add_child(name="Alleen redactie")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Editors")])
    document = Document.objects.create(
        title="Intern", collection=collection, file=ContentFile(SECRET, name="intern.txt")
    )
    client.force_login(world["outsider"])
    response = client.get(document.url)
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")


def _nginx_site(*, port: int, media_root: Path, upstream: str) -> str:
    """The HTTPS server of deploy/nginx.conf, on plain HTTP at ``port``, with its media folder
    and its upstream pointed at this test's."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    start = conf.index("server {", conf.index("listen 443") - 200)
    depth, end = 0, start
    for end in range(start, len(conf)):
        depth += {"{": 1, "}": -1}.get(conf[end], 0)
        if depth == 0 and conf[end] == "}":
            break
    # The http-level lines before the first server (the access-log format and its map) too.
    server = conf[: conf.index("server {")] + conf[start : end + 1]
    server = re.sub(r"listen 443[^;]*;", f"listen 127.0.0.1:{port};", server)
    server = re.sub(r"\n\s*ssl_certificate[^;]*;", "", server)
    server = server.replace("/var/lib/circulair/media/", f"{media_root}/")
    return server.replace("http://127.0.0.1:8000", upstream)


@pytest.fixture
def nginx(live_server, media_root, tmp_path):
    """deploy/nginx.conf's site in a real nginx in front of the live server."""
    require_service(Path(NGINX).exists(), f"nginx at {NGINX}")
    port = free_port()
    work = tmp_path / "nginx"
    work.mkdir()
    temp_paths = "\n".join(
        f"{kind}_temp_path {work}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"""{user}
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    types {{ text/plain txt; image/png png; }}
    {temp_paths}
    {_nginx_site(port=port, media_root=media_root, upstream=live_server.url)}
}}
""".replace("/var/log/nginx/", f"{work}/")
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(work / "nginx.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx stopped:\n{process.stdout.read()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not start")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_deploy_nginx_conf_serves_documents_only_after_the_app_allowed_them(nginx, world, x_accel):
    document, image = world["private_document"], world["private_image"]
    unicode_name = Document.objects.create(
        title="Één verslag",
        collection=world["circle"].collection,
        file=ContentFile(SECRET, name="verslag één.txt"),
    )
    member, outsider = _session(world["member"]), _session(world["outsider"])

    # Straight from disk: nothing but renditions, for nobody.
    for path in (
        f"/media/{document.file.name}",
        f"/media/{world['public_document'].file.name}",
        f"/media/{image.file.name}",
        f"/beschermde-media/{document.file.name}",
        f"/beschermde-media/{image.file.name}",
    ):
        for session in (None, member):
            status, _headers, body = _get(nginx, path, session)
            assert status == 404, (path, status)
            assert SECRET not in body
    status, _headers, body = _get(nginx, world["rendition"].url)
    assert status == 200 and body[:4] == b"\x89PNG"

    # Through the app: checked there, sent by nginx.
    for doc in (document, unicode_name):
        status, headers, body = _get(nginx, doc.url, member)
        assert (status, body) == (200, SECRET), (doc.file.name, status, headers)
        assert headers["Content-Disposition"].startswith("attachment")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Content-Security-Policy"] == "default-src 'none'"
        assert "X-Accel-Redirect" not in headers
    status, _headers, body = _get(nginx, document.url, outsider)
    assert status == 403 and SECRET not in body
    status, headers, _body = _get(nginx, document.url)
    assert status == 302 and "/accounts/login/" in headers["Location"]
    status, _headers, body = _get(nginx, world["public_document"].url)
    assert (status, body) == (200, PUBLIC)
