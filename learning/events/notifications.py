"""E-mails about registrations, written to the outbox in the caller's transaction."""

import functools
import io
from datetime import timedelta

import segno
from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.accounts.models import User
from learning.calendar.ical import calendar_state, invitation
from learning.outbox.services import message_queue, message_queue_debounced

from .changes import change_lines
from .models import PARTICIPANT_STATUSES, SEAT_STATUSES, Registration, RegistrationStatus

OFFER_SALT = "events.offer"


def offer_token(registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=OFFER_SALT)


def offer_url(registration) -> str:
    return (
        f"{settings.SITE_URL}{registration.event.url}accept/?token={offer_token(registration)}"
        if registration.event.url
        else settings.SITE_URL
    )


# The QR code a participant shows at the door: a signed link to the check-in of their own
# registration, for the coordinator's phone. Valid until the event's check-in window closes
# (services.registration_for_checkin_code checks that against the event as it is then).
CHECKIN_SALT = "events.checkin"


def checkin_token(registration) -> str:
    """The registration, its event and its person: a seat handed over to a colleague keeps its
    registration, and the code in the first person's e-mail must not check anyone in on it."""
    return signing.dumps(
        {"r": registration.pk, "e": registration.event_id, "u": registration.user_id},
        salt=CHECKIN_SALT,
    )


def checkin_url(registration) -> str:
    path = reverse("registrations:checkin_code", args=(registration.event_id,))
    return f"{settings.SITE_URL}{path}?token={checkin_token(registration)}"


def checkin_qr_svg(registration, *, standalone: bool = False, scale: int = 5) -> str:
    """The check-in link as an SVG QR code (segno) with a title for screen readers: inline
    for a web page, or a standalone file (XML declaration and namespace) for an e-mail."""
    title = _("QR-code om in te checken bij %(title)s") % {"title": registration.event.title}
    return _qr_svg(
        registration.pk,
        registration.event_id,
        registration.user_id,
        title,
        standalone=standalone,
        scale=scale,
    )


@functools.lru_cache(maxsize=1024)
def _qr_svg(
    registration_id: int, event_id: int, user_id: int, title: str, *, standalone: bool, scale: int
) -> str:
    # Encoding a QR code costs ~30 ms of CPU (segno tries eight masks), and "Mijn aanmeldingen"
    # shows the same code at every visit: kept per process for the same registration, event,
    # person and title. The signed link carries the moment it was made, which the check-in
    # does not limit (the event's window does), so a kept code stays valid.
    url = checkin_url(Registration(pk=registration_id, event_id=event_id, user_id=user_id))
    qr = segno.make(url, error="m")
    buffer = io.BytesIO()
    qr.save(
        buffer,
        kind="svg",
        scale=scale,
        border=4,
        title=title,
        svgclass="checkin-qr",
        lineclass=None,
        xmldecl=standalone,
        svgns=standalone,
    )
    return buffer.getvalue().decode()


CHECKIN_QR_FILENAME = "qr-code-inchecken.svg"
RENDERER = "events.registration"


def registration_kind(template: str) -> str:
    """The outbox kind of a registration e-mail made with ``events/email/<template>``."""
    return f"registration_{template}"


