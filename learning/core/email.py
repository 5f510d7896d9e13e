"""E-mail: rendered in the request, delivered by a Celery task once the transaction commits."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction


def email_send(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    from_email: str | None = None,
) -> None:
    """Queue one e-mail. Nothing is sent when the surrounding transaction rolls back."""
    from .tasks import send_email_task

    payload = {"to": to, "subject": subject, "text": text, "html": html, "from_email": from_email}
    transaction.on_commit(lambda: send_email_task.delay(**payload))


def email_deliver(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    from_email: str | None = None,
) -> None:
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
