from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from learning.core.email import email_send


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with e-mails rendered here and sent through a Celery task."""

    def send_mail(self, template_prefix, email, context):
        context.setdefault("site_url", settings.SITE_URL)
        message = self.render_mail(template_prefix, email, context)
        html = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        email_send(
            to=list(message.to),
            subject=message.subject,
            text=message.body,
            html=html,
            from_email=message.from_email,
        )
