"""The site search: every registered kind, ranked together, for one person.

Pages of every type are searched in one query, the other kinds in one query each; the
rankings are comparable (the same PostgreSQL ranking over Wagtail's one index table), so the
results are merged by score. A page of results then costs one query for the snippets and one
per kind of the other kinds on it for their links: the number of queries depends on the
number of registered kinds, never on the number of pages or results.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils.safestring import SafeString
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from ..visibility import pages_visible_to
from .highlight import highlight_snippet
from .registry import (
    PAGE_KIND_KEY,
    PAGE_KIND_LABEL,
    SearchKind,
    kinds,
    other_kinds,
    page_kind_by_content_type,
    page_kinds,
)

# Results beyond this are not paged through (each further page would fetch more rows from
# every kind); the page says how many there are and asks for more words.
MAX_RESULTS = 500


@dataclass
class SearchHit:
    """One result: what it is (``kind_label``), its link, its title (plain text) and its
    snippet with the words searched for marked (escaped HTML)."""

    obj: Any
    score: float
    kind_key: str
    kind_label: Any
    url: str = ""
    title: str = ""
    snippet: SafeString = SafeString("")

    @property
    def pk(self):
        return self.obj.pk


@dataclass
class _Group:
    kind: SearchKind | None  # None: the pages, all kinds of page together
    results: Any
    fetched: list | None = None
    fetched_stop: int = 0
    count: int | None = None

    def best(self, stop: int) -> list:
        """The ``stop`` best results of this group (one query, none when already known)."""
        if self.fetched is None or self.fetched_stop < stop:
            self.fetched = list(self.results[:stop])
            self.fetched_stop = stop
        return self.fetched[:stop]


class SiteSearchResults:
    """The ranked results, as a sequence a Django Paginator can slice.

    Only what a page of results needs is fetched: the best ``stop`` results of each kind, and
    each kind's count (one query each, whatever the numbers)."""

    def __init__(self, *, query: str, groups: list[_Group]):
        self.query = query
        self.groups = groups

    @property
    def total(self) -> int:
        """How many results there are in all (also beyond MAX_RESULTS)."""
        for group in self.groups:
            if group.count is None:
                group.count = group.results.count()
        return sum(group.count for group in self.groups)

    def count(self) -> int:
        return min(self.total, MAX_RESULTS)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, min(index.stop or MAX_RESULTS, MAX_RESULTS)
        # Best first; equal scores in a fixed order (kind, then newest), as the backend's own.
        ranked = sorted(
            (
                (obj, index, group)
                for index, group in enumerate(self.groups)
                for obj in group.best(stop)
            ),
            key=lambda item: (-(getattr(item[0], "_score", 0) or 0), item[1], -item[0].pk),
        )
        return [_hit(obj, group) for obj, _index, group in ranked[start:stop]]


def _hit(obj, group: _Group) -> SearchHit:
    score = getattr(obj, "_score", 0) or 0
    if group.kind is not None:
        return SearchHit(obj=obj, score=score, kind_key=group.kind.key, kind_label=group.kind.label)
    kind = page_kind_by_content_type().get(obj.content_type_id)
    if kind is None:
        return SearchHit(obj=obj, score=score, kind_key=PAGE_KIND_KEY, kind_label=PAGE_KIND_LABEL)
    return SearchHit(obj=obj, score=score, kind_key=kind.key, kind_label=kind.label)


def _page_group(*, user, kind_key: str, theme: str):
    pages = pages_visible_to(Page.objects.live(), user)
    registered = page_kinds()
    if kind_key == PAGE_KIND_KEY:
        content_types = ContentType.objects.get_for_models(*[kind.model for kind in registered])
        pages = pages.exclude(content_type__in=[ct.pk for ct in content_types.values()])
        selected = []
    elif kind_key:
        selected = [kind for kind in registered if kind.key == kind_key]
        content_type = ContentType.objects.get_for_model(selected[0].model)
        pages = pages.filter(content_type=content_type)
    else:
        selected = registered
    if theme:
        themed = [kind for kind in selected if kind.theme_lookup]
        if not themed:
            return None
        condition = Q()
        for kind in themed:
            condition |= Q(pk__in=kind.themed(theme))
        pages = pages.filter(condition)
    return pages


