from learning.core.errors import DomainError


class AlertError(DomainError):
    """A refused follow, unsubscribe or contact message (status 400 unless said otherwise)."""

    status = 400
