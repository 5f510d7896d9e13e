"""Search words marked in a result's text, safely: everything is escaped, only <mark> is ours."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .backend import MIN_PREFIX_LENGTH, word_starts

SNIPPET_LENGTH = 240


def _pattern(query: str) -> re.Pattern | None:
    """Words that start with a form of a word typed (as the search matches them)."""
    starts = sorted(
        {form for forms in word_starts(query) for form in forms if form.strip()},
        key=len,
        reverse=True,
    )
    if not starts:
        return None
    alternatives = "|".join(
        re.escape(start) + (r"\w*" if len(start) >= MIN_PREFIX_LENGTH else r"\b")
        for start in starts
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def _marked(text: str, pattern: re.Pattern | None) -> SafeString:
    if pattern is None:
        return escape(text)
    parts, position = [], 0
    for match in pattern.finditer(text):
        if not match.group(0):
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text is escaped above)


def highlight_title(title: str, query: str) -> SafeString:
    """``title`` escaped, with the words that match ``query`` in <mark>."""
    return _marked(title, _pattern(query))


def highlight_snippet(text: str, query: str, *, length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters of ``text`` around the first match of ``query`` (from the
    start when nothing matches), escaped, with the matching words in <mark> and "…" where
    the text was cut."""
    text = " ".join(text.split())
    if not text:
        return SafeString("")
    pattern = _pattern(query)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    end = start + length
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    window = text[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + _marked(window, pattern) + suffix)  # noqa: S308 (escaped)
