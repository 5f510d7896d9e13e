"""Writes for following and alerts: follow, unfollow, choose the digest, send the digests,
stop them from a signed link, and relay a message to a pioneer."""

import logging
from datetime import datetime

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.accounts.models import User

from . import followables, notifications, selectors
from .errors import AlertError
from .models import AlertSettings, Follow, Frequency, PioneerContact

logger = logging.getLogger(__name__)

CONTACT_MESSAGE_MAX_LENGTH = 2000
CONTACT_MESSAGE_MIN_LENGTH = 10


def follow_add(*, user, kind: str, object_id: int) -> Follow:
    """Follow one thing the person may see; following it again changes nothing.

    Refused with ``AlertError`` (404) for an unknown kind or a thing that does not exist or
    that the person may not see (a profile in a private section, say).
    """
    followable = followables.kind_get(kind)
    if followable is None or not followable.resolve(ids=[object_id], user=user):
        raise AlertError(
            "not_found",
            _("Dit onderwerp bestaat niet (meer) of u kunt het niet volgen."),
            status=404,
        )
    follow, _created = Follow.objects.get_or_create(user=user, kind=kind, object_id=object_id)
    return follow


def follow_remove(*, user, kind: str, object_id: int) -> bool:
    """Stop following; True when the person followed it. Never touches someone else's."""
    deleted, _rows = Follow.objects.filter(user=user, kind=kind, object_id=object_id).delete()
    return bool(deleted)


def alert_frequency_set(*, user, frequency: str) -> AlertSettings:
    """Choose the digest: none, weekly or monthly. A new choice starts with the next period:
    no digest of periods before it (``digest_until`` is set to the current period's start)."""
    if frequency not in Frequency.values:
        raise AlertError("bad_frequency", _("Kies hoe vaak u e-mail wilt ontvangen."))
    with transaction.atomic():
        settings, _created = AlertSettings.objects.select_for_update().get_or_create(user=user)
        if settings.frequency != frequency:
            settings.frequency = frequency
            if frequency != Frequency.NEVER:
                _start, end = selectors.digest_period(frequency=frequency)
                settings.digest_until = end
            settings.save(update_fields=["frequency", "digest_until"])
    return settings


def unsubscribe_token_check(*, token: str) -> User:
    """The person a signed unsubscribe ``token`` names. A forged, damaged or foreign token is
    refused with ``AlertError("bad_link")`` (400)."""
    try:
        return User.objects.get(pk=notifications.unsubscribe_user_id(token))
    except (signing.BadSignature, KeyError, TypeError, ValueError, User.DoesNotExist) as error:
        raise AlertError(
            "bad_link",
            _(
                "Deze afmeldlink klopt niet. Gebruik de link uit de laatste e-mail, of wijzig "
                "uw keuze op de pagina Mijn meldingen."
            ),
        ) from error


def digest_unsubscribe(*, token: str) -> User:
    """Stop the digest of whoever the signed ``token`` names, without a login. Idempotent; a
    bad token changes nothing (``unsubscribe_token_check``)."""
    user = unsubscribe_token_check(token=token)
    AlertSettings.objects.update_or_create(user=user, defaults={"frequency": Frequency.NEVER})
    return user


def digests_queue(*, now: datetime | None = None) -> int:
    """Queue the digest of the last complete week and month for everyone who chose one; the
    number queued.

    Guarantees: one message per person per period (``digest_until`` moves to the period's end
    in the same transaction that queues it, and the outbox's dedupe key holds even if two runs
    overlap), so it is safe to run every hour and twice; nothing is sent when nothing new was
    published about what the person follows and may see.
    """
    now = now or timezone.now()
    queued = 0
    for frequency in (Frequency.WEEKLY, Frequency.MONTHLY):
        start, end = selectors.digest_period(frequency=frequency, now=now)
        for settings in selectors.digest_candidates(frequency=frequency, end=end):
            if _digest_queue_one(
                settings_id=settings.pk, frequency=frequency, start=start, end=end
            ):
                queued += 1
    return queued


def _digest_queue_one(*, settings_id: int, frequency: str, start, end) -> bool:
    with transaction.atomic():
        settings = (
            AlertSettings.objects.select_for_update()
            .select_related("user")
            .filter(pk=settings_id, frequency=frequency)
            .first()
        )
        if settings is None or (settings.digest_until and settings.digest_until >= end):
            return False
        user = settings.user
        sections = selectors.digest_sections(user=user, start=start, end=end)
        settings.digest_until = end
        settings.save(update_fields=["digest_until"])
        if not sections:
            return False
        notifications.digest_queue(
            user=user, sections=sections, start=start, end=end, frequency=frequency
        )
    return True


def pioneer_contact_set(*, user, accepts_messages: bool) -> PioneerContact:
    """The pioneer's own switch: colleagues may (not) write to them through the platform.
    Refused (403) for someone who is not linked to a pioneer profile."""
    updated = PioneerContact.objects.filter(user=user).update(accepts_messages=accepts_messages)
    if not updated:
        raise AlertError(
            "not_a_pioneer", _("Uw account hoort niet bij een pioniersprofiel."), status=403
        )
    return PioneerContact.objects.get(user=user)


def pioneer_contact_send(*, sender, profile, message: str) -> None:
    """Relay a short message from ``sender`` to the pioneer of ``profile`` by e-mail, with a
    copy to the sender. The pioneer's address is in neither what the sender sees nor the
    copy; the pioneer can answer the sender directly (Reply-To).

    Refused with ``AlertError``: 403 when the pioneer does not accept messages (or has no
    linked account, or the sender may not see the profile), 400 for an empty or too long text.
    Both e-mails are queued in one transaction, or neither (``notifications.contact_queue``).
    """
    contact = selectors.pioneer_contact_for(profile=profile)
    if not selectors.can_contact(contact=contact, sender=sender):
        raise AlertError(
            "contact_off",
            _("Deze pionier ontvangt geen berichten via het platform."),
            status=403,
        )
    text = (message or "").strip()
    if "\x00" in text or not CONTACT_MESSAGE_MIN_LENGTH <= len(text) <= CONTACT_MESSAGE_MAX_LENGTH:
        raise AlertError(
            "bad_message",
            _("Schrijf een bericht van %(min)d tot %(max)d tekens.")
            % {"min": CONTACT_MESSAGE_MIN_LENGTH, "max": CONTACT_MESSAGE_MAX_LENGTH},
        )
    notifications.contact_queue(
        sender=sender, pioneer=contact.user, profile=contact.profile, message=text
    )
    logger.info(
        "pioneer contacted",
        extra={"event": "pioneer_contacted", "profile_id": profile.pk, "sender_id": sender.pk},
    )
