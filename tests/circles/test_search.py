"""The site search and a circle's members-only pages: found by its members only."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_circle_only_page_is_found_by_members_only(
    client, make_circle, make_member, knowledge_page
):
    coordinator = UserFactory(is_staff=True)
    circle = make_circle(coordinators=[coordinator])
    member = make_member(circle)
    page = knowledge_page(circle, title="Verslag van de pilot met bruggen")

    def found(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get("/zoeken/", {"q": "geheimzinnigpilot"})
        assert response.status_code == 200
        return [(str(hit.kind_label), hit.obj.pk) for hit in response.context["hits"]]

    assert found(member) == [("Gedeeld in de kring", page.pk)]
    assert found(coordinator) == [("Gedeeld in de kring", page.pk)]
    assert found(None) == []
    assert found(UserFactory()) == []
    # Nor through the spelling suggestion of a search without results (from titles).
    client.force_login(UserFactory())
    assert client.get("/zoeken/", {"q": "verslagg"}).context["suggestion"] == ""
    client.force_login(member)
    assert client.get("/zoeken/", {"q": "verslagg"}).context["suggestion"] == "verslag"
