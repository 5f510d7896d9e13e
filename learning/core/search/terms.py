"""What a visitor types into a search box, made safe for Wagtail search on every backend."""

MAX_QUERY_LENGTH = 200


def search_terms(text: str) -> str:
    """``text`` as plain search words: no control characters (PostgreSQL refuses NUL), no
    double quotes (SQLite's full-text syntax reads them as an unterminated phrase), single
    spaces, at most MAX_QUERY_LENGTH characters. Empty when nothing searchable is left."""
    kept = "".join(char if char.isprintable() and char != '"' else " " for char in text)
    return " ".join(kept.split())[:MAX_QUERY_LENGTH].strip()
