"""Query counts of warm requests, for the cached index pages' tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def warm_queries(client, url) -> int:
    """The queries of a request once the caches are warm."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
