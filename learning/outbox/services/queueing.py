"""Queue an e-mail with the change that causes it; queue a failed one again."""

from collections.abc import Iterable, Mapping
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from learning.core.inserts import row_insert

from .. import renderers
from ..models import OutboxMessage, OutboxStatus
from .dispatch import DISPATCH_GRACE, _dispatch_on_commit
from .errors import OutboxError
from .rendering import SUBJECT_MAX_LENGTH, _clean_attachments, _clean_headers


def message_queue(
    *,
    to: str,
    subject: str = "",
    text: str = "",
    html: str = "",
    kind: str,
    attachments: Iterable[Mapping[str, str]] = (),
    from_email: str | None = None,
    event=None,
    user=None,
    dedupe_key: str | None = None,
    renderer: str = "",
    payload: Mapping | None = None,
    send_after: timedelta | None = None,
    headers: Mapping[str, str] | None = None,
) -> OutboxMessage:
    """Store one e-mail to one address and send it once the surrounding transaction commits.

    With ``send_after`` it is not dispatched on commit but left for the periodic flush once
    that time has passed (see ``message_queue_debounced``).

    Call it inside the transaction that makes the change the e-mail is about: if that
    transaction rolls back, neither the row nor the send exists. (Outside a transaction the row
    is committed at once and dispatched straight away.)

    With a ``dedupe_key`` that is already in the outbox, the existing message is returned and
    nothing new is queued, so a periodic job that runs twice queues once.

    Never fails the caller because the broker is down: the row stays queued and the periodic
    flush (``messages_flush``) sends it later.

    With a ``renderer`` (see ``renderers.py``) subject and text may be left empty: the worker
    makes them from ``payload`` on the first attempt, outside the caller's transaction. With a
    confidential renderer (account and security e-mails) the content is never stored at all:
    the worker makes it at every attempt, so only the subject, the recipient, the kind and the
    state are ever in the database.

    ``headers``: extra header lines, only those in ``EXTRA_HEADERS`` (List-Unsubscribe and
    List-Unsubscribe-Post for a digest, Reply-To for a relayed message); a line break in a
    value or another name raises ``ValueError``.
    """
    if not isinstance(to, str) or not to.strip():
        raise ValueError("message_queue sends to one address: pass `to` as a single string")
    if not (text or renderer):
        raise ValueError("message_queue needs a text or a renderer")
    if renderer and renderers.is_confidential(renderer) and (text or html or attachments):
        raise ValueError("a confidential message is made when it is sent: pass no content")
    values = {
        "kind": kind,
        "to": to.strip(),
        "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
        # A line break in a subject makes Django refuse the message (header injection), and
        # one longer than the column would fail the caller's transaction on PostgreSQL.
        "subject": " ".join(subject.split())[:SUBJECT_MAX_LENGTH],
        "text": text,
        "html": html or "",
        "attachments": _clean_attachments(attachments),
        "headers": _clean_headers(headers or {}),
        "renderer": renderer,
        "payload": dict(payload or {}),
        "event": event,
        "user": user,
        "next_attempt_at": timezone.now() + (send_after or DISPATCH_GRACE),
    }
    if dedupe_key:
        # get_or_create inserts in a savepoint and falls back to the existing row when a
        # concurrent transaction inserted the same key first.
        message, created = OutboxMessage.objects.get_or_create(
            dedupe_key=dedupe_key, defaults=values
        )
        if not created:
            return message
    else:
        message = row_insert(obj=OutboxMessage(**values))
    if send_after is None:
        _dispatch_on_commit(message.pk)
    return message


def message_queue_debounced(
    *,
    to: str,
    kind: str,
    renderer: str,
    payload: Mapping,
    event=None,
    user=None,
    delay: timedelta,
    max_delay: timedelta,
    same: Mapping | None = None,
) -> OutboxMessage:
    """Queue a rendered-when-sent message that waits ``delay`` for more of the same.

    While a message of the same ``kind`` for the same address and ``event`` is still waiting
    (queued, not yet rendered), a new call moves its send time to ``delay`` from now, but
    never later than ``max_delay`` after it was queued, and keeps its payload: a burst of
    changes (an editor saving three times in ten minutes) gives one e-mail, rendered from the
    state at sending time, with the payload of the first call. Once it has been rendered or
    sent, the next call queues a new message. ``same``: payload values that must match too
    (one message per meeting of a circle, say).
    """
    now = timezone.now()
    waiting = (
        OutboxMessage.objects.filter(
            kind=kind,
            to=to.strip(),
            event=event,
            status=OutboxStatus.QUEUED,
            text="",
            **{f"payload__{key}": value for key, value in (same or {}).items()},
        )
        .order_by("pk")
        .first()
    )
    if waiting is not None:
        due = min(now + delay, waiting.created_at + max_delay)
        moved = OutboxMessage.objects.filter(
            pk=waiting.pk, status=OutboxStatus.QUEUED, text=""
        ).update(next_attempt_at=due)
        if moved:
            waiting.next_attempt_at = due
            return waiting
    return message_queue(
        to=to,
        kind=kind,
        renderer=renderer,
        payload=payload,
        event=event,
        user=user,
        send_after=delay,
    )


def message_retry(*, message: OutboxMessage, actor=None) -> OutboxMessage:
    """Queue a failed message again with a fresh set of attempts; it is sent after commit.

    For coordinators, once the cause is fixed (a typo in the address, a mail server that was
    down for hours). Refused with ``OutboxError("not_failed")`` for any message that is not
    failed, so a message that was sent is never sent again this way, and with
    ``OutboxError("no_content")`` for one whose content was wiped. Writes an audit entry.
    """
    if not (message.text or message.renderer):
        raise OutboxError(
            "no_content",
            _("Van deze e-mail is de inhoud niet bewaard; hij kan niet opnieuw worden verstuurd."),
        )
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.FAILED).update(
            status=OutboxStatus.QUEUED,
            attempts=0,
            last_error="",
            next_attempt_at=timezone.now() + DISPATCH_GRACE,
        )
        if not updated:
            raise OutboxError(
                "not_failed", _("Alleen een mislukte e-mail kunt u opnieuw versturen.")
            )
        message.refresh_from_db()
        # The title, not the default str(), so the audit log keeps no e-mail address.
        log(instance=message, action="outbox.retry", user=actor, title=f"e-mail {message.pk}")
        _dispatch_on_commit(message.pk)
    return message
