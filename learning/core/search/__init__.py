"""Site search: what people type (terms), what the apps make findable (registry), Wagtail's
search backend with Dutch word starts (backend), the search itself (selectors) and the marked
titles and snippets of its results (highlight)."""

from .terms import MAX_QUERY_LENGTH, search_terms

__all__ = ["MAX_QUERY_LENGTH", "search_terms"]
