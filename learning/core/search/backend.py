"""Wagtail's database search backend, made to understand Dutch words on PostgreSQL.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "learning.core.search.backend",
"SEARCH_CONFIG": "dutch"}}``. On PostgreSQL the index holds the words as the Dutch snowball
stemmer reduces them. The stemmer alone does not bring singular and plural together: it
gives 'brug' for "brug" and 'brugg' for "bruggen". So each word typed is searched as the start
of a word (``'brug':*`` also matches 'brugg' and 'bruggetj'), together with the start of its
singular as a Dutch plural ending suggests it ("bruggen" → "brug", "fietsen" → "fiets",
"auto's" → "auto"), and the start of the word as typed without stemming (the stemmer makes
'kringlop' of "kringloop", which is not the start of 'kringloopcentrum'). All words typed
must match (AND); the variants of one word are an OR.

On SQLite (``make run``) Wagtail's own SQLite backend does the work, without stemming.
"""

from __future__ import annotations

import re
from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

# A shorter word is matched whole: "a" as the start of a word would match nearly everything.
MIN_PREFIX_LENGTH = 3
VOWELS = set("aeiouy")
WORD_SEPARATORS = re.compile(r"[\s\-]+")
# The Dutch snowball stop words (PostgreSQL's dutch.stop): the stemmed search drops them, so
# the unstemmed word start must too, or "voor" would have to start a word of the text.
_STOP_WORDS_TEXT = """de en van ik te dat die in een hij het niet zijn is was op aan met als
voor had
er maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar
haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd
doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere"""
DUTCH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def word_forms(word: str) -> list[str]:
    """``word`` in lower case, followed by the singular(s) its plural ending suggests.

    Only what Dutch spelling makes likely: -en after a doubled consonant (bruggen → brug),
    -en (fietsen → fiets), -'s (auto's → auto), -s after a vowel+consonant ending of at least
    four letters (tafels → tafel). Wrong guesses cost little: they are word starts that the
    other words typed must still agree with."""
    word = word.lower()
    forms = [word]
    if word.endswith("'s") and len(word) > 4:
        forms.append(word[:-2])
    elif word.endswith("en") and len(word) > 5:
        stem = word[:-2]
        if stem[-1] == stem[-2] and stem[-1] not in VOWELS:
            forms.append(stem[:-1])
        forms.append(stem)
    elif word.endswith("s") and len(word) > 4 and word[-2] not in VOWELS:
        forms.append(word[:-1])
    return list(dict.fromkeys(forms))


def word_starts(text: str) -> list[list[str]]:
    """The forms of each word of ``text`` (see ``word_forms``), as the search uses them."""
    return [word_forms(word) for word in WORD_SEPARATORS.split(text) if word]


class DutchSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Plain-text queries as word starts of each word and its singular (see the module)."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText) or invert:
            return super().build_tsquery_content(query, config=config, invert=invert)
        words = word_starts(query.query_string)
        if not words:
            return None
        alternatives = [self._word_query(forms, config) for forms in words]
        if query.operator == "or":
            return reduce(lambda left, right: left | right, alternatives)
        return reduce(lambda left, right: left & right, alternatives)

    @staticmethod
    def _word_query(forms: list[str], config) -> SearchQuery:
        """One word typed: the start of each of its forms as the stemmer reduces them, or
        the start of the word as typed, unstemmed. The stemmer changes the end of a word
        ("kringloop" → 'kringlop') but not of a compound it begins ('kringloopcentrum')."""
        stemmed = SearchQuery(
            reduce(
                lambda left, right: left | right,
                [Lexeme(form, prefix=len(form) >= MIN_PREFIX_LENGTH) for form in forms],
            ),
            search_type="raw",
            config=config,
        )
        typed = forms[0]
        if len(typed) < MIN_PREFIX_LENGTH or typed in DUTCH_STOP_WORDS:
            return stemmed
        as_typed = SearchQuery(Lexeme(typed, prefix=True), search_type="raw", config="simple")
        return stemmed | as_typed


class DutchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = DutchSearchQueryCompiler


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """The backend for the database in use: Dutch word starts on PostgreSQL, Wagtail's own
    database backend (SQLite FTS5) otherwise."""
    if connection.vendor == "postgresql":
        return DutchPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
