"""Taking a person's name and e-mail addresses out of text that stays after they are gone.

Some rows outlive the person they mention: a hand-over note on a colleague's registration, a
monitor log line, a coordinator's e-mail about an application, a page revision. The erasers in
the personal-data registry (and the retention tasks) use these helpers to replace every
mention with ``REDACTED``, in plain text and in JSON (revisions, e-mail payloads, StreamField
content) alike.
"""

import json
import re
from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from wagtail.fields import StreamField

# Stored in the data itself (not translated at display time), like any other stored text.
REDACTED = "[verwijderd]"
# Shorter names or addresses would match inside ordinary words.
MIN_TERM_LENGTH = 3


def email_addresses(user) -> set[str]:
    """Every e-mail address of the account, lower case: the login address and allauth's."""
    from allauth.account.models import EmailAddress

    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user.pk).values_list("email", flat=True),
    }
    return {address.strip().lower() for address in addresses if address and address.strip()}


def identifiers(user) -> list[str]:
    """The strings that name ``user``: the full name and every e-mail address of the account."""
    terms = {" ".join((user.full_name or "").split()), *email_addresses(user)}
    return sorted((term for term in terms if len(term) >= MIN_TERM_LENGTH), key=len, reverse=True)


def _pattern(terms: Iterable[str]) -> re.Pattern | None:
    # Whole words only ("Jan" is not taken out of "januari"); any white space between the
    # parts of a name ("Jan  de\nVries").
    parts = [
        r"(?<!\w)" + r"\s+".join(re.escape(word) for word in term.split()) + r"(?!\w)"
        for term in terms
    ]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def redact(value, terms: Iterable[str]):
    """``value`` with every term replaced by ``REDACTED``; strings, lists and dicts (JSON),
    also JSON that was stored as a string (Wagtail keeps StreamFields so in revisions)."""
    pattern = _pattern(terms)
    return value if pattern is None else _redact(value, pattern)


def _redact(value, pattern: re.Pattern):
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                nested = json.loads(value)
            except ValueError:
                nested = None
            if isinstance(nested, list | dict):
                redacted = _redact(nested, pattern)
                return value if redacted == nested else json.dumps(redacted)
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [_redact(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _redact(item, pattern) for key, item in value.items()}
    return value


def text_fields(model) -> list[models.Field]:
    """The fields of ``model`` that can hold free text: char, text and JSON (StreamField too).

    Slugs and Wagtail's URL paths are left out (they are the page's address, not a mention),
    as are fields with fixed choices and unique keys (tokens, paths: two rows redacted alike
    would collide, and the deletion would fail).
    """
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.unique or field.choices or field.is_relation:
            continue
        if isinstance(field, models.SlugField) or field.name == "url_path":
            continue
        if isinstance(field, models.CharField | models.TextField) or _is_json(field):
            fields.append(field)
    return fields


def _is_json(field) -> bool:
    return isinstance(field, models.JSONField | StreamField)


def redact_rows(queryset, terms: Iterable[str]) -> int:
    """Replace the terms in every free-text field of the rows of ``queryset``; returns how many
    rows changed. Rows that mention none of the terms are not touched (one query finds them)."""
    terms = list(terms)
    pattern = _pattern(terms)
    model = queryset.model
    fields = text_fields(model)
    if pattern is None or not fields:
        return 0
    # A cheap filter in the database first (the longest word of each term), then the exact
    # whole-word match in Python. JSON kept as text escapes "ü" as \u00fc, once or twice.
    words = set()
    for term in terms:
        word = max(term.split(), key=len)
        once = json.dumps(word)[1:-1]
        words |= {word, once, json.dumps(once)[1:-1]}
    casts = {
        f"_redact_{field.attname}": Cast(field.attname, models.TextField()) for field in fields
    }
    condition = Q()
    for alias in casts:
        for word in words:
            condition |= Q(**{f"{alias}__icontains": word})
    changed = 0
    rows = queryset.annotate(**casts).filter(condition).values("pk", *casts)
    for row in rows.iterator():
        updates = {}
        for field in fields:
            stored = row[f"_redact_{field.attname}"]
            if stored is None:
                continue
            value = json.loads(stored) if _is_json(field) else stored
            redacted = _redact(value, pattern)
            if redacted == value:
                continue
            if isinstance(redacted, str) and getattr(field, "max_length", None):
                redacted = redacted[: field.max_length]
            updates[field.attname] = redacted
        if updates:
            model._base_manager.filter(pk=row["pk"]).update(**updates)
            changed += 1
    return changed
