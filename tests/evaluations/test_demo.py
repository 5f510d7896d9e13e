"""The demo: a finished event whose results show (five anonymous responses), and a demo
login who still has the evaluation to fill in."""

import pytest
from django.urls import reverse

from learning.accounts.models import User
from learning.evaluations.models import Response, Survey
from learning.evaluations.selectors import results_for

pytestmark = pytest.mark.django_db


def test_the_demo_event_has_results(demo_database, client):
    # A second run doubles nothing: tests/home/test_pages.py::test_load_demo_twice_changes_nothing.
    survey = Survey.objects.get(event__slug="aftrap-leerkringen-2026")
    assert Response.objects.filter(survey=survey).count() == 5
    assert not Response.objects.filter(survey=survey, named_user__isnull=False).exists()
    assert results_for(surveys=[survey]).shown

    client.force_login(User.objects.get(email="coordinator@circulairleren.example"))
    page = client.get(reverse("evaluations_results:survey", args=[survey.pk]))
    assert page.status_code == 200 and "Gemiddeld" in page.text

    client.force_login(User.objects.get(email="anouk.jansen@apeldoorn.example"))
    form = client.get(reverse("evaluations:answer", args=[survey.pk]))
    assert form.status_code == 200
