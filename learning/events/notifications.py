"""E-mails about registrations, written to the outbox in the caller's transaction."""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .ical import invitation
from .models import SEAT_STATUSES, RegistrationStatus

OFFER_SALT = "events.offer"


def offer_token(registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=OFFER_SALT)


def offer_url(registration) -> str:
    return (
        f"{settings.SITE_URL}{registration.event.url}accept/?token={offer_token(registration)}"
        if registration.event.url
        else settings.SITE_URL
    )


RENDERER = "events.registration"


def _queue(
    registration,
    *,
    kind,
    subject,
    attach=None,
    user=None,
    dedupe_key=None,
    **extra,
):
    """Queue a small outbox row; the worker renders it (outside the event's row lock)."""
    from learning.outbox.services import message_queue

    recipient = user or registration.user
    if recipient is None:  # anonymised: nobody to tell
        return None
    return message_queue(
        to=recipient.email,
        kind=f"registration_{kind}",
        renderer=RENDERER,
        payload={
            "registration_id": registration.pk,
            "recipient_id": recipient.pk,
            "template": kind,
            "subject": str(subject),
            "attach": attach,
            **extra,
        },
        event=registration.event,
        user=recipient,
        dedupe_key=dedupe_key,
    )


def render(payload: dict) -> dict:
    """The outbox renderer: subject, text, HTML and (if asked) the calendar invitation."""
    from learning.accounts.models import User

    from .models import Registration

    registration = Registration.objects.select_related("event", "organisation").get(
        pk=payload["registration_id"]
    )
    recipient = User.objects.get(pk=payload["recipient_id"])
    users = {
        user.pk: user
        for user in User.objects.filter(
            pk__in=[payload.get("previous_user_id"), payload.get("colleague_id")]
        )
    }
    event = registration.event
    event_url = f"{settings.SITE_URL}{event.url}" if event.url else settings.SITE_URL
    context = {
        "registration": registration,
        "event": event,
        "user": recipient,
        "site_url": settings.SITE_URL,
        "event_url": event_url,
        "my_registrations_url": settings.SITE_URL + reverse("events:my_registrations"),
        "accept_url": offer_url(registration),
        "handed_over_by": users.get(payload.get("previous_user_id")),
        "colleague": users.get(payload.get("colleague_id")),
        "body": payload.get("body", ""),
        "days": payload.get("days"),
        "starts_local": timezone.localtime(event.starts_at),
    }
    template = payload["template"]
    rendered = {
        "subject": f"{payload['subject']}: {event.title}",
        "text": render_to_string(f"events/email/{template}.txt", context),
        "html": render_to_string(f"events/email/{template}.html", context),
        "attachments": [_ics(registration, payload["attach"], recipient)]
        if payload.get("attach")
        else [],
    }
    return rendered


def _ics(registration, method, recipient):
    # Same UID and SEQUENCE as the feeds (see ical.py); DTSTAMP orders REQUEST and CANCEL.
    return {
        "filename": "uitnodiging.ics",
        "content": invitation(registration, method=method, attendee=recipient),
        "mimetype": f"text/calendar; method={method}; charset=utf-8",
    }


def registration_changed(registration, *, previous_status: str) -> None:
    """Tell the participant what their registration's new state means for them."""
    status = registration.status
    if status == RegistrationStatus.CONFIRMED:
        kind = "confirmed" if not previous_status else "promoted"
        subject = _("Aanmelding bevestigd") if kind == "confirmed" else _("U heeft een plek")
        _queue(registration, kind=kind, subject=subject, attach="REQUEST")
    elif status == RegistrationStatus.WAITING:
        _queue(registration, kind="waiting", subject=_("U staat op de wachtlijst"))
    elif status == RegistrationStatus.OFFERED:
        _queue(registration, kind="offered", subject=_("Er is een plek voor u vrij"))
    elif status == RegistrationStatus.CANCELLED:
        held_seat = previous_status in SEAT_STATUSES
        _queue(
            registration,
            kind="cancelled",
            subject=_("Afmelding verwerkt"),
            attach="CANCEL" if held_seat else None,
        )


def registration_handed_over(registration, *, previous_user) -> None:
    _queue(
        registration,
        kind="confirmed",
        subject=_("Een collega droeg een plek aan u over"),
        attach="REQUEST",
        previous_user_id=previous_user.pk if previous_user else None,
    )
    if previous_user is not None:
        _queue(
            registration,
            kind="handed_over",
            subject=_("Uw plek is overgedragen"),
            user=previous_user,
            attach="CANCEL",
            colleague_id=registration.user_id,
        )


def event_message(registration, *, subject: str, body: str) -> None:
    _queue(registration, kind="message", subject=subject, body=body)


def reminder(registration, *, days: int) -> None:
    """Reminder ``days`` before the start; the dedupe key makes a second run queue nothing."""
    key = f"reminder-{days}d-{registration.pk}-{registration.event.starts_at:%Y%m%d%H%M}"
    subject = _("Herinnering") if days > 1 else _("Morgen")
    _queue(
        registration,
        kind="reminder",
        subject=subject,
        days=days,
        dedupe_key=key,
    )
