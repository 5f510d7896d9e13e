"""Hand messages to the workers: on commit, one publish per transaction, and the periodic
flush for whatever was not dispatched or not sent in time."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import selectors
from ..models import OutboxMessage, OutboxStatus
from .publisher import publisher_for
from .sending import MAX_ATTEMPTS

# The name of the module these functions came from: log filters and dashboards keep working.
logger = logging.getLogger("learning.outbox.services")


# A freshly queued message is sent by the task dispatched on commit; only when that has not
# happened within this time (broker down, task lost) does the periodic flush dispatch it again.
DISPATCH_GRACE = timedelta(minutes=2)


def messages_flush(*, now: datetime | None = None, limit: int = 500) -> int:
    """Dispatch every unsent message whose time has come; return how many were dispatched.

    Picks up queued messages that are due (never dispatched because the broker was down,
    lost, or waiting for their next attempt) and messages stuck in "sending" past their lease
    (the worker died; that counts as a failed attempt). Each row is taken with a conditional
    UPDATE that also moves its ``next_attempt_at`` on, so running the flush twice, even at the
    same moment, dispatches each message once; ``message_send`` makes sure it is sent once.
    """
    now = now or timezone.now()
    due = selectors.messages_due(now=now).values_list(
        "pk", "status", "attempts", "next_attempt_at"
    )[:limit]
    dispatched = 0
    for pk, status, attempts, next_attempt_at in due:
        changes = {"status": OutboxStatus.QUEUED, "next_attempt_at": now + DISPATCH_GRACE}
        if status == OutboxStatus.SENDING:
            attempts += 1
            changes["attempts"] = attempts
            changes["last_error"] = (
                "Verzending onderbroken: de worker stopte tijdens het versturen."
            )
            if attempts >= MAX_ATTEMPTS:
                changes["status"] = OutboxStatus.FAILED
                changes["next_attempt_at"] = None
        taken = OutboxMessage.objects.filter(
            pk=pk, status=status, next_attempt_at=next_attempt_at
        ).update(**changes)
        if not taken or changes["status"] == OutboxStatus.FAILED:
            continue  # another flush or a worker got there first, or it has run out of attempts
        if not _dispatch(pk):
            break  # the broker is down: the rest stay due for the next flush
        dispatched += 1
    if dispatched:
        logger.info("outbox flushed", extra={"event": "outbox_flush", "dispatched": dispatched})
    return dispatched


class _DispatchBatch:
    """The messages one transaction queued, handed to the broker in one publish on commit."""

    def __init__(self, connection):
        self.__qualname__ = "outbox dispatch batch"  # Django logs it if the callback fails
        self.connection = connection
        # The atomic block it belongs to: a batch is joined only from that same block.
        self.savepoints = tuple(connection.savepoint_ids)
        self.ids: list[int] = []

    def __call__(self) -> None:
        if getattr(self.connection, "outbox_dispatch_batch", None) is self:
            self.connection.outbox_dispatch_batch = None
        _dispatch_many(self.ids)


def _dispatch_on_commit(message_id: int) -> None:
    """Dispatch the message once the transaction commits, together with every other message
    the same transaction queued: one publish per transaction, not one per message (each
    publish costs the web request about a millisecond of CPU)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _dispatch_many([message_id])
        return
    batch = getattr(connection, "outbox_dispatch_batch", None)
    # A batch of another atomic block, or whose block rolled back (no longer registered), is
    # not joined: a new one starts.
    if (
        batch is None
        or batch.savepoints != tuple(connection.savepoint_ids)
        or not any(func is batch for _sids, func, *_ in connection.run_on_commit)
    ):
        batch = _DispatchBatch(connection)
        connection.outbox_dispatch_batch = batch
        transaction.on_commit(batch)
    batch.ids.append(message_id)


def _dispatch_many(message_ids: list[int]) -> None:
    """Committed messages to the broker: through this process's publisher, together with
    other requests' messages (``OUTBOX_DISPATCH_DELAY_MS``), or at once."""
    delay = settings.OUTBOX_DISPATCH_DELAY_MS / 1000
    if delay > 0 and not settings.CELERY_TASK_ALWAYS_EAGER:
        publisher_for(_publish, delay=delay).add(message_ids)
    else:
        _publish(message_ids)


def _publish(message_ids: list[int]) -> bool:
    """One message as ``_dispatch``; several in one task that fans out in the worker (each
    send keeps its own time limit and lease). False, logged, if the broker cannot be reached.
    """
    if len(message_ids) == 1:
        return _dispatch(message_ids[0])
    from ..tasks import dispatch_messages_task

    try:
        dispatch_messages_task.delay(list(message_ids))
    except Exception:
        logger.exception(
            "could not dispatch e-mails; the outbox flush will send them",
            extra={"event": "email_dispatch_failed", "message_ids": list(message_ids)},
        )
        return False
    return True


def _dispatch(message_id: int) -> bool:
    """Hand the message to a worker. False, logged, if the broker cannot be reached.

    Runs after commit, in the web request: a broker outage must not turn a registration that
    was saved into an error page. The row is safe in the outbox; the flush sends it later.
    """
    from ..tasks import send_message_task

    try:
        send_message_task.delay(message_id)
    except Exception:
        logger.exception(
            "could not dispatch e-mail; the outbox flush will send it",
            extra={"event": "email_dispatch_failed", "message_id": message_id},
        )
        return False
    return True
