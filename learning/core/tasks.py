from celery import shared_task

from .email import email_deliver


@shared_task(
    name="core.send_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_email_task(*, to, subject, text, html=None, from_email=None):
    email_deliver(to=to, subject=subject, text=text, html=html, from_email=from_email)
