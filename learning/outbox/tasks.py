from celery import shared_task

from .services import (
    SEND_SOFT_TIME_LIMIT,
    SEND_TIME_LIMIT,
    message_send,
    messages_flush,
    messages_purge,
)


@shared_task(
    name="outbox.send_message",
    soft_time_limit=SEND_SOFT_TIME_LIMIT,
    time_limit=SEND_TIME_LIMIT,
)
def send_message_task(message_id: int) -> bool:
    return message_send(message_id=message_id)


@shared_task(name="outbox.dispatch_messages")
def dispatch_messages_task(message_ids: list[int]) -> int:
    """The messages of one transaction, published once by the web request: one send task
    each from here, so every send keeps its own time limit."""
    for message_id in message_ids:
        send_message_task.delay(message_id)
    return len(message_ids)


@shared_task(name="outbox.flush")
def flush_outbox_task() -> int:
    return messages_flush()


@shared_task(name="outbox.purge")
def purge_outbox_task():
    return messages_purge()
