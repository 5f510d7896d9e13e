"""Messages whose content is made when they are sent, not when they are queued.

A change that must be fast under a lock (a registration) queues a small row: recipient, kind,
a renderer name and a JSON payload. The worker renders subject, text, HTML and attachments on
the first send attempt and stores them, so a retry sends exactly the same message.
"""

from collections.abc import Callable
from typing import TypedDict


class Rendered(TypedDict, total=False):
    subject: str
    text: str
    html: str
    attachments: list[dict[str, str]]


_renderers: dict[str, Callable[[dict], Rendered]] = {}


def register(name: str, func: Callable[[dict], Rendered]) -> None:
    _renderers[name] = func


def render(name: str, payload: dict) -> Rendered:
    try:
        renderer = _renderers[name]
    except KeyError as error:
        raise LookupError(f"no outbox renderer named {name!r}") from error
    return renderer(payload)
