"""Deleted means deleted: after an account is deleted (or its registrations pass the retention
period) the person's name and e-mail address are in no table of the database.

The check walks every model Django knows (ours, Wagtail's, allauth's, Django's own) and every
column that can hold text, so a model added later is covered without changing this test.
"""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Comment, CommentReply, Site
from wagtail.users.models import UserProfile

from learning.accounts.models import User
from learning.accounts.services import user_delete, user_export_data
from learning.circles import services as circles
from learning.circles.models import (
    CircleIndexPage,
    CircleInvitation,
    CircleMeeting,
    LearningCirclePage,
)
from learning.core.models import Theme
from learning.core.redaction import REDACTED
from learning.events import services as events
from learning.knowledge import services as knowledge
from learning.knowledge.models import KnowledgeIndexPage
from learning.monitor import services as monitor
from learning.monitor.services import AnswerInput
from learning.outbox import services as outbox
from learning.outbox.models import OutboxMessage, OutboxStatus
from tests.factories import PASSWORD, UserFactory
from tests.monitor.fixtures import (  # noqa: F401
    make_questionnaire,
    make_round,
    open_round,
    questionnaire,
)

NAME = "Zebediah Quackenbush"
EMAIL = "zebediah.q@apeldoorn.example"
OTHER_EMAIL = "z.quackenbush@apeldoorn.example"
# Each part on its own: a first name in a greeting or a surname in a list counts as well.
NEEDLES = ("zebediah", "quackenbush", EMAIL, OTHER_EMAIL)

# Column types that hold numbers, dates, flags or ids: they cannot carry a name.
NOT_TEXT = (
    models.AutoField,
    models.BigAutoField,
    models.IntegerField,
    models.FloatField,
    models.DecimalField,
    models.DateField,
    models.TimeField,
    models.DurationField,
    models.BooleanField,
    models.UUIDField,
    models.BinaryField,
)


def mentions(*, allowed=()) -> list[str]:
    """Every row of every table that still names the person, as "app.Model.field pk=…".

    ``allowed`` holds (model, pk) pairs that may (the account itself, on the retention path).
    """
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.local_concrete_fields:
            if field.is_relation or isinstance(field, NOT_TEXT):
                continue
            as_text = Cast(field.column, models.TextField())
            condition = Q()
            for needle in NEEDLES:
                condition |= Q(_walk_text__icontains=needle)
            rows = (
                model._base_manager.annotate(_walk_text=as_text)
                .filter(condition)
                .values_list("pk", "_walk_text")
            )
            for pk, text in rows:
                if (model, pk) in allowed:
                    continue
                found.append(f"{model._meta.label}.{field.name} pk={pk}: {text[:200]!r}")
    return found


