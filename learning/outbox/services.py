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

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from email import encoders
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEMultipart, SafeMIMEText
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from . import renderers, selectors
from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=1)
# How long one send may take. A mail server that accepts the connection and then says
# nothing costs EMAIL_TIMEOUT (settings, from EMAIL_URL) per reply it owes; these limits stop
# a server that answers, but too slowly, from holding a worker. At the soft limit the send
# fails like any other (back to the queue with a back-off); at the hard limit the worker
# process is killed and the flush reclaims the message once its lease has run out.
SEND_SOFT_TIME_LIMIT = 60
SEND_TIME_LIMIT = 90
# A worker that has not finished sending within this time is presumed dead. Longer than the
# hard time limit, so a message still being sent is never reclaimed and sent twice.
SENDING_LEASE = timedelta(minutes=3)
# A freshly queued message is sent by the task dispatched on commit; only when that has not
# happened within this time (broker down, task lost) does the periodic flush dispatch it again.
DISPATCH_GRACE = timedelta(minutes=2)
ATTACHMENT_KEYS = {"filename", "content", "mimetype"}
SUBJECT_MAX_LENGTH = OutboxMessage._meta.get_field("subject").max_length
OUTBOX_BACKEND = "learning.outbox.backends.OutboxEmailBackend"


class OutboxError(Exception):
    """A refused outbox action, with a code for programs and a Dutch message for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


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
        message = OutboxMessage.objects.create(**values)
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


def message_send(*, message_id: int) -> bool:
    """Send a queued message, at most once, and record the outcome. True if it was sent now.

    The row is claimed with one conditional UPDATE (queued → sending) before anything is sent,
    so a task delivered twice, or two workers running at once, send one e-mail: whoever does
    not win the claim returns False without sending. Already sent, failed or unknown messages
    are left alone.

    A refused or failed send is not raised: it is stored in ``last_error`` and the message goes
    back to the queue with an exponential back-off (1, 2, 4 … minutes, at most an hour), or
    to "failed" after ``MAX_ATTEMPTS``. The one case that can still send twice is a worker
    that dies after the mail server accepted the message but before the row is marked sent:
    the flush resends it after ``SENDING_LEASE``.

    Run it outside a transaction (as the task does), so the claim is visible to others at once.
    """
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.QUEUED).update(
        status=OutboxStatus.SENDING, next_attempt_at=timezone.now() + SENDING_LEASE
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        if message.renderer and renderers.is_confidential(message.renderer):
            _render(message, store=False)
        elif message.renderer and not message.text:
            _render(message)
        _deliver(message)
    except Exception as exc:
        # Any failure, not only SMTP errors: the row must not stay claimed.
        _record_failure(message=message, error=f"{type(exc).__name__}: {exc}")
        return False
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING).update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        attempts=F("attempts") + 1,
        next_attempt_at=None,
        last_error="",
    )
    logger.info(
        "e-mail sent",
        extra={"event": "email_sent", "message_id": message.pk, "kind": message.kind},
    )
    return True


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


def _clean_attachments(attachments: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    cleaned = []
    for attachment in attachments:
        if set(attachment) != ATTACHMENT_KEYS or not isinstance(attachment["content"], str):
            raise ValueError(
                "an attachment is a mapping with filename, content (text) and mimetype"
            )
        cleaned.append({key: attachment[key] for key in sorted(ATTACHMENT_KEYS)})
    return cleaned


def _render(message: OutboxMessage, *, store: bool = True) -> None:
    """Make the content of a deferred message; store it, so every retry sends the same.

    With ``store=False`` (confidential messages) the content lives only in this worker's
    memory for this one attempt.
    """
    rendered = renderers.render(message.renderer, message.payload)
    message.subject = " ".join(rendered.get("subject", "").split())[:SUBJECT_MAX_LENGTH]
    message.text = rendered["text"]
    message.html = rendered.get("html", "")
    message.attachments = _clean_attachments(rendered.get("attachments", ()))
    if store:
        message.save(update_fields=["subject", "text", "html", "attachments"])


class _InvitationEmail(EmailMultiAlternatives):
    """An e-mail whose iCalendar invitation (``text/calendar; method=...``) is also a part of
    its multipart/alternative body, beside text and HTML: that is what makes Outlook, Gmail
    and Apple Mail show a meeting with its buttons instead of a file. The same invitation
    stays attached as ``application/ics`` for clients that only look at attachments."""

    calendar_parts: list

    def _create_alternatives(self, msg):
        msg = super()._create_alternatives(msg)
        if not self.calendar_parts:
            return msg
        if not msg.is_multipart():
            body = msg
            msg = SafeMIMEMultipart(_subtype="alternative", encoding=settings.DEFAULT_CHARSET)
            msg.attach(body)
        for part in self.calendar_parts:
            msg.attach(part)
        return msg


def _deliver(message: OutboxMessage) -> None:
    email = _InvitationEmail(
        subject=message.subject,
        body=message.text,
        from_email=message.from_email,
        to=[message.to],
        connection=get_connection(_delivery_backend()),
    )
    email.calendar_parts = []
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments:
        if _is_invitation(attachment["mimetype"]):
            email.calendar_parts.append(_calendar_part(**attachment))
            attachment = {**attachment, "mimetype": "application/ics"}
        email.attach(_attachment_part(**attachment))
    email.send()


def _is_invitation(mimetype: str) -> bool:
    content_type, *params = (part.strip().lower() for part in mimetype.split(";"))
    return content_type == "text/calendar" and any(p.startswith("method=") for p in params)


def _calendar_part(*, filename: str, content: str, mimetype: str) -> SafeMIMEText:
    """The invitation as a body alternative: text/calendar with its METHOD, not an attachment."""
    part = SafeMIMEText(content, "calendar", settings.DEFAULT_CHARSET)
    for param in mimetype.split(";")[1:]:
        key, _sep, value = param.partition("=")
        if key.strip().lower() != "charset":
            part.set_param(key.strip(), value.strip().strip('"'))
    return part


def _delivery_backend() -> str:
    """The backend that really sends.

    ``EMAIL_BACKEND``, unless that is the outbox's own (as the site configures it, so that
    Wagtail's e-mails come here too): then ``OUTBOX_EMAIL_BACKEND``, made from ``EMAIL_URL``.
    """
    backend = settings.EMAIL_BACKEND
    if backend == OUTBOX_BACKEND:
        backend = getattr(settings, "OUTBOX_EMAIL_BACKEND", "")
    if not backend or backend == OUTBOX_BACKEND:
        raise ImproperlyConfigured("OUTBOX_EMAIL_BACKEND must be a backend that sends")
    return backend


def _attachment_part(*, filename: str, content: str, mimetype: str) -> MIMEBase:
    """A MIME part that keeps the type's parameters ("text/calendar; method=REQUEST").

    Django's ``attach()`` would add its own charset next to one given in the mimetype.
    """
    content_type, *params = (part.strip() for part in mimetype.split(";"))
    maintype, subtype = content_type.split("/", 1)
    if maintype == "text":
        part = SafeMIMEText(content, subtype, settings.DEFAULT_CHARSET)
        for param in params:
            key, _sep, value = param.partition("=")
            if key.strip().lower() != "charset":
                part.set_param(key.strip(), value.strip().strip('"'))
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(content.encode(settings.DEFAULT_CHARSET))
        encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def _record_failure(*, message: OutboxMessage, error: str) -> None:
    attempts = message.attempts + 1
    changes = {"attempts": attempts, "last_error": error}
    if attempts >= MAX_ATTEMPTS:
        changes.update(status=OutboxStatus.FAILED, next_attempt_at=None)
    else:
        changes.update(
            status=OutboxStatus.QUEUED, next_attempt_at=timezone.now() + _backoff(attempts)
        )
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING).update(**changes)
    logger.warning(
        "e-mail not sent",
        extra={
            "event": "email_failed",
            "message_id": message.pk,
            "kind": message.kind,
            "attempts": attempts,
            "status": changes["status"],
            "error": error,
        },
    )


def _backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after the first, second, third … failure; never more than an hour."""
    return min(FIRST_RETRY_DELAY * 2 ** (attempts - 1), MAX_RETRY_DELAY)


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
        _dispatch(message_id)
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


def _dispatch_many(message_ids: list[int]) -> bool:
    """One message as ``_dispatch``; several in one task that fans out in the worker (each
    send keeps its own time limit and lease). False, logged, if the broker cannot be reached.
    """
    if len(message_ids) == 1:
        return _dispatch(message_ids[0])
    from .tasks import dispatch_messages_task

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
    from .tasks import send_message_task

    try:
        send_message_task.delay(message_id)
    except Exception:
        logger.exception(
            "could not dispatch e-mail; the outbox flush will send it",
            extra={"event": "email_dispatch_failed", "message_id": message_id},
        )
        return False
    return True


def messages_purge(*, now: datetime | None = None, months: int | None = None) -> int:
    """Delete sent and failed messages older than the retention period (AVG); returns the count.

    Queued messages are never purged: they still have to go out. Safe to run twice.
    """
    now = now or timezone.now()
    months = settings.OUTBOX_RETENTION_MONTHS if months is None else months
    cutoff = now - timedelta(days=round(months * 30.44))
    deleted, _by_model = OutboxMessage.objects.filter(
        status__in=[OutboxStatus.SENT, OutboxStatus.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted
