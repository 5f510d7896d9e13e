"""The outbox in the Wagtail admin: a read-only listing with "send again" for failed e-mails."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from learning.outbox.models import OutboxStatus
from tests.admin_tables import audit_trail_rows
from tests.factories import UserFactory
from tests.outbox.factories import OutboxMessageFactory
from tests.spreadsheets import FORMULAS, assert_formulas_neutralised

pytestmark = pytest.mark.django_db

INDEX = "outbox:index"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def client_with(client, *codenames, pages=()):
    """A user in a group with these outbox permissions, who may edit ``pages``."""
    group = Group.objects.create(name="Outbox " + "+".join(codenames))
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="outbox", codename__in=codenames)
    )
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page in pages:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename="change_page")
        )
    user = UserFactory()
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.fixture
def event_page():
    return Page.objects.get(depth=2)


@pytest.fixture
def failed(event_page):
    return OutboxMessageFactory(
        event=event_page,
        to="typfout@gemeente.exmaple",
        subject="Uw aanmelding is bevestigd",
        status=OutboxStatus.FAILED,
        attempts=8,
        last_error="SMTPRecipientsRefused: 550 no such domain",
    )


def test_listing_shows_messages_and_is_read_only(admin_client, failed):
    OutboxMessageFactory(to="nina@zwolle.example", subject="Herinnering", kind="reminder")
    response = admin_client.get(reverse(INDEX))
    assert response.status_code == 200
    content = response.content.decode()
    assert "typfout@gemeente.exmaple" in content
    assert "nina@zwolle.example" in content
    assert "Mislukt" in content
    assert "Opnieuw versturen" in content
    assert reverse("outbox:retry", args=[failed.pk]) in content
    assert "/admin/outbox/new/" not in content
    assert "/edit/" not in content and "/delete/" not in content
    assert admin_client.get("/admin/outbox/new/").status_code == 404
    assert admin_client.get(f"/admin/outbox/edit/{failed.pk}/").status_code == 404
    assert admin_client.get(f"/admin/outbox/delete/{failed.pk}/").status_code == 404


def test_listing_filters_and_searches(admin_client, failed):
    OutboxMessageFactory(to="nina@zwolle.example", subject="Herinnering", kind="reminder")
    content = admin_client.get(reverse(INDEX), {"status": "failed"}).content.decode()
    assert "typfout@gemeente.exmaple" in content
    assert "nina@zwolle.example" not in content
    content = admin_client.get(reverse(INDEX), {"kind": "reminder"}).content.decode()
    assert "nina@zwolle.example" in content
    assert "typfout@gemeente.exmaple" not in content
    content = admin_client.get(reverse(INDEX), {"q": "zwolle"}).content.decode()
    assert "nina@zwolle.example" in content
    assert "typfout@gemeente.exmaple" not in content


def test_listing_filters_by_event_page(admin_client):
    page = Page.objects.get(depth=2)
    OutboxMessageFactory(to="deelnemer@utrecht.example", event=page)
    OutboxMessageFactory(to="iemand@anders.example")
    content = admin_client.get(reverse(INDEX), {"event": page.pk}).content.decode()
    assert "deelnemer@utrecht.example" in content
    assert "iemand@anders.example" not in content


def test_inspect_shows_the_message(admin_client, failed):
    response = admin_client.get(reverse("outbox:inspect", args=[failed.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "550 no such domain" in content
    assert "Tot ziens op 12 maart in Utrecht." in content
    assert reverse("outbox:retry", args=[failed.pk]) in content


def test_retry_asks_then_queues_and_sends(admin_client, failed, django_capture_on_commit_callbacks):
    url = reverse("outbox:retry", args=[failed.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Ja, opnieuw versturen" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("outbox:inspect", args=[failed.pk])
    failed.refresh_from_db()
    assert failed.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1
    history = admin_client.get(reverse("outbox:history", args=[failed.pk]))
    assert history.status_code == 200
    assert "Opnieuw in de wachtrij gezet" in history.content.decode()
    # The inspect view's Logboek holds the same entry (one table for every object's history).
    inspect = admin_client.get(reverse("outbox:inspect", args=[failed.pk])).content.decode()
    assert [row[1] for row in audit_trail_rows(inspect)] == ["Opnieuw in de wachtrij gezet"]


def test_retry_refuses_a_sent_message(admin_client):
    sent = OutboxMessageFactory(status=OutboxStatus.SENT)
    response = admin_client.post(reverse("outbox:retry", args=[sent.pk]), follow=True)
    assert "Alleen een mislukte e-mail" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == OutboxStatus.SENT
    assert mail.outbox == []


def test_view_permission_lists_but_cannot_retry(client, failed, event_page):
    viewer = client_with(client, "view_outboxmessage", pages=[event_page])
    content = viewer.get(reverse(INDEX)).content.decode()
    assert "typfout@gemeente.exmaple" in content
    assert reverse("outbox:retry", args=[failed.pk]) not in content
    assert viewer.post(reverse("outbox:retry", args=[failed.pk])).status_code in (302, 403)
    failed.refresh_from_db()
    assert failed.status == OutboxStatus.FAILED


def test_change_permission_can_retry(
    client, failed, event_page, django_capture_on_commit_callbacks
):
    coordinator = client_with(
        client, "view_outboxmessage", "change_outboxmessage", pages=[event_page]
    )
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(reverse("outbox:retry", args=[failed.pk]))
    failed.refresh_from_db()
    assert failed.status == OutboxStatus.SENT


def test_editors_without_outbox_permission_do_not_see_it(client):
    editor = client_with(client)
    assert "E-mails (outbox)" not in editor.get(reverse("wagtailadmin_home")).content.decode()
    assert editor.get(reverse(INDEX)).status_code in (302, 403)


def test_menu_item_for_admins(admin_client):
    assert "E-mails (outbox)" in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_only_view_and_change_are_offered_as_group_permissions():
    from wagtail import hooks

    offered = {
        permission.codename
        for fn in hooks.get_hooks("register_permissions")
        for permission in fn()
        if permission.content_type.app_label == "outbox"
    }
    assert offered == {"view_outboxmessage", "change_outboxmessage"}


def test_csv_export_neutralises_formulas(admin_client):
    for formula in FORMULAS:
        OutboxMessageFactory(subject=formula)
    assert_formulas_neutralised(admin_client.get(reverse(INDEX), {"export": "csv"}))


# --- Kinds by their Dutch names --------------------------------------------------------------


def test_listing_filter_and_inspect_name_kinds_in_dutch(admin_client):
    promoted = OutboxMessageFactory(to="anna@zwolle.example", kind="registration_promoted")
    OutboxMessageFactory(to="oud@zwolle.example", kind="some_old_kind")
    content = admin_client.get(reverse(INDEX)).content.decode()
    assert "Plek gekregen van de wachtlijst" in content
    assert ">registration_promoted<" not in content
    assert "some_old_kind" in content  # unknown: its code
    # The filter offers the names and filters on the code.
    assert '<option value="registration_promoted">Plek gekregen van de wachtlijst</option>' in (
        content
    )
    filtered = admin_client.get(reverse(INDEX), {"kind": "registration_promoted"})
    assert "anna@zwolle.example" in filtered.content.decode()
    assert "oud@zwolle.example" not in filtered.content.decode()
    inspect = admin_client.get(reverse("outbox:inspect", args=[promoted.pk])).content.decode()
    assert "Plek gekregen van de wachtlijst" in inspect


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_exports_name_kinds_in_dutch(admin_client, export):
    OutboxMessageFactory(to="anna@zwolle.example", kind="registration_promoted")
    OutboxMessageFactory(to="oud@zwolle.example", kind="some_old_kind")
    response = admin_client.get(reverse(INDEX), {"export": export})
    assert response.status_code == 200
    if export == "xlsx":
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    else:
        import csv
        import io

        from tests.spreadsheets import csv_body

        rows = list(csv.reader(io.StringIO(csv_body(response))))
    heading = rows[0]
    kinds = {row[0]: row[heading.index("Soort")] for row in rows[1:]}  # by address
    assert kinds["anna@zwolle.example"] == "Plek gekregen van de wachtlijst"
    assert kinds["oud@zwolle.example"] == "some_old_kind"
