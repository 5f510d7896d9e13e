from learning.core.errors import DomainError


class EvaluationError(DomainError):
    """A refused evaluation action (answered already, not an attendee, closed, bad answers)."""
