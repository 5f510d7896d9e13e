"""The accounts app's domain error (kept apart so every accounts module can raise it)."""

from learning.core.errors import DomainError


class AccountError(DomainError):
    """A refused account action, with a code for programs and a Dutch message for people."""
