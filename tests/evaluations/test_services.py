"""Answering once, who may answer, and the answers' checks (services and predicates)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.evaluations import services
from learning.evaluations.errors import EvaluationError
from learning.evaluations.models import (
    EvaluationForm,
    EvaluationQuestion,
    QuestionKind,
    Response,
    Submission,
)
from learning.events.models import RegistrationStatus

from .conftest import answer, attend

pytestmark = pytest.mark.django_db


def test_an_attendee_answers_once(survey, attendees):
    (anna,) = attendees(1)
    answer(survey, anna, rating=5, takeaway="Veel geleerd")

    with pytest.raises(EvaluationError) as refused:
        answer(survey, anna, rating=1)

    assert (refused.value.code, refused.value.status) == ("already_answered", 409)
    assert Submission.objects.filter(survey=survey, user=anna).count() == 1
    assert [r.answers for r in Response.objects.filter(survey=survey)] == [
        {"overall": 5, "takeaway": "Veel geleerd"}
    ]


@pytest.mark.parametrize(
    "status", [RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED, None]
)
def test_only_attendees_may_answer(survey, past_event, make_user, status):
    person = make_user()
    if status is not None:
        attend(past_event, person, status=status)

    with pytest.raises(EvaluationError) as refused:
        answer(survey, person)

    assert (refused.value.code, refused.value.status) == ("not_attended", 403)
    assert not Submission.objects.exists() and not Response.objects.exists()


def test_a_closed_survey_is_refused(survey, attendees):
    (anna,) = attendees(1)
    with pytest.raises(EvaluationError) as refused:
        services.evaluation_submit(
            survey=survey,
            user=anna,
            data={"overall": 3},
            named=False,
            now=survey.closes_at + timedelta(minutes=1),
        )
    assert refused.value.code == "closed"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({}, "answer_missing"),
        ({"overall": 6}, "rating_out_of_range"),
        ({"overall": "0"}, "rating_out_of_range"),
        ({"overall": "vijf"}, "rating_out_of_range"),
        ({"overall": 3, "improve": "x" * 2001}, "text_too_long"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(survey, attendees, data, code):
    (anna,) = attendees(1)
    with pytest.raises(EvaluationError) as refused:
        services.evaluation_submit(survey=survey, user=anna, data=data, named=False)
    assert (refused.value.code, refused.value.status) == (code, 400)
    assert not Submission.objects.exists() and not Response.objects.exists()


def test_the_response_names_the_person_only_with_consent(survey, attendees):
    anna, bram = attendees(2)
    answer(survey, anna, named=True)
    answer(survey, bram, named=False)
    assert sorted((r.named_user_id or 0) for r in Response.objects.filter(survey=survey)) == sorted(
        [anna.pk, 0]
    )


def test_answers_keep_nothing_that_points_to_the_submission(survey, attendees):
    """No time, no user and no sequential id on a response: only a random key."""
    (anna,) = attendees(1)
    response = answer(survey, anna)
    fields = {field.name for field in Response._meta.concrete_fields}
    assert fields == {"id", "survey", "answers", "named_user"}
    assert response.pk.version == 4
    assert not hasattr(Submission, "submitted_at")


def test_a_survey_asks_the_default_questions_without_a_form(survey):
    assert [q["label"] for q in survey.questions] == [
        "Hoe waardeert u deze bijeenkomst in het algemeen?",
        "Wat neemt u mee?",
        "Wat kan beter?",
    ]
    assert survey.questions[0]["kind"] == QuestionKind.RATING


def test_a_survey_keeps_the_questions_it_opened_with(past_event):
    form = EvaluationForm.objects.create(title="Masterclassformulier", is_default=True)
    EvaluationQuestion.objects.create(
        form=form, kind=QuestionKind.RATING, label="Hoe was de trainer?", required=True
    )
    EvaluationQuestion.objects.create(
        form=form, kind=QuestionKind.CHOICE, label="Komt u terug?", choices="Ja\nNee\nMisschien"
    )
    survey = services.survey_open(survey=services.survey_for_occasion(event=past_event))
    EvaluationQuestion.objects.filter(form=form).delete()

    survey.refresh_from_db()
    assert [(q["label"], q["choices"]) for q in survey.questions] == [
        ("Hoe was de trainer?", []),
        ("Komt u terug?", ["Ja", "Nee", "Misschien"]),
    ]


def test_a_choice_must_be_one_of_the_list(past_event, make_user):
    form = EvaluationForm.objects.create(title="Kort", is_default=True)
    EvaluationQuestion.objects.create(
        form=form, kind=QuestionKind.CHOICE, label="Komt u terug?", choices="Ja\nNee"
    )
    survey = services.survey_open(survey=services.survey_for_occasion(event=past_event))
    person = make_user()
    attend(past_event, person)
    key = survey.questions[0]["key"]

    with pytest.raises(EvaluationError) as refused:
        services.evaluation_submit(survey=survey, user=person, data={key: "Nooit"}, named=False)
    assert refused.value.code == "unknown_choice"
    services.evaluation_submit(survey=survey, user=person, data={key: "Ja"}, named=False)


def test_circle_meeting_attendees_answer(make_circle, make_member, staff_coordinator):
    circle = make_circle(meetings=1, coordinators=[staff_coordinator])
    meeting = circle.meetings.get()
    member, absent = make_member(circle), make_member(circle)
    from learning.circles.models import MeetingAttendance

    MeetingAttendance.objects.create(meeting=meeting, user=member, present=True)
    MeetingAttendance.objects.create(meeting=meeting, user=absent, present=False)
    survey = services.survey_open(survey=services.survey_for_occasion(meeting=meeting))

    answer(survey, member)
    with pytest.raises(EvaluationError) as refused:
        answer(survey, absent)
    assert refused.value.code == "not_attended"
    assert survey.closes_at > timezone.now()


def test_a_survey_that_has_not_opened_is_refused(past_event, attendees):
    (anna,) = attendees(1)
    survey = services.survey_for_occasion(event=past_event)
    with pytest.raises(EvaluationError) as refused:
        answer(survey, anna)
    assert refused.value.code == "not_open"


def test_a_choice_question_needs_two_choices():
    from django.core.exceptions import ValidationError

    question = EvaluationQuestion(kind=QuestionKind.CHOICE, label="Komt u terug?", choices="Ja")
    with pytest.raises(ValidationError):
        question.clean()
