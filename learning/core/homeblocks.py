"""What the home page shows, in one registry: each app contributes its own blocks.

The home page (``home``) is near the top of the layers, but the rules of what a block holds
(which events are upcoming, which circles take applications, what the monitor asks of an
organisation) live in the apps' selectors. So each app registers its blocks here in its
``AppConfig.ready()``; the home page shows them in ``order``:

- ``audience="anonymous"``: what the platform offers, for visitors who are not logged in;
- ``audience="personal"``: the person's own next steps, once logged in.

``context(request=)`` returns the block's template context, or None to leave the block out
(nothing to show). It must only return what ``request.user`` may see, and run a fixed number
of queries however much content there is.
"""

from collections.abc import Callable
from dataclasses import dataclass

ANONYMOUS = "anonymous"
PERSONAL = "personal"


@dataclass(frozen=True)
class HomeBlock:
    name: str
    order: int
    audience: str
    template: str
    context: Callable[..., dict | None]


_blocks: dict[tuple[str, str], HomeBlock] = {}


def register(block: HomeBlock) -> None:
    if block.audience not in (ANONYMOUS, PERSONAL):
        raise ValueError(f"home block audience must be {ANONYMOUS!r} or {PERSONAL!r}")
    _blocks[(block.audience, block.name)] = block


def blocks_for(*, audience: str) -> list[HomeBlock]:
    """The blocks of one audience, in their order."""
    return sorted(
        (block for (kind, _name), block in _blocks.items() if kind == audience),
        key=lambda block: (block.order, block.name),
    )
