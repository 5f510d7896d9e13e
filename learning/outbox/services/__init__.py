"""Writes on the outbox: queue an e-mail with the change that causes it, send it once, retry.

The life of a message::

    queued ──claim──▶ sending ──▶ sent
      ▲                  │
      └── back-off ◀─────┤  (mail server refused, or the worker died: the flush reclaims it)
                         ▼
                       failed ──message_retry──▶ queued

``next_attempt_at`` always says when the periodic flush should look at an unsent message
again: for a queued message, when it is due (again); for a message being sent, when its lease
runs out and the sender is presumed dead.
"""

from .dispatch import DISPATCH_GRACE, messages_flush
from .errors import OutboxError
from .queueing import message_queue, message_queue_debounced, message_retry
from .rendering import ATTACHMENT_KEYS, EXTRA_HEADERS, SUBJECT_MAX_LENGTH
from .retention import messages_purge
from .sending import (
    FIRST_RETRY_DELAY,
    MAX_ATTEMPTS,
    MAX_RETRY_DELAY,
    OUTBOX_BACKEND,
    SEND_SOFT_TIME_LIMIT,
    SEND_TIME_LIMIT,
    SENDING_LEASE,
    message_send,
)

__all__ = [
    "ATTACHMENT_KEYS",
    "DISPATCH_GRACE",
    "EXTRA_HEADERS",
    "FIRST_RETRY_DELAY",
    "MAX_ATTEMPTS",
    "MAX_RETRY_DELAY",
    "OUTBOX_BACKEND",
    "OutboxError",
    "SENDING_LEASE",
    "SEND_SOFT_TIME_LIMIT",
    "SEND_TIME_LIMIT",
    "SUBJECT_MAX_LENGTH",
    "message_queue",
    "message_queue_debounced",
    "message_retry",
    "message_send",
    "messages_flush",
    "messages_purge",
]