def site_search(*, query: str, user, kind_key: str = "", theme: str = "") -> SiteSearchResults:
    """What ``user`` finds for ``query``: live pages they may see (Wagtail's view
    restrictions, learning.core.visibility) and each registered kind's ``visible(user)``,
    best first. ``kind_key`` narrows to one kind ("pagina": the unregistered page types);
    ``theme`` (a theme slug) to what has that theme, which leaves out the kinds without
    themes. ``query`` must come from ``search_terms``; unknown keys are the caller's concern."""
    backend = get_search_backend()
    groups: list[_Group] = []
    page_key_selected = (
        not kind_key
        or kind_key == PAGE_KIND_KEY
        or any(kind.key == kind_key for kind in page_kinds())
    )
    if query and page_key_selected:
        pages = _page_group(user=user, kind_key=kind_key, theme=theme)
        if pages is not None:
            results = backend.search(query, pages, operator="and").annotate_score("_score")
            groups.append(_Group(kind=None, results=results))
    for kind in other_kinds():
        if not query or (kind_key and kind.key != kind_key):
            continue
        if theme and not kind.theme_lookup:
            continue
        visible = kind.visible(user)
        if theme:
            visible = visible.filter(pk__in=kind.themed(theme))
        objects = kind.model._default_manager.filter(pk__in=visible.values("pk"))
        results = backend.search(query, objects, operator="and").annotate_score("_score")
        groups.append(_Group(kind=kind, results=results))
    return SiteSearchResults(query=query, groups=groups)


def _index_texts(hits: list[SearchHit]) -> dict[tuple[int, str], str]:
    """The indexed text of each hit, in one query (the text the search matched)."""
    if not hits:
        return {}
    text_field = "body_text" if connection.vendor == "postgresql" else "body"
    condition = Q()
    keys = []
    for hit in hits:
        content_type_id = getattr(hit.obj, "content_type_id", None) or (
            ContentType.objects.get_for_model(hit.obj).pk
        )
        keys.append((content_type_id, str(hit.obj.pk)))
        condition |= Q(content_type_id=content_type_id, object_id=str(hit.obj.pk))
    rows = IndexEntry.objects.filter(condition).values_list(
        "content_type_id", "object_id", text_field
    )
    return {(content_type_id, object_id): text or "" for content_type_id, object_id, text in rows}


def search_hits_prepare(hits: list[SearchHit], *, query: str, request) -> list[SearchHit]:
    """Give the hits of one page of results their links, marked titles and snippets.

    One query for the snippets, one per kind (not page) among the hits for the links."""
    texts = _index_texts(hits)
    by_kind: dict[str, list[SearchHit]] = {}
    registered = {kind.key: kind for kind in kinds()}
    for hit in hits:
        kind = registered.get(hit.kind_key)
        if kind is not None and not kind.is_page:
            by_kind.setdefault(kind.key, []).append(hit)
        else:
            hit.url = hit.obj.get_url(request=request) or ""
    for key, kind_hits in by_kind.items():
        urls = registered[key].urls([hit.obj for hit in kind_hits], request)
        for hit in kind_hits:
            hit.url = urls.get(hit.obj.pk, "")
    for hit in hits:
        content_type_id = getattr(hit.obj, "content_type_id", None) or (
            ContentType.objects.get_for_model(hit.obj).pk
        )
        kind = registered.get(hit.kind_key)
        title = kind.title(hit.obj) if kind is not None and kind.title else str(hit.obj)
        hit.title = title  # plain text, escaped by the template
        hit.snippet = highlight_snippet(texts.get((content_type_id, str(hit.obj.pk)), ""), query)
    return hits


# The words a spelling suggestion may come from: those of page titles the person may see.
SUGGESTION_MIN_LENGTH = 4
SUGGESTION_CUTOFF = 0.75


def search_spelling_suggestion(*, query: str, user) -> str:
    """``query`` with each word that no visible page title contains replaced by the closest
    word of such a title ("kringlop" → "kringloop"), or "" when nothing changes.

    One query (the titles of the live pages ``user`` may see); meant for a search without
    results, so it never suggests a word from a page the person may not see."""
    words = query.lower().split()
    if not words:
        return ""
    titles = pages_visible_to(Page.objects.live(), user).values_list("title", flat=True)
    vocabulary = {
        word
        for title in titles
        for word in re.findall(r"\w+", title.lower())
        if len(word) >= SUGGESTION_MIN_LENGTH
    }
    suggested = []
    for word in words:
        if word in vocabulary or len(word) < SUGGESTION_MIN_LENGTH:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=SUGGESTION_CUTOFF)
        suggested.append(close[0] if close else word)
    suggestion = " ".join(suggested)
    return suggestion if suggestion != " ".join(words) else ""
