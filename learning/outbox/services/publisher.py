"""The web process's publisher: the e-mails of many requests handed to the broker at once.

A publish costs the web request about 1.4 ms of CPU (Celery builds the message, kombu a Redis
client for it), a tenth of a registration under a rush. With ``OUTBOX_DISPATCH_DELAY`` above
zero and a real broker, a committed transaction only hands its message ids to this process's
publisher thread; the thread waits that long for the ids of other requests and publishes them
all in one task. Its cost leaves the request and is shared by every message of the batch.

Nothing can be lost by it: every message is a row in the outbox before its id gets here. If
the process dies before the thread published, or the broker is down, the messages stay queued
and the periodic flush dispatches them after ``DISPATCH_GRACE``. A process made by ``fork``
(gunicorn's workers) starts its own thread on first use and never publishes its parent's ids.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Callable


class Publisher:
    """Collects ids and calls ``publish(ids)`` once per ``delay`` seconds at most, from a
    daemon thread of its own (one per process)."""

    def __init__(self, publish: Callable[[list[int]], bool], *, delay: float):
        self.publish = publish
        self.delay = delay
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pending: list[int] = []
        self._pid: int | None = None

    def add(self, ids: list[int]) -> None:
        with self._lock:
            if self._pid != os.getpid():
                # First use in this process: a thread of its own, nothing of the parent's.
                self._pid = os.getpid()
                self._pending = []
                self._wake = threading.Event()
                threading.Thread(target=self._run, name="outbox-publisher", daemon=True).start()
            self._pending.extend(ids)
            self._wake.set()

    def flush(self) -> int:
        """Publish what is waiting now; returns how many ids."""
        with self._lock:
            if self._pid != os.getpid():
                return 0
            ids, self._pending = self._pending, []
            self._wake.clear()
        if ids:
            self.publish(ids)
        return len(ids)

    def _run(self) -> None:
        wake = self._wake
        while True:
            wake.wait()
            time.sleep(self.delay)  # the ids of the requests meanwhile join this publish
            self.flush()


_publishers: dict[tuple[Callable, float], Publisher] = {}
_publishers_lock = threading.Lock()


def publisher_for(publish: Callable[[list[int]], bool], *, delay: float) -> Publisher:
    """The process's publisher for ``publish`` and ``delay``; what it holds is published
    when the process exits normally."""
    with _publishers_lock:
        publisher = _publishers.get((publish, delay))
        if publisher is None:
            publisher = _publishers[(publish, delay)] = Publisher(publish, delay=delay)
            atexit.register(publisher.flush)
        return publisher
