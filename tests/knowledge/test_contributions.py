"""A civil servant sends in a practice example: a draft in moderation, an e-mail on publication."""

import pytest
from django.core import mail
from django.utils.html import escape
from wagtail.models import WorkflowState

from learning.knowledge import services
from learning.knowledge.models import ArticleKind, KnowledgePage
from learning.knowledge.services import KnowledgeError
from learning.outbox.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Tweedehands meubilair voor het stadskantoor",
    "organisation_name": "Gemeente Zwolle",
    "situation": "Het stadskantoor ging over op flexwerken en alle werkplekken moesten anders.",
    "approach": "We lieten het bestaande meubilair opknappen door een sociaal werkbedrijf.",
    "result": "85% hergebruikt, 120 ton CO2 minder.",
    "contact": "inkoop@zwolle.example",
    "consent": "on",
}


@pytest.fixture
def editor():
    return UserFactory(is_staff=True, is_superuser=True)


def submit(client, knowledge_index, **overrides):
    return client.post(knowledge_index.url + "bijdragen/", {**FORM, **overrides})


def test_submitted_example_arrives_in_moderation_as_a_draft(
    client, knowledge_index, make_user, bouw
):
    contributor = make_user()
    client.force_login(contributor)
    response = submit(client, knowledge_index, themes=[bouw.pk])
    assert response.status_code == 302
    assert response["Location"].endswith("/bijdragen/bedankt/")

    page = KnowledgePage.objects.get(title=FORM["title"])
    assert not page.live
    assert page.kind == ArticleKind.PRACTICE
    assert page.contributed_by == contributor
    assert page.has_unpublished_changes
    assert list(page.themes.all()) == [bouw]
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == services.CONTRIBUTION_TASK_NAME
    example = page.body[0]
    assert example.block_type == "practice_example"
    assert example.value["result"] == FORM["result"]
    # Not visible to anyone before an editor approves it.
    assert client.get(knowledge_index.url).content.decode().count(FORM["title"]) == 0


def test_contributor_gets_one_email_when_it_is_published(
    client, knowledge_index, make_user, editor, django_capture_on_commit_callbacks
):
    contributor = make_user()
    client.force_login(contributor)
    submit(client, knowledge_index)
    page = KnowledgePage.objects.get(title=FORM["title"])
    assert not OutboxMessage.objects.filter(to=contributor.email).exists()

    state = page.current_workflow_state
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=editor)
    page.refresh_from_db()
    assert page.live
    assert page.contributor_notified_at is not None
    message = OutboxMessage.objects.get(to=contributor.email)
    assert message.kind == "knowledge_contribution_published"
    sent = [m for m in mail.outbox if m.to == [contributor.email]]
    assert len(sent) == 1, [(m.subject, m.from_email) for m in sent]
    assert FORM["title"] in sent[0].subject
    assert page.url in sent[0].body

    # A later publication does not send it again.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish()
    assert OutboxMessage.objects.filter(to=contributor.email).count() == 1


def test_anonymous_visitor_is_sent_to_log_in(client, knowledge_index):
    response = client.get(knowledge_index.url + "bijdragen/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_unverified_address_cannot_contribute(client, knowledge_index, make_user):
    client.force_login(make_user(verified=False))
    response = client.get(knowledge_index.url + "bijdragen/")
    assert response.status_code == 403
    assert "Bevestig eerst uw e-mailadres" in response.content.decode()
    assert submit(client, knowledge_index).status_code == 403
    assert not KnowledgePage.objects.exists()


def test_incomplete_form_is_a_400_with_dutch_errors(client, knowledge_index, make_user):
    client.force_login(make_user())
    response = submit(client, knowledge_index, approach="", consent="")
    assert response.status_code == 400
    assert "Er is een probleem" in response.content.decode()
    assert not KnowledgePage.objects.exists()


def test_form_renders_with_the_organisation_filled_in(client, knowledge_index, make_user):
    user = make_user()
    client.force_login(user)
    response = client.get(knowledge_index.url + "bijdragen/")
    assert response.status_code == 200
    assert escape(user.organisation.display_name) in response.content.decode()


def test_service_refuses_without_an_organisation(knowledge_index):
    user = UserFactory(organisation=None)
    with pytest.raises(KnowledgeError) as error:
        services.practice_example_submit(
            user=user,
            index_page=knowledge_index,
            title="x",
            organisation_name="y",
            situation="z",
            approach="w",
        )
    assert error.value.code == "organisation_missing"


def test_a_flood_of_contributions_gets_a_dutch_429(client, knowledge_index, make_user):
    client.force_login(make_user())
    statuses = [
        submit(client, knowledge_index, title=f"Voorbeeld {n}").status_code for n in range(11)
    ]
    assert statuses == [302] * 10 + [429]
    assert "Te veel pogingen" in submit(client, knowledge_index).content.decode()
    assert KnowledgePage.objects.count() == 10
