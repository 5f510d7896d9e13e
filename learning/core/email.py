"""E-mail: rendered in the request, written to the outbox, sent by a Celery task after commit."""

from django.db import transaction

from learning.outbox.services import message_queue


def email_send(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    from_email: str | None = None,
) -> None:
    """Queue the e-mail in the outbox, one message per address (kind "account").

    Nothing is queued or sent when the surrounding transaction rolls back; after commit each
    message is sent once, and retried by the outbox when the broker or mail server is down.
    """
    with transaction.atomic():
        for address in to:
            message_queue(
                to=address,
                subject=subject,
                text=text,
                html=html or "",
                kind="account",
                from_email=from_email,
            )
