"""The accounts app's domain error (kept apart so every accounts module can raise it)."""


class AccountError(Exception):
    """A refused account action, with a code for programs and a Dutch message for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
