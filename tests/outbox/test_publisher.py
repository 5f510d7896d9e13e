"""The web process's publisher: the e-mails of several requests reach the broker in one publish
(learning/outbox/services/publisher.py), checked in a real Redis."""

import base64
import json
import os
import time
import uuid

import pytest
import redis
from celery import Celery
from django.db import transaction

from learning.outbox.services import publisher as publisher_module
from learning.outbox.services.publisher import Publisher
from learning.outbox.tasks import dispatch_messages_task, send_message_task
from tests.outbox.test_services import queue

pytestmark = pytest.mark.django_db


def published_ids(client: redis.Redis, queue_name: str) -> list[list[int]]:
    """The message ids of every task waiting in the queue, one list per publish (Celery's
    message protocol 2: a base64 JSON body of [args, kwargs, embed])."""
    publishes = []
    # kombu pushes on the left and workers pop on the right: the oldest publish is last.
    for raw in reversed(client.lrange(queue_name, 0, -1)):
        message = json.loads(raw)
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        ids = args[0]
        publishes.append(ids if isinstance(ids, list) else [ids])
    return publishes


@pytest.fixture
def real_broker(broker_url, settings, monkeypatch):
    """The tasks publish to the tests' Redis (a queue of this test's own) instead of running
    eagerly; the publisher collects for 0.3 s."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.OUTBOX_DISPATCH_DELAY_MS = 300
    queue_name = f"test-publisher-{uuid.uuid4().hex}"
    producer = Celery(broker=broker_url, set_as_current=False)
    for task in (send_message_task, dispatch_messages_task):
        monkeypatch.setattr(
            task,
            "delay",
            lambda *args, _name=task.name: producer.send_task(_name, args=args, queue=queue_name),
        )
    client = redis.Redis.from_url(broker_url)
    yield client, queue_name
    client.delete(queue_name)
    client.close()
    producer.close()


def test_the_emails_of_three_requests_reach_the_broker_in_one_publish(
    real_broker, django_capture_on_commit_callbacks
):
    client, queue_name = real_broker
    ids = []
    for number in range(3):  # three requests, each committing its own transaction
        with django_capture_on_commit_callbacks(execute=True):
            ids.append(queue(to=f"deelnemer{number}@gemeente.example").pk)
    assert published_ids(client, queue_name) == []  # nothing on the request's own time
    deadline = time.monotonic() + 10  # against hanging, not a speed requirement
    while time.monotonic() < deadline and not client.llen(queue_name):
        time.sleep(0.05)
    time.sleep(0.5)  # a second publish, were there one, would be here by now
    assert published_ids(client, queue_name) == [ids]


def test_without_a_delay_each_transaction_publishes_at_once(
    real_broker, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_DISPATCH_DELAY_MS = 0
    client, queue_name = real_broker
    with django_capture_on_commit_callbacks(execute=True):
        first = queue().pk
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        second, third = queue().pk, queue().pk
    assert published_ids(client, queue_name) == [[first], [second, third]]


def test_a_forked_process_publishes_only_its_own_ids():
    """gunicorn forks its workers: a child never publishes what its parent was holding, and
    starts a publisher thread of its own."""
    published = []
    publisher = Publisher(lambda ids: published.append(list(ids)) or True, delay=30)
    publisher.add([1, 2])  # the parent's thread sleeps for 30 s before publishing
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child reports through the pipe)
        try:
            publisher.add([3])
            publisher.flush()
            os.write(write_end, json.dumps(published).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    with os.fdopen(read_end) as pipe:
        assert json.loads(pipe.read()) == [[3]]  # the child: its own id only
    assert publisher.flush() == 2
    assert published == [[1, 2]]


def test_what_waits_is_published_when_the_process_exits(monkeypatch):
    """An orderly exit (gunicorn restarting a worker) publishes what the thread still held;
    a crash leaves it to the outbox's flush (the rows are queued)."""
    registered = []
    monkeypatch.setattr(publisher_module.atexit, "register", registered.append)
    monkeypatch.setattr(publisher_module, "_publishers", {})
    published = []

    def publish(ids):
        published.append(ids)
        return True

    publisher = publisher_module.publisher_for(publish, delay=30)
    assert publisher_module.publisher_for(publish, delay=30) is publisher
    publisher.add([7])
    assert registered == [publisher.flush]
    registered[0]()  # what atexit calls
    assert published == [[7]]
