"""Following a core task: what is tagged with it and published in the period is in the digest."""

import pytest

from learning.alerts import followables, services
from learning.core.models import CoreTask
from learning.outbox.models import OutboxMessage
from tests.alerts.test_digest import IN_LAST_WEEK, NOW, _published_at, _subscriber
from tests.knowledge.test_questions import make_question, question_index  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_core_task_is_followable_and_its_news_is_in_the_digest(
    make_article,
    make_question,  # noqa: F811 (fixture)
):
    inkoop = CoreTask.objects.get(slug="inkoop")
    other = CoreTask.objects.get(slug="bedrijfsvoering")
    kind = followables.kind_get("core_task")
    assert kind is not None
    assert [followed.name for followed in kind.choices(user=None)][0] == "Inkoop"

    user = _subscriber()
    services.follow_add(user=user, kind="core_task", object_id=inkoop.pk)
    article = make_article(title="Zo schrijft u een circulaire uitvraag", core_tasks=[inkoop])
    _published_at(article, IN_LAST_WEEK)
    question = make_question("Mag ik vragen om hergebruik?", core_tasks=[inkoop])
    _published_at(question, IN_LAST_WEEK)
    elsewhere = make_article(title="Laptops langer gebruiken", core_tasks=[other])
    _published_at(elsewhere, IN_LAST_WEEK)

    assert services.digests_queue(now=NOW) == 1
    message = OutboxMessage.objects.get(to=user.email)
    assert "Zo schrijft u een circulaire uitvraag" in message.text
    assert "Mag ik vragen om hergebruik?" in message.text
    assert "Laptops langer gebruiken" not in message.text
