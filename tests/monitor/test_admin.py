"""Editors define questionnaires (questions inline) and rounds in the Wagtail admin."""

import pytest

from learning.monitor.models import Question, Questionnaire
from tests.monitor.fixtures import municipalities, submit_responses

pytestmark = pytest.mark.django_db


def questionnaire_data(questions, *, title="Monitor 2027"):
    data = {
        "title": title,
        "description": "",
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(sum(1 for q in questions if q.get("id"))),
        "questions-MIN_NUM_FORMS": "1",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for index, question in enumerate(questions):
        prefix = f"questions-{index}-"
        data.update(
            {
                prefix + "id": str(question.get("id", "")),
                prefix + "text": question["text"],
                prefix + "help_text": "",
                prefix + "level": question.get("level", "strategisch"),
                prefix + "theme": question.get("theme", "beleid"),
                prefix + "advice_theme": "",
                prefix + "ORDER": str(index + 1),
                prefix + "DELETE": "on" if question.get("delete") else "",
            }
        )
    return data


def test_editor_creates_a_questionnaire_with_questions(admin_client):
    response = admin_client.post(
        "/admin/snippets/monitor/questionnaire/add/",
        questionnaire_data(
            [{"text": "Is er beleid?"}, {"text": "Koopt u ICT circulair in?", "theme": "ict"}]
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    questionnaire = Questionnaire.objects.get(title="Monitor 2027")
    assert list(questionnaire.questions.values_list("text", "theme")) == [
        ("Is er beleid?", "beleid"),
        ("Koopt u ICT circulair in?", "ict"),
    ]


def test_answered_questions_cannot_be_deleted(admin_client, open_round):
    submit_responses(open_round, {municipalities(1)[0]: [3, 3, 3, 3]})
    questionnaire = open_round.questionnaire
    questions = [
        {"id": q.pk, "text": q.text, "level": q.level, "theme": q.theme}
        for q in questionnaire.questions.order_by("sort_order")
    ]
    questions[0]["delete"] = True
    response = admin_client.post(
        f"/admin/snippets/monitor/questionnaire/edit/{questionnaire.pk}/",
        questionnaire_data(questions, title=questionnaire.title),
    )
    assert response.status_code == 200
    assert "kan niet worden verwijderd" in response.content.decode()
    assert Question.objects.filter(pk=questions[0]["id"]).exists()


def test_round_closing_before_opening_is_refused(admin_client, questionnaire):
    response = admin_client.post(
        "/admin/snippets/monitor/round/add/",
        {
            "title": "Monitor 2027",
            "year": "2027",
            "questionnaire": str(questionnaire.pk),
            "opens_on": "2027-06-01",
            "closes_on": "2027-03-01",
        },
    )
    assert response.status_code == 200
    assert "De ronde sluit voordat hij opent." in response.content.decode()


def test_coordinator_reopens_a_submitted_response(client, open_round, make_user):
    from django.contrib.auth.models import Group

    from learning.monitor.models import ResponseChange, ResponseStatus

    [response] = submit_responses(open_round, {municipalities(1)[0]: [3, 3, 3, 3]})
    coordinator = make_user(is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    client.force_login(coordinator)
    listing = client.get("/admin/monitor/ingevuld/").content.decode()
    assert f"/admin/monitor/ingevuld/reopen/{response.pk}/" in listing
    url = f"/admin/monitor/ingevuld/reopen/{response.pk}/"
    assert client.post(url, {"reason": ""}).status_code == 400  # a reason is required
    assert client.post(url, {"reason": "Verkeerde score bij ICT"}).status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.DRAFT
    assert ResponseChange.objects.get(response=response, action="reopened").note == (
        "Verkeerde score bij ICT"
    )
    # Reopening a draft again is refused with a reason, not answered 200.
    again = client.post(url, {"reason": "Nog een keer"})
    assert again.status_code == 409
    assert ResponseChange.objects.filter(response=response, action="reopened").count() == 1
    outsider = make_user(is_staff=True)
    client.force_login(outsider)
    assert client.post(url, {"reason": "x"}).status_code in (302, 403)


def test_a_round_with_responses_cannot_be_deleted_and_says_why(admin_client, open_round):
    submit_responses(open_round, {municipalities(1)[0]: [3, 3, 3, 3]})
    url = f"/admin/snippets/monitor/round/delete/{open_round.pk}/"
    response = admin_client.post(url)
    assert response.status_code == 409
    assert "kan niet worden verwijderd" in response.content.decode()
    assert open_round.__class__.objects.filter(pk=open_round.pk).exists()


def test_participation_ignores_a_round_that_is_not_a_number(admin_client, open_round):
    for wanted in ("²", "abc", "9" * 40, "-1"):
        assert admin_client.get("/admin/monitor/deelname/", {"ronde": wanted}).status_code == 200


def test_a_tampered_questionnaire_is_a_form_error(admin_client):
    data = {
        "title": "Monitor 2027",
        "year": "2027",
        "questionnaire": "abc",
        "opens_on": "2027-01-01",
        "closes_on": "2027-03-01",
    }
    response = admin_client.post("/admin/snippets/monitor/round/add/", data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
