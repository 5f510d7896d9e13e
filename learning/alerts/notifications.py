"""The e-mails of this app, made when they are queued: the digest and the relayed message to a
pioneer (with its copy to the sender). Signed unsubscribe links."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.outbox.services import message_queue

from .models import Frequency

DIGEST = "alerts_digest"
PIONEER_CONTACT = "alerts_pioneer_contact"
PIONEER_CONTACT_COPY = "alerts_pioneer_contact_copy"
KIND_LABELS = {
    DIGEST: gettext_lazy("Nieuws over wat u volgt"),
    PIONEER_CONTACT: gettext_lazy("Bericht aan een pionier"),
    PIONEER_CONTACT_COPY: gettext_lazy("Kopie van een bericht aan een pionier"),
}
UNSUBSCRIBE_SALT = "alerts.unsubscribe"


def unsubscribe_token(*, user) -> str:
    """A signed token naming the person; it stops their digest, no login needed."""
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_user_id(token: str) -> int:
    """The person's id from a token; ``signing.BadSignature`` (or ValueError) when forged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"])


def absolute(url: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{url}" if url.startswith("/") else url


def unsubscribe_url(*, user) -> str:
    return absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(user=user)]))


def digest_headers(*, user) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs show their own "unsubscribe" button, which POSTs
    ``List-Unsubscribe=One-Click`` to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user=user)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def digest_content(*, user, sections, start, end, frequency_label) -> dict[str, str]:
    context = {
        "user": user,
        "sections": [
            {
                "name": section.followed.name,
                "kind_label": section.kind_label,
                "url": absolute(section.followed.url) if section.followed.url else "",
                "items": [
                    {
                        "title": item.title,
                        "label": item.label,
                        "url": absolute(item.url),
                        "published_at": item.published_at,
                    }
                    for item in section.items
                ],
            }
            for section in sections
        ],
        "start": start,
        "end": end,
        "frequency_label": frequency_label,
        "unsubscribe_url": unsubscribe_url(user=user),
        "settings_url": absolute(reverse("alerts:settings")),
        "site_url": settings.SITE_URL,
    }
    return {
        "subject": _("Nieuw op Circulair Leren over wat u volgt"),
        "text": render_to_string("alerts/email/digest.txt", context),
        "html": render_to_string("alerts/email/digest.html", context),
    }


def contact_content(*, sender, profile, message: str, copy: bool) -> dict[str, str]:
    organisation = sender.organisation.display_name if sender.organisation_id else ""
    context = {
        "sender": sender,
        "sender_organisation": organisation,
        "profile": profile,
        "message": message,
        "profile_url": absolute(profile.url or ""),
        "settings_url": absolute(reverse("alerts:settings")),
        "site_url": settings.SITE_URL,
    }
    if copy:
        subject = _("Kopie van uw bericht aan %(name)s") % {"name": profile.title}
        template = "alerts/email/contact_copy.txt"
    else:
        subject = _("Bericht van %(name)s via Circulair Leren") % {"name": sender.full_name}
        template = "alerts/email/contact.txt"
    return {"subject": subject, "text": render_to_string(template, context)}


def digest_queue(*, user, sections, start, end, frequency: str) -> None:
    """Queue one digest for ``user`` and the period starting at ``start`` (a second call for
    the same period queues nothing: the dedupe key)."""
    message_queue(
        to=user.email,
        kind=DIGEST,
        user=user,
        headers=digest_headers(user=user),
        dedupe_key=f"alerts-digest-{user.pk}-{frequency}-{start:%Y-%m-%d}",
        **digest_content(
            user=user,
            sections=sections,
            start=start,
            end=end,
            frequency_label=Frequency(frequency).label,
        ),
    )


def contact_queue(*, sender, pioneer, profile, message: str) -> None:
    """Queue the relayed message to the pioneer (Reply-To: the sender) and its copy to the
    sender, in one transaction."""
    with transaction.atomic():
        message_queue(
            to=pioneer.email,
            kind=PIONEER_CONTACT,
            user=pioneer,
            headers={"Reply-To": sender.email},
            **contact_content(sender=sender, profile=profile, message=message, copy=False),
        )
        message_queue(
            to=sender.email,
            kind=PIONEER_CONTACT_COPY,
            user=sender,
            **contact_content(sender=sender, profile=profile, message=message, copy=True),
        )
