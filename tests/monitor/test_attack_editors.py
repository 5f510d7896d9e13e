"""Attacks on the monitor's "free a seat" form: it must not name or confirm other accounts."""

import pytest
from django.test import Client

from learning.monitor.models import ResponseChange, ResponseEditor
from tests.monitor.fixtures import municipalities

pytestmark = pytest.mark.django_db


def form_data(round, score):
    question = round.questionnaire.questions.order_by("sort_order").first()
    return {"version": "0", "action": "save", f"score_{question.pk}": str(score)}


def test_freeing_a_seat_answers_alike_for_any_account_that_is_not_an_editor(
    monitor_page, open_round, make_user
):
    own, other = municipalities(2)
    editor = make_user(own)
    colleague = make_user(own, full_name="Collega Die Meewerkt")
    stranger = make_user(other, full_name="Iemand Van Elders")
    client = Client()
    client.force_login(editor)
    url = f"{monitor_page.url}ronde/{open_round.pk}/"
    assert client.post(url, form_data(open_round, 1)).status_code == 302
    remove_url = f"{url}redacteuren/"

    def answer(user_id):
        response = client.post(remove_url, {"user": user_id})
        return response.status_code, response.content.decode()

    stranger_answer = answer(stranger.pk)
    nobody_answer = answer(10_000_000)
    colleague_answer = answer(colleague.pk)  # an account of the organisation, not an editor
    assert stranger_answer[0] == nobody_answer[0] == colleague_answer[0] == 409
    assert "Iemand Van Elders" not in stranger_answer[1]
    assert "Collega Die Meewerkt" not in colleague_answer[1]
    assert "werkt niet (meer) mee aan deze monitor" in stranger_answer[1]
    assert "werkt niet (meer) mee aan deze monitor" in nobody_answer[1]
    assert not ResponseChange.objects.filter(action=ResponseChange.Action.EDITOR_REMOVED)
    assert ResponseEditor.objects.filter(user=editor).exists()

    # Freeing one's own seat still works and says whose seat it was.
    response = client.post(remove_url, {"user": editor.pk}, follow=True)
    assert response.status_code == 200
    assert str(editor) in response.content.decode()
    assert not ResponseEditor.objects.filter(user=editor).exists()
