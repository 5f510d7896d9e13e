"""Send a claimed message once, record the outcome, back off after a failure."""

import logging
from datetime import timedelta
from email import encoders
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEMultipart, SafeMIMEText
from django.db.models import F
from django.utils import timezone

from .. import renderers
from ..models import OutboxMessage, OutboxStatus
from .rendering import _render

# The name of the module these functions came from: log filters and dashboards keep working.
logger = logging.getLogger("learning.outbox.services")


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


OUTBOX_BACKEND = "learning.outbox.backends.OutboxEmailBackend"


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
        headers=dict(message.headers or {}),
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
