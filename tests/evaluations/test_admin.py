"""The admin: the question forms (snippet), choosing a form per event, the overview."""

import pytest
from django.contrib.auth.models import Group
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


def test_coordinators_see_the_question_forms_and_the_redactie_keeps_them(
    client, coordinator, make_user, trainer_form
):
    """A form (the default one too) serves the events of every section: a coordinator of one
    section sees the forms to choose from but cannot change, add or delete them."""
    client.force_login(coordinator)
    listing = client.get(reverse("wagtailsnippets_evaluations_evaluationform:list"))
    assert listing.status_code == 200 and trainer_form.title in listing.text
    for name, args in (
        ("add", []),
        ("edit", [trainer_form.pk]),
        ("delete", [trainer_form.pk]),
    ):
        url = reverse(f"wagtailsnippets_evaluations_evaluationform:{name}", args=args)
        assert client.get(url).status_code == 302, name  # Wagtail: permission denied
        assert client.post(url, {"title": "Gekaapt"}).status_code == 302, name
    trainer_form.refresh_from_db()
    assert trainer_form.title == "Masterclass"

    editor = make_user(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(reverse("wagtailsnippets_evaluations_evaluationform:add")).status_code == 200


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
