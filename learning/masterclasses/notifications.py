"""The e-mail of a series enrolment: one message with the outcome per masterclass, queued in
the enrolment's transaction and rendered by the outbox worker (registered in apps.py)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.accounts.models import User
from learning.outbox.services import message_queue

RENDERER = "masterclasses.series"
SERIES_KIND = "series_enrolment"
# The kind this module queues, with its Dutch name in the outbox (learning.outbox.renderers).
KIND_LABELS = {SERIES_KIND: gettext_lazy("Aanmelding voor een hele reeks")}


def series_enrolled(*, programme, user, outcomes) -> None:
    """Queue the one e-mail of a series enrolment (the payload holds the outcomes, so the
    message tells what happened then, whatever happens to the registrations later)."""
    first = next(item.masterclass for item in outcomes if item.registration is not None)
    message_queue(
        to=user.email,
        kind=SERIES_KIND,
        renderer=RENDERER,
        payload={
            "programme_id": programme.pk,
            "recipient_id": user.pk,
            "outcomes": [
                {"event_id": item.masterclass.pk, "outcome": item.outcome, "reason": item.reason}
                for item in outcomes
            ],
        },
        event=first,
        user=user,
    )


def outcome_lines(outcome: str, reason: str) -> dict:
    """What the e-mail says of one masterclass's outcome: a headline (emphasised for a seat or
    a place on the waiting list) and the reason where there is one to give (waiting, skipped)."""
    from .services import Outcome

    headline, emphasised, with_reason = {
        Outcome.SEAT: (_("U bent aangemeld. Uw plek is bevestigd."), True, False),
        Outcome.WAITING: (_("U staat op de wachtlijst."), True, True),
        Outcome.ALREADY: (_("U was al aangemeld; er is niets veranderd."), False, False),
    }.get(outcome, (_("Niet aangemeld:"), False, True))
    return {
        "headline": headline,
        "emphasised": emphasised,
        "reason": reason if with_reason else "",
    }


def render(payload: dict) -> dict:
    from .models import MasterclassPage, ProgrammePage

    programme = ProgrammePage.objects.get(pk=payload["programme_id"])
    recipient = User.objects.get(pk=payload["recipient_id"])
    masterclasses = MasterclassPage.objects.in_bulk(
        [item["event_id"] for item in payload["outcomes"]]
    )
    rows = [
        {
            "masterclass": masterclasses[item["event_id"]],
            "starts_local": timezone.localtime(masterclasses[item["event_id"]].starts_at),
            "url": f"{settings.SITE_URL}{masterclasses[item['event_id']].url or ''}",
            **outcome_lines(item["outcome"], item["reason"]),
        }
        for item in payload["outcomes"]
        if item["event_id"] in masterclasses
    ]
    context = {
        "programme": programme,
        "user": recipient,
        "rows": rows,
        "site_url": settings.SITE_URL,
        "programme_url": f"{settings.SITE_URL}{programme.url or '/'}",
        "my_registrations_url": settings.SITE_URL + reverse("events:my_registrations"),
    }
    return {
        "subject": _("Aanmelding voor de reeks: %(title)s") % {"title": programme.title},
        "text": render_to_string("masterclasses/email/series_enrolled.txt", context),
        "html": render_to_string("masterclasses/email/series_enrolled.html", context),
    }
