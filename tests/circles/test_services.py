"""Membership rules, the circle's group, e-mails, reminders, feeds and query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.accounts.services import calendar_token_get_or_create
from learning.circles import notifications, services
from learning.circles.models import CircleMeeting, MeetingAttendance, MembershipStatus
from learning.circles.services import CircleError
from learning.outbox.models import OutboxMessage
from tests.factories import UserFactory
from tests.spreadsheets import FORMULAS, assert_formulas_neutralised

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(is_staff=True)


@pytest.fixture
def circle(make_circle, coordinator):
    return make_circle(coordinators=[coordinator])


def in_group(user, circle) -> bool:
    return user.groups.filter(pk=circle.group_id).exists()


def test_publishing_sets_up_group_section_collection_and_coordinator(circle, coordinator):
    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    restriction = PageViewRestriction.objects.get(page__path__startswith=circle.path)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    names = set(restriction.groups.values_list("name", flat=True))
    assert names == {circle.group.name, "Editors", "Moderators"}
    collection_restriction = CollectionViewRestriction.objects.get(collection=circle.collection)
    assert set(collection_restriction.groups.values_list("name", flat=True)) == names
    assert in_group(coordinator, circle)
    # Publishing again changes nothing (idempotent).
    circle.save_revision().publish()
    assert PageViewRestriction.objects.filter(page__path__startswith=circle.path).count() == 1


def test_approve_and_leave_change_the_group_in_the_same_transaction(
    client, circle, coordinator, knowledge_page
):
    page = knowledge_page(circle)
    user = UserFactory()
    membership = services.membership_apply(circle=circle, user=user, motivation="Graag")
    assert not in_group(user, circle)
    services.membership_approve(membership=membership, actor=coordinator)
    assert in_group(user, circle)
    client.force_login(user)
    assert client.get(page.url).status_code == 200

    services.membership_leave(circle=circle, user=user)
    assert not in_group(user, circle)
    assert client.get(page.url).status_code == 403  # at once, same session


def test_a_failing_e_mail_rolls_back_membership_and_group(circle, coordinator, monkeypatch):
    user = UserFactory()
    membership = services.membership_apply(circle=circle, user=user, motivation="Graag")

    def broken(*args, **kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(notifications, "membership_decided", broken)
    with pytest.raises(RuntimeError):
        services.membership_approve(membership=membership, actor=coordinator)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPLIED
    assert not in_group(user, circle)


def test_application_rules(make_circle, circle, coordinator):
    user = UserFactory()
    with pytest.raises(CircleError) as refused:
        services.membership_apply(circle=circle, user=user, motivation="  ")
    assert refused.value.code == "motivation_required"
    membership = services.membership_apply(circle=circle, user=user, motivation="Graag")
    assert membership.organisation_id == user.organisation_id
    with pytest.raises(CircleError) as refused:
        services.membership_apply(circle=circle, user=user, motivation="Nog eens")
    assert refused.value.code == "already_applied"
    services.membership_decline(membership=membership, actor=coordinator, reason="Vol")
    with pytest.raises(CircleError) as refused:
        services.membership_apply(circle=circle, user=user, motivation="Nog eens")
    assert refused.value.code == "declined"
    assert OutboxMessage.objects.filter(to=user.email, kind="circle_declined").count() == 1
    closed = make_circle(coordinators=[coordinator], applications_open=False)
    with pytest.raises(CircleError) as refused:
        services.membership_apply(circle=closed, user=UserFactory(), motivation="Graag")
    assert refused.value.code == "closed"
    stranger = UserFactory()
    other = services.membership_apply(circle=circle, user=stranger, motivation="Graag")
    with pytest.raises(CircleError) as refused:
        services.membership_approve(membership=other, actor=UserFactory())
    assert refused.value.code == "forbidden"


def test_a_full_circle_refuses_approval(make_circle, coordinator):
    circle = make_circle(coordinators=[coordinator], max_members=1)
    first, second = (
        services.membership_apply(circle=circle, user=UserFactory(), motivation="Graag")
        for _ in range(2)
    )
    services.membership_approve(membership=first, actor=coordinator)
    with pytest.raises(CircleError) as refused:
        services.membership_approve(membership=second, actor=coordinator)
    assert refused.value.code == "full"


def test_invitation_joins_only_the_invited_address_once(client, circle, coordinator):
    invitee = UserFactory(email="invitee@gemeente.example")
    invitation = services.invitation_create(
        circle=circle, email="Invitee@Gemeente.example", actor=coordinator
    )
    message = OutboxMessage.objects.get(kind="circle_invitation")
    assert message.to == "invitee@gemeente.example"
    with pytest.raises(CircleError) as refused:
        services.invitation_accept(invitation=invitation, user=UserFactory())
    assert refused.value.code == "invitation_other_address"

    client.force_login(invitee)
    url = f"{circle.url}uitnodiging/"
    assert client.get(url, {"token": invitation.token}).status_code == 200
    assert client.post(url, {"token": invitation.token}).status_code == 302
    assert in_group(invitee, circle)
    assert client.post(url, {"token": invitation.token}).status_code == 409
    assert client.post(url, {"token": "vervalst"}).status_code == 404
    for forged in ("\x00", "a\x00b", "x" * 500, '"'):
        assert client.post(url, {"token": forged}).status_code == 404


def test_reminders_and_report_notices_are_sent_once(circle, make_member):
    member = make_member(circle)
    meeting = CircleMeeting.objects.filter(circle=circle).order_by("starts_at").last()
    now = meeting.starts_at - timedelta(hours=20)
    assert services.reminders_queue(now=now) == 2  # coordinator and member
    services.reminders_queue(now=now)
    assert OutboxMessage.objects.filter(kind="circle_reminder").count() == 2

    # The fixture's first meeting has a report; publishing again announces nothing new.
    circle.save_revision().publish()
    circle.save_revision().publish()
    notices = OutboxMessage.objects.filter(kind="circle_report", to=member.email)
    assert notices.count() == 1


def test_attendance_and_exports(client, circle, coordinator, make_member):
    members = [make_member(circle) for _ in range(3)]
    meeting = CircleMeeting.objects.filter(circle=circle).order_by("starts_at").first()
    client.force_login(coordinator)
    url = f"{circle.url}bijeenkomsten/{meeting.pk}/aanwezigheid/"
    response = client.post(url, {"aanwezig": [members[0].pk, members[1].pk, 999999]})
    assert response.status_code == 302
    present = dict(MeetingAttendance.objects.filter(meeting=meeting).values_list("user", "present"))
    assert present == {members[0].pk: True, members[1].pk: True, members[2].pk: False}
    assert client.post(url, {"aanwezig": ["x"]}).status_code == 400

    csv = b"".join(client.get(f"{circle.url}aanwezigheid/export/?formaat=csv").streaming_content)
    assert csv.decode().count("\n") == 1 + 2 * 3  # heading, two meetings × three members
    xlsx = client.get(f"{circle.url}leden/export/?formaat=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(f"{circle.url}leden/export/?formaat=pdf").status_code == 404


def test_personal_feed_has_circle_meetings_and_its_etag_follows_membership(
    client, circle, make_member
):
    member = make_member(circle)
    url = f"/agenda/persoonlijk/{calendar_token_get_or_create(user=member)}.ics"
    response = client.get(url)
    assert b"Bijeenkomst 1" in response.content
    assert b"https://meet.example/kring" in response.content
    etag = response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    services.membership_leave(circle=circle, user=member)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"Bijeenkomst 1" not in response.content


def _page_queries(client, circle) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(circle.url).status_code == 200
    return len(queries)


def test_circle_page_query_count_is_constant(client, make_circle, coordinator, make_member):
    small = make_circle(coordinators=[coordinator], meetings=1)
    large = make_circle(coordinators=[coordinator], meetings=12, max_members=40)
    viewer = make_member(small)
    make_member(large, user=viewer)
    for _ in range(15):
        make_member(large)
    client.force_login(viewer)
    _page_queries(client, small)  # warm caches (site, settings)
    assert _page_queries(client, large) == _page_queries(client, small)
    client.force_login(coordinator)
    _page_queries(client, small)  # the first view makes the person's calendar token
    assert _page_queries(client, large) == _page_queries(client, small)


def test_coordinator_taken_off_the_page_loses_access(circle, coordinator):
    circle.coordinators.set([])
    circle.save_revision().publish()
    assert not in_group(coordinator, circle)
    from learning.circles.selectors import circle_access

    assert not circle_access(circle=circle, user=coordinator).can_manage


def test_meeting_sequence_rises_when_the_time_changes(circle):
    meeting = CircleMeeting.objects.filter(circle=circle).first()
    assert meeting.ical_sequence == 0
    live = type(circle).objects.get(pk=circle.pk)
    items = list(live.meetings.all())
    for item in items:
        if item.pk == meeting.pk:
            item.starts_at += timedelta(hours=1)
            item.ends_at += timedelta(hours=1)
    live.meetings = items
    live.save_revision().publish()
    meeting.refresh_from_db()
    assert meeting.ical_sequence == 1
    assert timezone.is_aware(meeting.starts_at)


def test_admin_listing_export_and_decisions(client, circle, editor):
    applicant = UserFactory()
    membership = services.membership_apply(circle=circle, user=applicant, motivation="Graag")
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/circle_memberships/").status_code in (302, 403)

    client.force_login(editor)
    listing = client.get("/admin/circle_memberships/", {"status": "applied"})
    assert listing.status_code == 200
    assert applicant.full_name in listing.content.decode()
    export = client.get("/admin/circle_memberships/", {"export": "csv"})
    assert applicant.email in b"".join(export.streaming_content).decode()
    url = f"/admin/circle_memberships/approve/{membership.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Welkom"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert in_group(applicant, circle)
    assert membership.log_entries.filter(action="approve", actor=editor).exists()
    # Deciding twice is refused, with a message instead of an error page.
    assert client.post(url, {"reason": ""}).status_code == 409


def test_leaving_through_the_site_revokes_access_at_once(
    client, circle, make_member, knowledge_page
):
    member = make_member(circle)
    private = knowledge_page(circle)
    client.force_login(member)
    assert client.get(private.url).status_code == 200
    assert client.get(f"{circle.url}verlaten/").status_code == 405  # a POST form only
    response = client.post(f"{circle.url}verlaten/", follow=True)
    assert response.redirect_chain[-1] == (circle.url, 302)
    assert "U bent geen lid meer van deze leerkring." in response.content.decode()
    assert client.get(private.url).status_code == 403
    assert not in_group(member, circle)
    # Leaving twice is a polite refusal, not an error page.
    again = client.post(f"{circle.url}verlaten/")
    assert again.status_code == 409


@pytest.mark.parametrize(
    "path",
    ["leden/export/?formaat=csv", "aanwezigheid/export/?formaat=csv", "/admin/circle_memberships/"],
)
def test_csv_exports_neutralise_formulas(client, circle, coordinator, editor, make_member, path):
    for formula in FORMULAS:
        make_member(circle, full_name=formula, job_title="=1+1")
    if path.startswith("/admin/"):
        client.force_login(editor)
        response = client.get(path, {"export": "csv"})
    else:
        client.force_login(coordinator)
        response = client.get(f"{circle.url}{path}")
    assert_formulas_neutralised(response)


def test_a_flood_of_invitations_gets_a_dutch_429(client, circle, coordinator):
    client.force_login(coordinator)
    url = f"{circle.url}uitnodigen/"
    statuses = [
        client.post(url, {"email": f"collega{n}@gemeente.example"}).status_code for n in range(11)
    ]
    assert statuses == [302] * 10 + [429]
    assert OutboxMessage.objects.filter(kind="circle_invitation").count() == 10


def test_one_address_is_invited_at_most_three_times_a_day(client, make_circle, coordinator):
    client.force_login(coordinator)
    circles = [make_circle(coordinators=[coordinator]) for _ in range(4)]
    statuses = [
        client.post(f"{c.url}uitnodigen/", {"email": "Doelwit@gemeente.example"}).status_code
        for c in circles
    ]
    assert statuses == [302, 302, 302, 429]


def test_admin_shows_a_circle_coordinator_only_the_circles_they_coordinate(
    client, circle, coordinator, make_circle
):
    """Someone given the admin's membership permissions who is not one of Wagtail's editors
    sees and decides only on the memberships of the circles they coordinate (issue 19)."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Leerkringbeheer")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_circlemembership", "change_circlemembership"]
        )
    )
    coordinator.groups.add(group)
    own = services.membership_apply(
        circle=circle, user=UserFactory(full_name="Eigen Aanvrager"), motivation="Graag"
    )
    elsewhere = make_circle(coordinators=[UserFactory(is_staff=True)])
    stranger = UserFactory(full_name="Vreemde Aanvrager")
    other = services.membership_apply(circle=elsewhere, user=stranger, motivation="Geheim")

    client.force_login(coordinator)
    content = client.get("/admin/circle_memberships/").content.decode()
    assert "Eigen Aanvrager" in content
    assert "Vreemde Aanvrager" not in content
    export = client.get("/admin/circle_memberships/", {"export": "csv"})
    assert stranger.email not in b"".join(export.streaming_content).decode()
    assert client.get(f"/admin/circle_memberships/inspect/{other.pk}/").status_code == 404
    for decision in ("approve", "decline"):
        url = f"/admin/circle_memberships/{decision}/{other.pk}/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "Nee"}).status_code == 404
    other.refresh_from_db()
    assert other.status == MembershipStatus.APPLIED
    # Their own circle as before.
    assert client.get(f"/admin/circle_memberships/inspect/{own.pk}/").status_code == 200
    url = f"/admin/circle_memberships/approve/{own.pk}/"
    assert client.post(url, {"reason": "Welkom"}).status_code == 302
    own.refresh_from_db()
    assert own.status == MembershipStatus.APPROVED


def test_every_circle_email_kind_is_produced_and_has_a_dutch_name(
    make_circle, coordinator, make_member
):
    """The kinds are built from template names (``circle_kind``): produce each one through
    the services and check that the outbox names every one of them in Dutch."""
    from learning.circles.models import CircleMembership
    from learning.outbox import renderers

    circle = make_circle(coordinators=[coordinator], meetings=3)
    member = make_member(circle)  # application_received, approved
    applicant = services.membership_apply(circle=circle, user=UserFactory(), motivation="Graag")
    services.membership_decline(membership=applicant, actor=coordinator, reason="Vol")
    services.invitation_create(circle=circle, email="nieuw@gemeente.example", actor=coordinator)
    meeting = CircleMeeting.objects.filter(circle=circle).order_by("starts_at").last()
    services.reminders_queue(now=meeting.starts_at - timedelta(hours=20))
    circle.save_revision().publish()  # the first meeting's report
    membership = CircleMembership.objects.get(circle=circle, user=member)
    notifications.meeting_changed(membership, meeting=meeting, before={})
    services.meeting_removed(meeting=meeting)

    produced = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert produced == set(notifications.KIND_LABELS)
    for kind in produced:
        assert renderers.kind_label(kind) not in ("", kind), kind
