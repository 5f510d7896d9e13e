"""Messages whose content is made when they are sent (a renderer), and their attachments."""

from collections.abc import Iterable, Mapping

from .. import renderers
from ..models import OutboxMessage

ATTACHMENT_KEYS = {"filename", "content", "mimetype"}
# The header lines a caller may add (``message_queue(headers=…)``); anything else (From, To,
# Bcc …) is the outbox's own business.
EXTRA_HEADERS = {"List-Unsubscribe", "List-Unsubscribe-Post", "Reply-To"}
SUBJECT_MAX_LENGTH = OutboxMessage._meta.get_field("subject").max_length


def _clean_attachments(attachments: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    cleaned = []
    for attachment in attachments:
        if set(attachment) != ATTACHMENT_KEYS or not isinstance(attachment["content"], str):
            raise ValueError(
                "an attachment is a mapping with filename, content (text) and mimetype"
            )
        cleaned.append({key: attachment[key] for key in sorted(ATTACHMENT_KEYS)})
    return cleaned


def _clean_headers(headers: Mapping[str, str]) -> dict[str, str]:
    cleaned = {}
    for name, value in headers.items():
        if name not in EXTRA_HEADERS:
            raise ValueError(f"header {name!r} is not one of {sorted(EXTRA_HEADERS)}")
        if not isinstance(value, str) or "\n" in value or "\r" in value:
            raise ValueError(f"header {name!r} must be one line of text")
        cleaned[name] = value
    return cleaned


def _render(message: OutboxMessage, *, store: bool = True) -> None:
    """Make the content of a deferred message; store it, so every retry sends the same.

    With ``store=False`` (confidential messages) the content lives only in this worker's
    memory for this one attempt.
    """
    rendered = renderers.render(message.renderer, message.payload)
    message.subject = " ".join(rendered.get("subject", "").split())[:SUBJECT_MAX_LENGTH]
    message.text = rendered["text"]
    message.html = rendered.get("html", "")
    message.attachments = _clean_attachments(rendered.get("attachments", ()))
    if store:
        message.save(update_fields=["subject", "text", "html", "attachments"])
