"""The outbox's refusals: one code and one Dutch message each."""

from learning.core.errors import DomainError


class OutboxError(DomainError):
    """A refused outbox action, with a code for programs and a Dutch message for people."""
