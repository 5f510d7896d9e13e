"""The admin: the question forms (snippet), choosing a form per event, the overview."""

import pytest
from django.urls import reverse

from learning.evaluations import services
from learning.evaluations.models import EvaluationForm, EvaluationQuestion, Survey

from .conftest import ended

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_form():
    form = EvaluationForm.objects.create(title="Masterclass")
    EvaluationQuestion.objects.create(
        form=form, kind="rating", label="Hoe was de trainer?", required=True
    )
    return form


def choose_url(event):
    return reverse("evaluations_results:choose_form", args=[event.pk])


def test_coordinators_keep_the_question_forms(client, coordinator):
    client.force_login(coordinator)
    listing = client.get(reverse("wagtailsnippets_evaluations_evaluationform:list"))
    assert listing.status_code == 200
    add = client.get(reverse("wagtailsnippets_evaluations_evaluationform:add"))
    assert add.status_code == 200


def test_a_coordinator_chooses_the_form_of_an_upcoming_event(
    client, coordinator, make_event, trainer_form
):
    event = make_event()
    client.force_login(coordinator)

    overview = client.get(reverse("evaluations_results:index"))
    assert event.title in overview.text and choose_url(event) in overview.text
    response = client.post(choose_url(event), {"form": trainer_form.pk})

    assert response.status_code == 302
    survey = Survey.objects.get(event=event)
    assert survey.form == trainer_form and survey.opened_at is None
    ended(event)
    services.invitations_queue()
    survey.refresh_from_db()
    assert [q["label"] for q in survey.questions] == ["Hoe was de trainer?"]

    # Once open, the questions are fixed.
    refused = client.post(choose_url(event), {"form": ""})
    assert refused.status_code == 409
    assert "de vragen liggen vast" in refused.text


def test_a_coordinator_of_another_section_cannot_choose(
    client, programme_coordinator, make_event, trainer_form
):
    event = make_event()
    client.force_login(programme_coordinator)
    assert client.post(choose_url(event), {"form": trainer_form.pk}).status_code == 404
    assert not Survey.objects.exists()
    with pytest.raises(services.EvaluationError) as refused:
        services.survey_form_choose(event=event, form=trainer_form, actor=programme_coordinator)
    assert refused.value.status == 403
