"""The evaluation form on the site: login, attendees only, error summary, once, thank-you."""

import pytest
from django.urls import reverse

from learning.evaluations import services
from learning.evaluations.models import EvaluationForm, EvaluationQuestion, Response, Submission

from .conftest import answer

pytestmark = pytest.mark.django_db


def url(survey):
    return reverse("evaluations:answer", args=[survey.pk])


def test_login_required(client, survey):
    response = client.get(url(survey))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_attendee_fills_in_the_form_and_is_thanked(client, survey, attendees):
    (anna,) = attendees(1)
    client.force_login(anna)

    page = client.get(url(survey))
    assert page.status_code == 200
    assert "Hoe waardeert u deze bijeenkomst in het algemeen?" in page.text
    assert "Mijn naam mag bij mijn antwoorden staan" in page.text

    response = client.post(url(survey), {"overall": "4", "takeaway": "De checklist"})
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluations:thanks", args=[survey.pk])
    assert "Bedankt voor uw antwoorden" in client.get(response["Location"]).text
    stored = Response.objects.get(survey=survey)
    assert stored.answers == {"overall": 4, "takeaway": "De checklist"}
    assert stored.named_user is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies een cijfer bij “Hoe waardeert u deze bijeenkomst in het algemeen?”."),
        ({"overall": "9"}, "Kies een cijfer van 1 tot 5 bij"),
        ({"overall": "3", "improve": "x" * 2001}, "is te lang: hoogstens 2000 tekens"),
    ],
)
def test_bad_input_gives_the_error_summary_and_saves_nothing(
    client, survey, attendees, data, message
):
    (anna,) = attendees(1)
    client.force_login(anna)

    response = client.post(url(survey), data)

    assert response.status_code == 400
    assert "data-error-summary" in response.text
    assert "Er is een probleem" in response.text
    assert message in response.text
    assert response.text.count("<title>Fout:") == 1
    assert not Submission.objects.exists() and not Response.objects.exists()


def test_a_second_submit_is_refused(client, survey, attendees):
    (anna,) = attendees(1)
    client.force_login(anna)
    client.post(url(survey), {"overall": "4"})

    again = client.post(url(survey), {"overall": "1"})

    assert again.status_code == 409
    assert "U heeft deze evaluatie al ingevuld." in again.text
    assert Response.objects.filter(survey=survey).count() == 1
    # Opening the form again leads to the thank-you page instead.
    assert client.get(url(survey))["Location"] == reverse("evaluations:thanks", args=[survey.pk])


def test_a_non_attendee_is_refused(client, survey, make_user, attendees):
    attendees(1)
    stranger = make_user()
    client.force_login(stranger)

    for response in (client.get(url(survey)), client.post(url(survey), {"overall": "5"})):
        assert response.status_code == 403
        assert "alleen voor wie bij de bijeenkomst aanwezig was" in response.text
        assert survey.event.title not in response.text
    assert not Response.objects.exists()


def test_the_thanks_page_only_after_answering(client, survey, attendees):
    anna, bram = attendees(2)
    answer(survey, anna)
    client.force_login(bram)
    response = client.get(reverse("evaluations:thanks", args=[survey.pk]))
    assert response["Location"] == url(survey)


def test_a_question_form_s_help_text_is_shown_as_text_not_html(client, past_event, attendees):
    # Coordinators keep the question forms: their help text must not become script on the
    # participants' site (includes/form_field_help.html renders help texts as HTML).
    form = EvaluationForm.objects.create(title="Met toelichting")
    for kind, key in (("rating", "r"), ("choice", "c"), ("text", "t")):
        EvaluationQuestion.objects.create(
            form=form,
            kind=kind,
            label=f"Vraag {key}",
            help_text=f'<img src=x onerror="alert({key!r})"> <b>{key}</b>',
            choices="Ja\nNee" if kind == "choice" else "",
        )
    survey = services.survey_for_occasion(event=past_event)
    survey.form = form
    survey.save(update_fields=["form"])
    survey = services.survey_open(survey=survey)
    (anna,) = attendees(1)
    client.force_login(anna)

    page = client.get(url(survey)).text
    assert "<img src=x" not in page
    for key in ("r", "c", "t"):
        assert f"<b>{key}</b>" not in page
    for key in ("r", "c", "t"):
        assert f"&lt;b&gt;{key}&lt;/b&gt;" in page
