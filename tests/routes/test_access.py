"""Who sees which route, documents and exports: exactly the organisation's verified members
and (except for documents) coordinators; nobody else, whatever id they try."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.routes import services
from learning.routes.models import Route

pytestmark = pytest.mark.django_db

SECRET = b"vertrouwelijke inkoopcijfers"


@pytest.fixture
def route_with_document(people, media_root):
    organisation = people["organisation"]
    services.route_baseline_save(
        user=people["member"],
        organisation_id=organisation.pk,
        version=0,
        texts={"inkoop": "Inkoopanalyse van de gemeente"},
    )
    document = services.route_document_add(
        user=people["member"],
        organisation_id=organisation.pk,
        analysis="inkoop",
        title="Spendanalyse",
        upload=SimpleUploadedFile("spend.csv", SECRET, content_type="text/csv"),
    )
    return Route.objects.get(organisation=organisation), document


def _urls(route, document):
    org = route.organisation_id
    return {
        "route": reverse("routes:detail", args=[org]),
        "document": reverse("routes:document", args=[org, document.pk, document.filename]),
        "pdf": reverse("routes:export_pdf", args=[org]),
        "odt": reverse("routes:export_odt", args=[org]),
    }


# Who gets what: 200 allowed; 404 refused without saying the route exists; login redirect.
MATRIX = {
    "anonymous": {"route": 302, "document": 302, "pdf": 302, "odt": 302},
    "member": {"route": 200, "document": 200, "pdf": 200, "odt": 200},
    "pending": {"route": 404, "document": 404, "pdf": 404, "odt": 404},
    "outsider": {"route": 404, "document": 404, "pdf": 404, "odt": 404},
    "coordinator": {"route": 200, "document": 404, "pdf": 200, "odt": 200},
    "editor": {"route": 404, "document": 404, "pdf": 404, "odt": 404},
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_access_matrix(client, people, route_with_document, role):
    route, document = route_with_document
    if role != "anonymous":
        client.force_login(people[role])
    for what, url in _urls(route, document).items():
        response = client.get(url)
        assert response.status_code == MATRIX[role][what], (role, what)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if MATRIX[role][what] != 200:
            assert SECRET not in body
            assert b"Inkoopanalyse van de gemeente" not in body
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")
    if MATRIX[role]["document"] == 200:
        response = client.get(_urls(route, document)["document"])
        assert b"".join(response.streaming_content) == SECRET
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"


def test_coordinator_sees_that_documents_exist_but_not_their_content(
    client, people, route_with_document
):
    route, document = route_with_document
    client.force_login(people["coordinator"])
    page = client.get(reverse("routes:detail", args=[route.organisation_id])).content.decode()
    assert "Spendanalyse" in page
    assert _urls(route, document)["document"] not in page
    assert "Inkoopanalyse van de gemeente" in page


def test_a_document_under_another_organisations_id_is_not_found(
    client, people, route_with_document
):
    """The member of the organisation asks for its document under the outsider's id."""
    route, document = route_with_document
    client.force_login(people["outsider"])
    url = reverse("routes:document", args=[people["other"].pk, document.pk, document.filename])
    assert client.get(url).status_code == 404
    client.force_login(people["member"])
    assert client.get(url).status_code == 404
    # A wrong file name under the right ids is not found either.
    url = reverse("routes:document", args=[route.organisation_id, document.pk, "andere.csv"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["pending", "outsider", "coordinator", "editor"])
def test_nobody_but_members_writes(client, people, route_with_document, role):
    route, document = route_with_document
    org = route.organisation_id
    client.force_login(people[role])
    posts = {
        reverse("routes:baseline", args=[org]): {"version": route.version, "procurement": "x"},
        reverse("routes:opportunity_add", args=[org]): {
            "title": "Kaping",
            "impact": 3,
            "influence": 3,
        },
        reverse("routes:action_add", args=[org]): {
            "title": "Kaping",
            "action_type": "borgen",
            "owner": "x",
            "starts_on": "2026-01-01",
            "status": "gepland",
        },
        reverse("routes:document_remove", args=[org, document.pk]): {},
        reverse("routes:adopt", args=[org]): {"key": "monitor:bouw"},
        reverse("routes:editor_remove", args=[org]): {"user": people["member"].pk},
    }
    opportunity = services.opportunity_create(
        user=people["member"], organisation_id=org, data=services.OpportunityInput(title="Eigen")
    )
    posts[reverse("routes:opportunity_delete", args=[org, opportunity.pk])] = {"version": 0}
    posts[reverse("routes:opportunity_edit", args=[org, opportunity.pk])] = {
        "version": 0,
        "title": "Kaping",
        "impact": 1,
        "influence": 1,
    }
    action = services.action_create(
        user=people["member"],
        organisation_id=org,
        data=services.ActionInput(
            title="Eigen actie", action_type="borgen", owner="x", starts_on=date(2026, 1, 1)
        ),
    )
    posts[reverse("routes:action_delete", args=[org, action.pk])] = {"version": action.version}
    posts[reverse("routes:action_edit", args=[org, action.pk])] = {
        "version": action.version,
        "title": "Kaping",
        "action_type": "borgen",
        "owner": "x",
        "starts_on": "2026-01-01",
        "status": "gepland",
    }
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code in (403, 404), (role, url, response.status_code)
    route.refresh_from_db()
    assert route.procurement == "Inkoopanalyse van de gemeente"
    assert [o.title for o in route.opportunities.all()] == ["Eigen"]
    assert [a.title for a in route.actions.all()] == ["Eigen actie"]
    assert route.documents.count() == 1
    assert route.editor_rows.count() == 1


def test_anonymous_writes_go_to_login(client, people):
    org = people["organisation"].pk
    response = client.post(reverse("routes:baseline", args=[org]), {"version": 0})
    assert response.status_code == 302
    assert not Route.objects.exists()


def test_pending_member_gets_a_dutch_explanation(client, people):
    client.force_login(people["pending"])
    response = client.get(reverse("routes:mine"))
    assert response.status_code == 409
    assert "telt nog voor geen organisatie mee" in response.content.decode()


def test_mine_leads_members_to_their_route_and_coordinators_to_the_overview(client, people):
    client.force_login(people["member"])
    response = client.get(reverse("routes:mine"))
    assert response["Location"] == reverse("routes:detail", args=[people["organisation"].pk])
    client.force_login(people["coordinator"])
    assert client.get(reverse("routes:mine"))["Location"] == reverse("routes:overview")
    assert client.get(reverse("routes:overview")).status_code == 200
    client.force_login(people["editor"])
    assert client.get(reverse("routes:overview")).status_code == 404
