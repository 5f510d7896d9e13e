"""Who sees what in a learning circle: the matrix of the acceptance criteria.

Ten kinds of people against the circle page, its members-only pages, its documents, its
feed, the member list, the application list and the approve/decline actions. Denied is a
login redirect for anonymous visitors and 403 for everyone else (documents too: no login
redirect that sends a logged-in person back and forth), and private content never leaks
through search, sitemap, feeds or listings.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from learning.circles import services
from learning.circles.feeds import feed_token
from learning.circles.models import MembershipStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "non_member",
    "applicant",
    "declined",
    "member",
    "former_member",
    "other_coordinator",
    "coordinator",
    "editor",
    "superuser",
]
READERS = {"member", "coordinator", "editor", "superuser"}
MANAGERS = {"coordinator", "editor", "superuser"}
FEED_USERS = {"member", "coordinator"}
SECRET = "Geheim verslag"


@pytest.fixture
def world(make_circle, make_member, knowledge_page, editor, settings, tmp_path):
    # Documents are served from disk (sendfile): a real file system storage for this test.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    coordinator = UserFactory(is_staff=True)
    other_coordinator = UserFactory(is_staff=True)
    circle = make_circle(coordinators=[coordinator])
    make_circle(coordinators=[other_coordinator])
    people = {
        "anonymous": None,
        "non_member": UserFactory(),
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "editor": editor,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "member": make_member(circle),
    }
    people["applicant"] = UserFactory()
    services.membership_apply(circle=circle, user=people["applicant"], motivation="Graag")
    people["declined"] = UserFactory()
    declined = services.membership_apply(circle=circle, user=people["declined"], motivation="Graag")
    services.membership_decline(membership=declined, actor=coordinator)
    people["former_member"] = make_member(circle)
    services.membership_leave(circle=circle, user=people["former_member"])
    page = knowledge_page(circle)
    document = Document.objects.create(
        title="Bestek hergebruik",
        collection=circle.collection,
        file=ContentFile(b"vertrouwelijk", name="bestek.txt"),
    )
    return {"circle": circle, "people": people, "page": page, "document": document}


def _client(client, world, role):
    client.logout()
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    return client


def _login_redirect(response) -> bool:
    return response.status_code == 302 and "login/" in response["Location"]


def _denied(response, role) -> bool:
    if role == "anonymous":
        return _login_redirect(response)
    return response.status_code == 403


def check_matrix(client, world, check) -> None:
    """Run ``check(client, role)`` for every role; report every wrong cell at once."""
    wrong = []
    for role in ROLES:
        problem = check(_client(client, world, role), role)
        if problem:
            wrong.append(f"{role}: {problem}")
    assert not wrong, "\n".join(wrong)


def test_circle_page_shows_private_details_only_to_readers(client, world):
    def check(client, role):
        response = client.get(world["circle"].url)
        if response.status_code != 200:
            return f"status {response.status_code}"
        content = response.content.decode()
        for secret in (SECRET, "https://meet.example/kring", "Agenda voor leden"):
            if (secret in content) is not (role in READERS):
                return f"{secret!r} shown: {secret in content}"
        return None

    check_matrix(client, world, check)


@pytest.mark.parametrize("which", ["section", "page"])
def test_private_pages(client, world, which):
    page = world["page"]
    url = page.get_parent().url if which == "section" else page.url

    def check(client, role):
        response = client.get(url)
        if role in READERS:
            ok = response.status_code == 200 and page.title in response.content.decode()
        else:
            ok = _denied(response, role) and page.title not in response.content.decode()
        return None if ok else f"status {response.status_code}"

    check_matrix(client, world, check)


def test_documents(client, world):
    def check(client, role):
        response = client.get(world["document"].url)
        if role in READERS:
            ok = response.status_code == 200 and b"vertrouwelijk" in b"".join(
                response.streaming_content
            )
        else:
            ok = _denied(response, role) and b"vertrouwelijk" not in response.content
        return None if ok else f"status {response.status_code}"

    check_matrix(client, world, check)


def test_circle_feed(client, world):
    circle = world["circle"]

    def check(client, role):
        user = world["people"][role]
        token = feed_token(circle=circle, user=user) if user else "geen-geldige-sleutel"
        response = client.get(f"{circle.url}agenda.ics?token={token}")
        if role in FEED_USERS:
            ok = response.status_code == 200 and b"https://meet.example/kring" in response.content
        elif role == "anonymous":
            ok = response.status_code == 404
        else:
            ok = response.status_code == 403 and b"Bijeenkomst" not in response.content
        return None if ok else f"status {response.status_code}"

    check_matrix(client, world, check)


def test_circle_feed_refuses_a_member_of_another_circle(client, world, make_circle):
    other = make_circle(coordinators=[world["people"]["other_coordinator"]])
    token = feed_token(user=world["people"]["member"])  # a member of world's circle only
    response = client.get(f"{other.url}agenda.ics?token={token}")
    assert response.status_code == 403
    assert b"Bijeenkomst" not in response.content


def test_member_list(client, world):
    member = world["people"]["member"]

    def check(client, role):
        response = client.get(f"{world['circle'].url}leden/")
        if role not in READERS:
            return None if _denied(response, role) else f"status {response.status_code}"
        content = response.content.decode()
        if response.status_code != 200 or member.full_name not in content:
            return f"status {response.status_code}"
        if (member.email in content) is not (role in MANAGERS):
            return "e-mail addresses shown to the wrong people"
        return None

    check_matrix(client, world, check)


@pytest.mark.parametrize(
    "path",
    ["aanmeldingen/", "leden/export/?formaat=csv", "aanwezigheid/export/?formaat=xlsx"],
)
def test_application_list_and_exports(client, world, path):
    def check(client, role):
        response = client.get(f"{world['circle'].url}{path}")
        ok = response.status_code == 200 if role in MANAGERS else _denied(response, role)
        return None if ok else f"status {response.status_code}"

    check_matrix(client, world, check)


@pytest.mark.parametrize("decision", ["goedkeuren", "afwijzen"])
def test_approve_and_decline(client, world, decision):
    circle = world["circle"]

    def check(client, role):
        applicant = UserFactory()
        membership = services.membership_apply(circle=circle, user=applicant, motivation="Graag")
        response = client.post(f"{circle.url}aanmeldingen/{membership.pk}/{decision}/")
        membership.refresh_from_db()
        in_group = applicant.groups.filter(pk=circle.group_id).exists()
        if role in MANAGERS:
            expected = MembershipStatus.APPROVED if decision == "goedkeuren" else "declined"
            ok = (
                response.status_code == 302
                and membership.status == expected
                and in_group is (decision == "goedkeuren")
            )
        else:
            ok = (
                _denied(response, role)
                and membership.status == MembershipStatus.APPLIED
                and not in_group
            )
        return None if ok else f"status {response.status_code}, {membership.status}"

    check_matrix(client, world, check)


def test_private_pages_never_leak_in_search_sitemap_feeds_or_listings(client, world):
    page = world["page"]

    def check(client, role):
        # Search and sitemap may show the pages to those who may read them, never to others.
        search = client.get("/zoeken/", {"q": "geheimzinnigpilot"}).content.decode()
        if page.title in search and role not in READERS:
            return "in search"
        sitemap = client.get("/sitemap.xml").content.decode()
        if (page.url in sitemap or page.get_parent().url in sitemap) and role not in READERS:
            return "in sitemap"
        if "Bijeenkomst 0" in client.get("/agenda.ics").content.decode():
            return "in the public agenda feed"
        index = client.get(world["circle"].get_parent().url).content.decode()
        if world["circle"].title not in index:
            return "circle missing from the index"
        if page.title in index or SECRET in index:
            return "in the circle index"
        return None

    check_matrix(client, world, check)


def test_only_superusers_may_change_the_privacy_of_the_members_only_section(client, world, agenda):
    """Issue 19, finding 10: nobody else opens a members-only section to everyone.

    Privacy is Wagtail's "publish" right. Coordinators of events ("Coördinatoren") have it
    only below the sections they coordinate, circle coordinators and editors not at all; the
    members-only section keeps the restriction that ``circle_access_ensure`` gives it, so even
    moderators cannot change it there (circles.models.MembersOnlyPermissionTester).
    """
    from django.contrib.auth.models import Group
    from django.urls import reverse
    from wagtail.models import PageViewRestriction

    from learning.events.coordination import coordinator_sections_grant

    section = world["page"].get_parent()
    event_coordinator = UserFactory(is_staff=True)
    event_coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    coordinator_sections_grant(pages=[agenda])
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    world["people"].update(event_coordinator=event_coordinator, moderator=moderator)
    url = reverse("wagtailadmin_pages:set_privacy", args=[section.pk])
    restriction = PageViewRestriction.objects.get(page=section)

    wrong = []
    for role in [*ROLES, "event_coordinator", "moderator"]:
        client = _client(client, world, role)
        response = client.get(url)
        if role == "superuser":
            if response.status_code != 200:
                wrong.append(f"{role}: status {response.status_code}")
            continue
        if response.status_code not in (302, 403):
            wrong.append(f"{role}: status {response.status_code}")
        client.post(url, {"restriction_type": "none"})
        if not PageViewRestriction.objects.filter(pk=restriction.pk).exists():
            wrong.append(f"{role}: removed the restriction")
            restriction.save()
    assert not wrong, "\n".join(wrong)