@pytest.fixture
def world(db, django_capture_on_commit_callbacks, open_round):  # noqa: F811
    """Zebediah did everything the site offers, and others wrote about him."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    zebediah = UserFactory(full_name=NAME, email=EMAIL)
    EmailAddress.objects.create(user=zebediah, email=OTHER_EMAIL, verified=True)
    xavier = UserFactory(full_name="Xaviera Collega", organisation=zebediah.organisation)
    editor = UserFactory(full_name="Erik Redacteur", is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(zebediah)
    profile.avatar = SimpleUploadedFile("zebediah.png", b"\x89PNG photo", "image/png")
    profile.save()

    with django_capture_on_commit_callbacks(execute=True):
        _events(home, zebediah, xavier, editor)
        _circles(home, zebediah, xavier, editor)
        _monitor(open_round, zebediah, xavier)
        _knowledge(home, zebediah, editor)
        # The admin's log: the account was made in the admin, and the person edited a theme.
        log(instance=zebediah, action="wagtail.create", user=editor)
        log(instance=Theme.objects.first(), action="wagtail.edit", user=zebediah)

    # The e-mails were rendered and sent, so their texts name the people they are about.
    assert OutboxMessage.objects.exclude(status=OutboxStatus.SENT).count() == 0
    assert mentions(), "the world should name the person before the deletion"
    return {"zebediah": zebediah, "xavier": xavier, "editor": editor, "avatar": profile.avatar.name}


def _events(home, zebediah, xavier, editor):
    from learning.events.models import EventIndexPage, EventPage

    agenda = EventIndexPage(title="Agenda", slug="agenda")
    home.add_child(instance=agenda)
    start = timezone.now() + timedelta(days=30)
    made = []
    for number in range(3):
        event = EventPage(
            title=f"Netwerkdag {number}",
            slug=f"netwerkdag-{number}",
            intro="Een dag voor professionals.",
            starts_at=start,
            ends_at=start + timedelta(hours=4),
        )
        agenda.add_child(instance=event)
        event.save_revision().publish()
        made.append(event)
    handed, shared, cancelled = made
    # A seat handed over to a colleague: the log and her e-mail name him.
    registration = events.registration_create(event=handed, user=zebediah)
    events.registration_handover(registration=registration, to_email=xavier.email, actor=zebediah)
    # A message to all participants that names him.
    events.registration_create(event=shared, user=zebediah)
    events.registration_create(event=shared, user=xavier)
    events.event_message_send(
        event=shared,
        actor=editor,
        subject="Programma",
        body=f"{NAME} opent de dag.",
        token="e" * 32,
    )
    # A coordinator's reason on someone else's registration.
    other = events.registration_create(event=cancelled, user=xavier)
    events.registration_cancel(
        registration=other, actor=editor, reason=f"Afgemeld door {NAME} ({EMAIL})"
    )


def _circles(home, zebediah, xavier, editor):
    index = CircleIndexPage(title="Leerkringen", slug="leerkringen")
    home.add_child(instance=index)
    today = timezone.localdate()
    circle = LearningCirclePage(
        title="Leerkring circulair bouwen",
        slug="leerkring",
        intro="Samen leren.",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=300),
        max_members=12,
    )
    circle.meetings = [
        CircleMeeting(
            title="Aftrap",
            starts_at=timezone.now() - timedelta(days=2),
            ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=3),
            report=f"<p>{NAME} vertelde over de pilot.</p>",
        )
    ]
    index.add_child(instance=circle)
    circle.coordinators.set([editor])
    circle.save_revision(user=editor).publish()
    circle.refresh_from_db()
    membership = circles.membership_apply(
        circle=circle, user=zebediah, motivation=f"Ik ben {NAME}, bereikbaar op {EMAIL}."
    )
    circles.membership_approve(membership=membership, actor=editor, reason="Welkom!")
    colleague = circles.membership_apply(
        circle=circle, user=xavier, motivation=f"Samen met mijn collega {NAME}."
    )
    circles.membership_approve(membership=colleague, actor=editor, reason=f"Aanbevolen door {NAME}")
    meeting = circle.meetings.first()
    circles.attendance_record(
        circle=circle, meeting_id=meeting.pk, actor=editor, present_user_ids=[zebediah.pk]
    )
    second = LearningCirclePage(
        title="Leerkring inkopen",
        slug="leerkring-inkopen",
        intro="Samen inkopen.",
        starts_on=today,
        ends_on=today + timedelta(days=300),
        max_members=12,
    )
    index.add_child(instance=second)
    second.coordinators.set([editor])
    second.save_revision(user=editor).publish()
    circles.invitation_create(circle=second, email=OTHER_EMAIL, actor=editor)


def _monitor(round, zebediah, xavier):
    question_ids = list(round.questionnaire.questions.values_list("pk", flat=True))
    result = monitor.response_save_for_organisation(
        round=round,
        user=zebediah,
        version=0,
        answers={question_ids[0]: AnswerInput(score=2, explanation=f"Navragen bij {NAME}.")},
    )
    result = monitor.response_save(
        response=result.response,
        user=xavier,
        version=result.response.version,
        answers={question_ids[1]: AnswerInput(score=3)},
    )
    # Xaviera frees his seat: the log note names him.
    monitor.response_editor_remove(response=result.response, user=xavier, editor_id=zebediah.pk)


def _knowledge(home, zebediah, editor):
    index = KnowledgeIndexPage(title="Kennisbank", slug="kennisbank", intro="Voorbeelden.")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = knowledge.practice_example_submit(
        user=zebediah,
        index_page=index,
        title="Hergebruik van kantoormeubilair",
        organisation_name="Gemeente Apeldoorn",
        situation="Alle werkplekken moesten anders.",
        approach=f"{NAME} liet het meubilair opknappen.",
        result="85% hergebruikt.",
        contact=f"{NAME}, {EMAIL}",
    )
    comment = Comment.objects.create(
        page=page, user=editor, text=f"Vraag {NAME} om een foto.", contentpath="title"
    )
    CommentReply.objects.create(comment=comment, user=zebediah, text="Foto volgt.")
    Comment.objects.create(
        page=page, user=zebediah, text="Mijn eerste versie.", contentpath="title"
    )
    page.save_revision(user=editor)
    state = page.current_workflow_state
    state.current_task_state.approve(user=editor, comment=f"Dank aan {NAME}!")


@pytest.mark.parametrize("how", ["service", "own_account_page", "admin", "admin_bulk"])
def test_deleting_an_account_leaves_the_name_nowhere(
    world, client, django_capture_on_commit_callbacks, how
):
    zebediah = world["zebediah"]
    other_device = client.__class__()
    other_device.force_login(zebediah)
    if how == "service":
        with django_capture_on_commit_callbacks(execute=True):
            user_delete(user=zebediah)
    elif how == "own_account_page":
        client.force_login(zebediah)
        response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
        assert response.status_code == 302
    elif how == "admin":
        client.force_login(world["editor"])
        response = client.post(reverse("wagtailusers_users:delete", args=[zebediah.pk]))
        assert response.status_code == 302
    else:
        client.force_login(world["editor"])
        url = reverse("wagtail_bulk_action", args=["accounts", "user", "delete"])
        response = client.post(f"{url}?id={zebediah.pk}")
        assert response.status_code == 302
    assert not User.objects.filter(pk=zebediah.pk).exists()
    found = mentions()
    assert not found, "still naming the deleted person:\n" + "\n".join(found)
    # What was only about the person is gone, not kept with "[verwijderd]" in it.
    assert not OutboxMessage.objects.filter(to__icontains=REDACTED).exists()
    assert not CircleInvitation.objects.exists()
    assert not default_storage.exists(world["avatar"])
    # Every session of the account ended, not only the one that asked.
    assert "_auth_user_id" not in other_device.session


def test_what_deletion_takes_away_is_in_the_export_first(world):
    data = user_export_data(user=world["zebediah"])["data"]
    handed_over = data["registrations"]
    assert any(entry["action"] == "register" for item in handed_over for entry in item["history"])
    assert any(item["history"] for item in data["circle_memberships"])
    assert any(change["note"] == NAME for change in data["monitor"]["changes"])
    assert any(action["action"] == "wagtail.edit" for action in data["admin_history"]["actions"])
    assert [comment["text"] for comment in data["admin_history"]["comments"]] == [
        "Mijn eerste versie."
    ]


def test_after_the_retention_period_registrations_and_emails_name_nobody(
    db, django_capture_on_commit_callbacks
):
    """The account stays; what the registrations and their e-mails said about the person goes."""
    from learning.events.models import EventIndexPage, EventPage, RegistrationLog

    home = Site.objects.get(is_default_site=True).root_page.specific
    zebediah = UserFactory(full_name=NAME, email=EMAIL)
    xavier = UserFactory(full_name="Xaviera Collega", organisation=zebediah.organisation)
    coordinator = UserFactory(full_name="Erik Redacteur", is_staff=True, is_superuser=True)
    agenda = EventIndexPage(title="Agenda", slug="agenda")
    home.add_child(instance=agenda)
    start = timezone.now() + timedelta(days=30)
    event = EventPage(
        title="Netwerkdag",
        slug="netwerkdag",
        intro="Een dag voor professionals.",
        starts_at=start,
        ends_at=start + timedelta(hours=4),
    )
    agenda.add_child(instance=event)
    event.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        registration = events.registration_create(event=event, user=zebediah)
        events.registration_handover(
            registration=registration, to_email=xavier.email, actor=zebediah
        )
        again = events.registration_create(event=event, user=zebediah)
        events.registration_cancel(registration=again, actor=coordinator, reason=f"{NAME} belde")
    assert mentions(allowed=_account_rows(zebediah))

    later = event.ends_at + timedelta(days=round(13 * 30.44))
    assert events.registrations_anonymise(now=later) == 2
    log_entries = RegistrationLog.objects.filter(registration__event=event)
    # Who did what stays for coordinators acting in their role, not for participants.
    assert set(log_entries.exclude(actor=None).values_list("actor", flat=True)) == {coordinator.pk}
    assert not log_entries.exclude(reason="").exists()
    outbox.messages_purge(now=later)
    found = mentions(allowed=_account_rows(zebediah))
    assert not found, "still naming the person after the retention period:\n" + "\n".join(found)


def _account_rows(user) -> set:
    return {(User, user.pk)} | {
        (EmailAddress, pk)
        for pk in EmailAddress.objects.filter(user=user).values_list("pk", flat=True)
    }
