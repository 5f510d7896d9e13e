"""Documents of the baseline over real HTTP: never under /media/, only through the route's
download view for the organisation's members; behind deploy/nginx.conf handed over with
X-Accel-Redirect. The servers are those of tests/circles/test_private_media.py: runserver
with the dev settings (serves /media/ as `make run` does), the live server, and nginx."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.routes import services
from tests.circles.test_private_media import (  # noqa: F401 (fixtures)
    _get,
    _session,
    media_root,
    nginx,
    x_accel,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECRET = b"vertrouwelijke spendanalyse"


@pytest.fixture
def document(people, media_root):  # noqa: F811
    return services.route_document_add(
        user=people["member"],
        organisation_id=people["organisation"].pk,
        analysis="inkoop",
        title="Spendanalyse",
        upload=SimpleUploadedFile("spend analyse.csv", SECRET, content_type="text/csv"),
    )


def _url(document):
    return reverse(
        "routes:document",
        args=[document.route.organisation_id, document.pk, document.filename],
    )


def test_on_make_run_media_never_serves_route_documents(runserver, people, document):  # noqa: F811
    member, outsider = _session(people["member"]), _session(people["outsider"])
    for session in (None, outsider, member):
        status, _headers, body = _get(runserver, f"/media/{document.file.name}", session)
        assert status == 404
        assert SECRET not in body
    status, headers, body = _get(runserver, _url(document), member)
    assert (status, body) == (200, SECRET)
    assert headers["Content-Disposition"].startswith("attachment")
    for session in (outsider, _session(people["coordinator"]), _session(people["pending"])):
        status, _headers, body = _get(runserver, _url(document), session)
        assert status == 404 and SECRET not in body
    status, headers, _body = _get(runserver, _url(document))
    assert status == 302 and headers["Location"].startswith("/accounts/login/")


def test_behind_nginx_only_after_the_view_allowed_it(nginx, people, document, x_accel):  # noqa: F811
    member, outsider = _session(people["member"]), _session(people["outsider"])
    for path in (f"/media/{document.file.name}", f"/beschermde-media/{document.file.name}"):
        for session in (None, member):
            status, _headers, body = _get(nginx, path, session)
            assert status == 404, path
            assert SECRET not in body
    status, headers, body = _get(nginx, _url(document), member)
    assert (status, body) == (200, SECRET)
    assert "X-Accel-Redirect" not in headers
    assert headers["Content-Security-Policy"] == "default-src 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, _headers, body = _get(nginx, _url(document), outsider)
    assert status == 404 and SECRET not in body
