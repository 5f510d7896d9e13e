"""Django's e-mail backend for the whole site: every e-mail goes through the outbox.

Our own e-mails are queued with ``message_queue`` directly. This backend catches the rest:
e-mails that Django or Wagtail send with Django's mail API in the middle of a request, such as
Wagtail's workflow and moderation notifications. Sending them there would tie the request to
the mail server (a hanging server turned a submitted contribution into an error page and lost
it); queued, they are sent by a worker after the commit, with the outbox's retries.

The outbox delivers with ``OUTBOX_EMAIL_BACKEND`` (from ``EMAIL_URL``).
"""

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .services import message_queue

KIND = "notification"
KIND_LABELS = {KIND: _("Melding van Wagtail of Django (bijv. workflow)")}


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        queued = 0
        for email in email_messages:
            try:
                queued += self._queue(email)
            except Exception:
                if not self.fail_silently:
                    raise
        return queued

    def _queue(self, email) -> int:
        recipients = email.recipients()
        if not recipients:
            return 0
        html = next(
            (
                body
                for body, mimetype in getattr(email, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        if email.content_subtype == "html":
            html, text = email.body, ""
        else:
            text = email.body
        with transaction.atomic():
            for address in recipients:
                message_queue(
                    to=address,
                    subject=str(email.subject),
                    text=text or " ",
                    html=html,
                    kind=KIND,
                    from_email=email.from_email,
                )
        return 1
