"""Frequently asked questions: an accordion with FAQPage structured data, searchable, and
answerable by a colleague through the knowledge base's moderation workflow."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import WorkflowState

from learning.core.models import CoreTask
from learning.knowledge import services
from learning.knowledge.models import QuestionIndexPage, QuestionPage
from learning.knowledge.services import KnowledgeError
from learning.knowledge.templatetags.faq_tags import json_for_script
from learning.outbox.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ANSWER = "Ja, dat mag. Beschrijf wat u wilt bereiken en weeg hergebruik mee in de gunning."


@pytest.fixture
def question_index(knowledge_index):
    index = QuestionIndexPage(title="Veelgestelde vragen", slug="vragen")
    knowledge_index.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_question(question_index):
    counter = iter(range(1, 100_000))

    def _make(title=None, answer="<p>Het antwoord.</p>", themes=(), core_tasks=()):
        number = next(counter)
        question = QuestionPage(
            title=title or f"Vraag {number}?", slug=f"vraag-{number}", answer=answer
        )
        question.themes = list(themes)
        question.core_tasks = list(core_tasks)
        question_index.add_child(instance=question)
        question.save_revision().publish()
        return QuestionPage.objects.get(pk=question.pk)

    return _make


@pytest.fixture
def editor():
    return UserFactory(is_staff=True, is_superuser=True)


def _json_ld(content: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in blocks]


def test_questions_show_as_an_accordion_with_faq_structured_data(
    client, question_index, make_question
):
    make_question("Wat is een materialenpaspoort?", "<p>Een lijst van materialen.</p>")
    make_question("Open vraag zonder antwoord?", "")
    response = client.get(question_index.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<details class="faq__item"' in content
    assert '<summary class="faq__question">Wat is een materialenpaspoort?</summary>' in content
    (data,) = _json_ld(content)
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Wat is een materialenpaspoort?",
            "acceptedAnswer": {"@type": "Answer", "text": "<p>Een lijst van materialen.</p>"},
        }
    ]
    # The open question is not in the accordion but invites an answer.
    assert content.count("Open vraag zonder antwoord?") == 1
    assert "Weet u het antwoord?" in content


def test_structured_data_cannot_break_out_of_its_script_element(
    client, question_index, make_question
):
    hostile = "</script><script>alert(1)</script><!--"
    make_question(f"Mag {hostile} dat?", f"<p>Antwoord {hostile}</p>")
    content = client.get(question_index.url).content.decode()
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert "<" not in script and ">" not in script
    (data,) = _json_ld(content)
    assert hostile in data["mainEntity"][0]["name"]
    assert hostile in data["mainEntity"][0]["acceptedAnswer"]["text"]
    assert json_for_script({"a": "<&>"}) == '{"a": "\\u003C\\u0026\\u003E"}'
    # The question (plain text) is escaped in the accordion; the answer is the editors' rich
    # text, and a colleague's answer is escaped before it becomes rich text (test below).
    assert '<summary class="faq__question">Mag &lt;/script&gt;&lt;script&gt;' in content


def test_theme_and_core_task_pages_show_their_questions(
    client, make_theme_page, make_question, bouw, inkopen
):
    theme_page = make_theme_page(bouw)
    make_question("Vraag over bouw?", themes=[bouw])
    make_question("Vraag over inkopen?", themes=[inkopen])
    content = client.get(theme_page.url).content.decode()
    assert "Vraag over bouw?" in content
    assert "Vraag over inkopen?" not in content
    assert len(_json_ld(content)[0]["mainEntity"]) == 1


def test_questions_filter_by_theme_and_core_task(client, question_index, make_question, bouw):
    inkoop = CoreTask.objects.get(slug="inkoop")
    make_question("Bouwvraag?", themes=[bouw])
    make_question("Inkoopvraag?", core_tasks=[inkoop])
    by_theme = client.get(question_index.url, {"thema": "bouw"})
    assert [q.title for q in by_theme.context["questions"].object_list] == ["Bouwvraag?"]
    by_task = client.get(question_index.url, {"kerntaak": "inkoop"})
    assert [q.title for q in by_task.context["questions"].object_list] == ["Inkoopvraag?"]
    refused = client.get(question_index.url, {"kerntaak": "x"})
    assert refused.status_code == 400
    assert "Kies een kerntaak uit de lijst." in refused.content.decode()


def test_questions_are_searchable(client, question_index, make_question):
    make_question("Wat is een materialenpaspoort?", "<p>Een lijst van materialen.</p>")
    make_question("Hoe scheid ik textiel?", "<p>In de textielcontainer.</p>")
    response = client.get(question_index.url, {"zoek": "materialenpaspoort"})
    assert [q.title for q in response.context["questions"].object_list] == [
        "Wat is een materialenpaspoort?"
    ]
    found = QuestionPage.objects.live().search("textielcontainer")
    assert [q.title for q in found] == ["Hoe scheid ik textiel?"]


def test_question_index_runs_a_constant_number_of_queries(
    client, question_index, make_question, bouw, django_assert_max_num_queries
):
    inkoop = CoreTask.objects.get(slug="inkoop")
    for _ in range(3):
        make_question(themes=[bouw], core_tasks=[inkoop])
    make_question(answer="")
    # Cold, as the second request below is: publishing replaces the cache's generation.
    with CaptureQueriesContext(connection) as captured:
        client.get(question_index.url)
    for _ in range(20):
        make_question(themes=[bouw], core_tasks=[inkoop])
        make_question(answer="")
    with django_assert_max_num_queries(len(captured)):
        response = client.get(question_index.url)
    assert response.context["paginator"].count == 23


def test_a_colleague_answers_an_open_question_through_moderation(
    client, make_question, make_user, editor, django_capture_on_commit_callbacks
):
    question = make_question("Mag ik vragen om hergebruikte materialen?", answer="")
    colleague = make_user()
    client.force_login(colleague)
    page = client.get(question.url).content.decode()
    assert "Beantwoord deze vraag" in page

    form = client.get(question.url + "beantwoorden/")
    assert form.status_code == 200
    response = client.post(
        question.url + "beantwoorden/",
        {"text": ANSWER + "\n\n<b>Tweede</b> alinea.", "consent": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == question.url

    question.refresh_from_db()
    # Nothing public changed: the live page has no answer, a revision waits for the editors.
    assert question.answer == ""
    assert question.has_unpublished_changes
    assert question.answered_by == colleague
    state = question.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == services.CONTRIBUTION_TASK_NAME
    draft = question.get_latest_revision_as_object()
    assert draft.answer == (f"<p>{ANSWER}</p><p>&lt;b&gt;Tweede&lt;/b&gt; alinea.</p>")
    assert ANSWER not in client.get(question.url).content.decode()
    # A second answer meanwhile is refused.
    other = make_user()
    client.force_login(other)
    pending = client.get(question.url + "beantwoorden/")
    assert pending.status_code == 409
    assert "Er ligt al een antwoord op deze vraag bij de redactie." in pending.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=editor)
    question.refresh_from_db()
    assert ANSWER in question.answer
    assert question.answerer_notified_at is not None
    message = OutboxMessage.objects.get(to=colleague.email)
    assert message.kind == "knowledge_answer_published"
    assert question.title in message.subject
    assert ANSWER in client.get(question.url).content.decode()
    # Answered now: no more answers.
    client.force_login(colleague)
    assert client.get(question.url + "beantwoorden/").status_code == 409


def test_answering_is_refused_with_dutch_messages(client, make_question, make_user):
    question = make_question(answer="")
    url = question.url + "beantwoorden/"
    # Anonymous: to the login page.
    assert client.get(url).status_code == 302
    # Unverified e-mail address: refused, with the reason.
    client.force_login(make_user(verified=False))
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Bevestig eerst uw e-mailadres" in refused.content.decode()
    # A too short answer: the form again with a 400.
    client.force_login(make_user())
    short = client.post(url, {"text": "Ja.", "consent": "on"})
    assert short.status_code == 400
    assert "Schrijf een antwoord van minstens 20 tekens." in short.content.decode()
    question.refresh_from_db()
    assert question.current_workflow_state is None
    # An answered question cannot be answered again.
    answered = make_question()
    assert client.get(answered.url + "beantwoorden/").status_code == 409


def test_the_service_refuses_what_the_view_refuses(make_question, make_user):
    question = make_question()
    with pytest.raises(KnowledgeError) as refused:
        services.question_answer_submit(question=question, user=make_user(), text=ANSWER)
    assert refused.value.code == "question_answered"
    open_question = make_question(answer="")
    with pytest.raises(KnowledgeError) as too_long:
        services.question_answer_submit(question=open_question, user=make_user(), text="x" * 3001)
    assert too_long.value.status == 400


def test_answers_are_in_the_personal_data_export_and_unlinked_on_erasure(make_question, make_user):
    from learning.core import personal_data

    colleague = make_user(full_name="Anouk Jansen")
    question = make_question(answer="")
    services.question_answer_submit(
        question=question, user=colleague, text=ANSWER + " Groet, Anouk Jansen"
    )
    provider = next(p for p in personal_data.providers() if p.key == "knowledge_answers")
    assert provider.export(colleague) == [{"question": question.title, "published": False}]
    provider.erase(colleague)
    question.refresh_from_db()
    assert question.answered_by is None
    assert provider.export(colleague) == []
