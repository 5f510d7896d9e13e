"""Messages whose content is made when they are sent, not when they are queued.

A change that must be fast under a lock (a registration) queues a small row: recipient, kind,
a renderer name and a JSON payload. The worker renders subject, text, HTML and attachments on
the first send attempt and stores them, so a retry sends exactly the same message.

A *confidential* renderer (account and security e-mails: password reset, address
verification) is different: its payload holds what is needed to make the message again, never
a secret, and its content is made afresh at every attempt and never stored. Nobody but the
recipient ever reads it: not in the admin, not in an export, not in a database dump.

Every *kind* of message (``message_queue(kind=…)``) has a Dutch name for the admin's listing,
filter and export: each app registers the kinds it queues with ``kinds_register`` in its
``AppConfig.ready()``, as it registers its renderer. A kind nobody registered shows its code.
"""

from collections.abc import Callable, Mapping
from typing import TypedDict


class Rendered(TypedDict, total=False):
    subject: str
    text: str
    html: str
    attachments: list[dict[str, str]]


_renderers: dict[str, Callable[[dict], Rendered]] = {}
_confidential: set[str] = set()
_kind_labels: dict[str, object] = {}


def register(name: str, func: Callable[[dict], Rendered], *, confidential: bool = False) -> None:
    _renderers[name] = func
    if confidential:
        _confidential.add(name)
    else:
        _confidential.discard(name)


def is_confidential(name: str) -> bool:
    return name in _confidential


def confidential_names() -> list[str]:
    """The renderers whose messages are never stored and never shown (for the admin's filter)."""
    return sorted(_confidential)


def render(name: str, payload: dict) -> Rendered:
    try:
        renderer = _renderers[name]
    except KeyError as error:
        raise LookupError(f"no outbox renderer named {name!r}") from error
    return renderer(payload)


def kinds_register(labels: Mapping[str, object]) -> None:
    """Register the kinds of message an app queues, each with its Dutch name (gettext_lazy,
    so it follows the language of the request that shows it)."""
    _kind_labels.update(labels)


def kind_label(kind: str) -> str:
    """The Dutch name of ``kind`` for coordinators; an unknown kind (a row from before a kind
    was renamed, say) shows its code."""
    label = _kind_labels.get(kind)
    return str(label) if label is not None else kind


def registered_kinds() -> list[str]:
    return sorted(_kind_labels)
