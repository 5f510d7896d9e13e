"""The indicators' refusals: a code for programs, a Dutch message for people."""

from learning.core.errors import DomainError


class IndicatorError(DomainError):
    """A refused indicator action. ``field`` names the form field a message belongs to, and
    ``current`` is the stored value a refused save ran into (for "conflict")."""

    def __init__(self, code: str, message, *, status: int | None = None, field=None, current=None):
        super().__init__(code, message, status=status)
        self.field = field
        self.current = current