# Every kind this module queues, with its Dutch name in the outbox (learning.outbox.renderers).
KIND_LABELS = {
    registration_kind("confirmed"): gettext_lazy("Aanmelding bevestigd"),
    registration_kind("promoted"): gettext_lazy("Plek gekregen van de wachtlijst"),
    registration_kind("waiting"): gettext_lazy("Op de wachtlijst"),
    registration_kind("offered"): gettext_lazy("Plek aangeboden"),
    registration_kind("cancelled"): gettext_lazy("Afmelding verwerkt"),
    registration_kind("handed_over"): gettext_lazy("Plek overgedragen aan collega"),
    registration_kind("message"): gettext_lazy("Bericht aan deelnemers"),
    registration_kind("reminder"): gettext_lazy("Herinnering aan bijeenkomst"),
    registration_kind("session_seated"): gettext_lazy("Plek in een sessie gekregen"),
    registration_kind("session_moved"): gettext_lazy("Sessie gewijzigd door de organisator"),
    "registration_event_changed": gettext_lazy("Bijeenkomst gewijzigd"),
    "registration_message_test": gettext_lazy("Testbericht aan deelnemers (alleen aan uzelf)"),
}


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
    recipient = user or registration.user
    if recipient is None:  # anonymised: nobody to tell
        return None
    return message_queue(
        to=recipient.email,
        kind=registration_kind(kind),
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
    from .models import EventPage, Registration

    if payload.get("registration_id"):
        registration = Registration.objects.select_related("event", "organisation").get(
            pk=payload["registration_id"]
        )
        event = registration.event
    else:
        # About the event, not about someone's registration: a coordinator's test message.
        registration = None
        event = EventPage.objects.get(pk=payload["event_id"])
    recipient = User.objects.get(pk=payload["recipient_id"])
    users = {
        user.pk: user
        for user in User.objects.filter(
            pk__in=[payload.get("previous_user_id"), payload.get("colleague_id")]
        )
    }
    event_url = f"{settings.SITE_URL}{event.url}" if event.url else settings.SITE_URL
    context = {
        "registration": registration,
        "event": event,
        "user": recipient,
        "site_url": settings.SITE_URL,
        "event_url": event_url,
        "my_registrations_url": settings.SITE_URL + reverse("events:my_registrations"),
        "accept_url": offer_url(registration) if registration else event_url,
        "handed_over_by": users.get(payload.get("previous_user_id")),
        "colleague": users.get(payload.get("colleague_id")),
        "body": payload.get("body", ""),
        "days": payload.get("days"),
        "starts_local": timezone.localtime(event.starts_at),
        # The person's own sessions (not for the colleague who handed a seat over).
        "session_choices": (
            list(
                registration.session_choices.select_related("session", "round").order_by(
                    "round__starts_at", "round__sort_order"
                )
            )
            if registration is not None and registration.user_id == recipient.pk
            else []
        ),
        "session_id": payload.get("session_id"),
    }
    template = payload["template"]
    if template == "changed":
        payload = _changed(payload, registration=registration, recipient=recipient)
        context["changes"] = payload["changes"]
        context["show_online"] = payload["attach"] == "REQUEST"
        context["calendar_part"] = bool(payload["attach"])
    # A confirmed seat gets its QR code for the door: as an attachment (the outbox carries
    # text attachments: SVG is text), and always on "Mijn aanmeldingen" (the link in the mail).
    with_qr = template in ("confirmed", "promoted") and registration.status == (
        RegistrationStatus.CONFIRMED
    )
    context["checkin_qr"] = with_qr
    context["checkin_qr_filename"] = CHECKIN_QR_FILENAME
    attachments = (
        [_ics(registration, payload["attach"], recipient)] if payload.get("attach") else []
    )
    if with_qr:
        attachments.append(
            {
                "filename": CHECKIN_QR_FILENAME,
                "content": checkin_qr_svg(registration, standalone=True, scale=8),
                "mimetype": "image/svg+xml",
            }
        )
    rendered = {
        "subject": f"{payload['subject']}: {event.title}",
        "text": render_to_string(f"events/email/{template}.txt", context),
        "html": render_to_string(f"events/email/{template}.html", context),
        "attachments": attachments,
    }
    return rendered


def _changed(payload: dict, *, registration, recipient) -> dict:
    """The change message as it is sent: from the event's state now, against the state of the
    first publication in the burst (``before``). The calendar part for confirmed seats only:
    an open offer is not in the person's calendar yet."""
    event = registration.event
    holds_seat = (
        registration.user_id == recipient.pk and registration.status in PARTICIPANT_STATUSES
    )
    attach = ("CANCEL" if event.cancelled else "REQUEST") if holds_seat else None
    return {
        **payload,
        "subject": _("Gaat niet door") if event.cancelled else _("Gewijzigd"),
        "attach": attach,
        "changes": change_lines(
            payload.get("before") or {}, calendar_state(event), show_online=holds_seat
        ),
    }


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


# An editor who saves several times in a row sends one message: it waits until no change
# came for CHANGE_DELAY, and never longer than CHANGE_MAX_DELAY after the first change.
CHANGE_DELAY = timedelta(minutes=15)
CHANGE_MAX_DELAY = timedelta(hours=1)


def event_changed(registration, *, before: dict) -> None:
    """Tell a participant (seat or open offer) that the time, place, online link or status of
    their event changed. One e-mail per burst of publications, rendered when it is sent."""
    recipient = registration.user
    if recipient is None:
        return
    message_queue_debounced(
        to=recipient.email,
        kind="registration_event_changed",
        renderer=RENDERER,
        payload={
            "registration_id": registration.pk,
            "recipient_id": recipient.pk,
            "template": "changed",
            "subject": "",
            "attach": None,
            "before": before,
        },
        event=registration.event,
        user=recipient,
        delay=CHANGE_DELAY,
        max_delay=CHANGE_MAX_DELAY,
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


def registration_session_seated(registration, *, choice) -> None:
    """A seat in a session the person waited for."""
    _queue(
        registration,
        kind="session_seated",
        subject=_("U heeft een plek in de sessie"),
        session_id=choice.session_id,
    )


def registration_session_moved(registration, *, choice) -> None:
    """The organiser moved the person to another session."""
    _queue(
        registration,
        kind="session_moved",
        subject=_("Uw sessie is gewijzigd"),
        session_id=choice.session_id,
    )


def event_message(registration, *, subject: str, body: str, dedupe_key: str | None = None) -> None:
    _queue(registration, kind="message", subject=subject, body=body, dedupe_key=dedupe_key)


# A coordinator's test of a message to participants: marked in its subject, and a kind of its
# own, so it never counts as sent to the participants.
MESSAGE_TEST_KIND = "registration_message_test"
MESSAGE_TEST_MARK = "[Test]"


def _message_payload(*, event, registration, recipient, subject, body) -> dict:
    return {
        "registration_id": registration.pk if registration is not None else None,
        "event_id": event.pk,
        "recipient_id": recipient.pk,
        "template": "message",
        "subject": str(subject),
        "attach": None,
        "body": body,
    }


def event_message_test(*, event, user, subject: str, body: str):
    """The message to participants as a test, to ``user`` (the coordinator) only."""
    return message_queue(
        to=user.email,
        kind=MESSAGE_TEST_KIND,
        renderer=RENDERER,
        payload=_message_payload(
            event=event,
            registration=None,
            recipient=user,
            subject=f"{MESSAGE_TEST_MARK} {subject}",
            body=body,
        ),
        event=event,
        user=user,
    )


def event_message_preview(*, event, registration, recipient, subject: str, body: str) -> dict:
    """The message to participants as ``recipient`` will receive it (made by the renderer
    the outbox uses when it sends: subject, text and HTML); nothing is queued."""
    return render(
        _message_payload(
            event=event, registration=registration, recipient=recipient, subject=subject, body=body
        )
    )


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
