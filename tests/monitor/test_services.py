"""The monitor's rules: editors (at most three), the version check, submitting, reopening."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections

from learning.monitor import services
from learning.monitor.models import (
    Answer,
    Response,
    ResponseChange,
    ResponseEditor,
    ResponseStatus,
)
from learning.monitor.services import AnswerInput, MonitorError
from tests.conftest import require_service
from tests.monitor.fixtures import municipalities

pytestmark = pytest.mark.django_db


def answers_for(round, *scores):
    questions = list(round.questionnaire.questions.order_by("sort_order"))
    return {
        question.pk: AnswerInput(score=score, explanation="")
        for question, score in zip(questions, scores, strict=False)
    }


@pytest.fixture
def organisation():
    return municipalities(1)[0]


def test_first_save_creates_answers_editor_and_log(open_round, make_user, organisation):
    user = make_user(organisation)
    response = services.response_get_or_create(round=open_round, user=user)
    result = services.response_save(
        response=response, user=user, version=0, answers=answers_for(open_round, 2, 3)
    )
    assert result.response.version == 1
    assert sorted(Answer.objects.filter(response=response).values_list("score", flat=True)) == [
        2,
        3,
    ]
    assert list(response.editors.all()) == [user]
    saved = ResponseChange.objects.get(response=response, action="saved")
    assert [(d["from"], d["to"]) for d in saved.details] == [(None, 2), (None, 3)]
    assert saved.actor == user


def test_second_save_with_an_old_version_is_refused_and_changes_nothing(
    open_round, make_user, organisation
):
    anna, bram = make_user(organisation, full_name="Anna de Boer"), make_user(organisation)
    response = services.response_get_or_create(round=open_round, user=anna)
    # Both opened version 0; Anna saves first.
    services.response_save(
        response=response, user=anna, version=0, answers=answers_for(open_round, 4)
    )
    with pytest.raises(MonitorError) as refused:
        services.response_save(
            response=response, user=bram, version=0, answers=answers_for(open_round, 1)
        )
    assert refused.value.code == "conflict"
    assert "Anna de Boer" in str(refused.value.message)
    assert "niet opgeslagen" in str(refused.value.message)
    assert Answer.objects.get(response=response).score == 4
    response.refresh_from_db()
    assert response.version == 1
    # Having seen Anna's save (version 1), Bram can save.
    services.response_save(
        response=response, user=bram, version=1, answers=answers_for(open_round, 1)
    )
    assert Answer.objects.get(response=response).score == 1


def test_at_most_three_editors(open_round, make_user, organisation):
    colleagues = [make_user(organisation) for _ in range(4)]
    response = services.response_get_or_create(round=open_round, user=colleagues[0])
    for version, colleague in enumerate(colleagues[:3]):
        services.response_save(
            response=response, user=colleague, version=version, answers=answers_for(open_round, 1)
        )
    with pytest.raises(MonitorError) as refused:
        services.response_save(
            response=response, user=colleagues[3], version=3, answers=answers_for(open_round, 2)
        )
    assert refused.value.code == "editors_full"
    assert "drie collega's" in str(refused.value.message)
    response.refresh_from_db()
    assert response.version == 3  # the refused save changed nothing
    # One of them frees a seat; now the fourth colleague can join.
    services.response_editor_remove(
        response=response, user=colleagues[0], editor_id=colleagues[1].pk
    )
    services.response_save(
        response=response, user=colleagues[3], version=3, answers=answers_for(open_round, 2)
    )
    assert ResponseEditor.objects.filter(response=response).count() == 3


def test_other_organisation_cannot_save(open_round, make_user):
    first, second = municipalities(2)
    response = services.response_get_or_create(round=open_round, user=make_user(first))
    with pytest.raises(MonitorError) as refused:
        services.response_save(response=response, user=make_user(second), version=0, answers={})
    assert refused.value.code == "not_editor"


def test_submit_requires_all_answers_and_locks(open_round, make_user, organisation):
    user = make_user(organisation)
    response = services.response_get_or_create(round=open_round, user=user)
    with pytest.raises(MonitorError) as refused:
        services.response_save(
            response=response,
            user=user,
            version=0,
            answers=answers_for(open_round, 1, 2),
            submit=True,
        )
    assert refused.value.code == "incomplete"
    response.refresh_from_db()
    assert response.version == 0 and not Answer.objects.exists()
    services.response_save(
        response=response,
        user=user,
        version=0,
        answers=answers_for(open_round, 1, 2, 3, 4),
        submit=True,
    )
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_by == user
    with pytest.raises(MonitorError) as refused:
        services.response_save(
            response=response, user=user, version=1, answers=answers_for(open_round, 0)
        )
    assert refused.value.code == "submitted"


def test_closed_round_refuses(make_round, make_user, organisation):
    closed = make_round(year=2018, open_now=False)
    user = make_user(organisation)
    response = services.response_get_or_create(round=closed, user=user)
    with pytest.raises(MonitorError) as refused:
        services.response_save(response=response, user=user, version=0, answers={})
    assert refused.value.code == "round_closed"


def test_scores_outside_0_to_4_are_refused(open_round, make_user, organisation):
    user = make_user(organisation)
    response = services.response_get_or_create(round=open_round, user=user)
    with pytest.raises(MonitorError) as refused:
        services.response_save(
            response=response, user=user, version=0, answers=answers_for(open_round, 5)
        )
    assert refused.value.code == "invalid_score"


def test_reopen_is_for_coordinators(open_round, make_user, organisation):
    user = make_user(organisation)
    response = services.response_get_or_create(round=open_round, user=user)
    services.response_save(
        response=response,
        user=user,
        version=0,
        answers=answers_for(open_round, 1, 1, 1, 1),
        submit=True,
    )
    with pytest.raises(MonitorError):
        services.response_reopen(response=response, actor=user, reason="typfout")
    coordinator = make_user()
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    reopened = services.response_reopen(response=response, actor=coordinator, reason="typfout")
    assert reopened.status == ResponseStatus.DRAFT
    assert ResponseChange.objects.filter(response=response, action="reopened").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_saves_one_wins_on_postgresql(open_round, make_user, organisation):
    """Eight colleagues' saves from the same version at once: exactly one is stored."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    users = [make_user(organisation) for _ in range(3)]
    response = services.response_get_or_create(round=open_round, user=users[0])

    def save(index):
        try:
            services.response_save(
                response=Response.objects.get(pk=response.pk),
                user=users[index % 3],
                version=0,
                answers=answers_for(open_round, index % 5),
            )
            return "ok"
        except MonitorError as error:
            return error.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(save, range(8)))
    assert outcomes.count("ok") == 1
    assert set(outcomes) == {"ok", "conflict"}
    response.refresh_from_db()
    assert response.version == 1
    assert ResponseChange.objects.filter(response=response, action="saved").count() == 1


def test_personal_data_export_and_erase(open_round, make_user, organisation):
    from learning.core import personal_data

    user = make_user(organisation)
    response = services.response_get_or_create(round=open_round, user=user)
    services.response_save(
        response=response, user=user, version=0, answers=answers_for(open_round, 3)
    )
    provider = next(p for p in personal_data.providers() if p.key == "monitor")
    exported = provider.export(user)
    assert exported["editor_of"][0]["organisation"] == organisation.name
    assert exported["changes"][-1]["details"][0]["to"] == 3
    provider.erase(user)
    response.refresh_from_db()
    assert response.updated_by is None and not response.editors.exists()
    assert Answer.objects.get(response=response).score == 3  # the organisation's answers stay
