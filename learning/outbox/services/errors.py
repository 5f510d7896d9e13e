"""The outbox's refusals: one code and one Dutch message each."""


class OutboxError(Exception):
    """A refused outbox action, with a code for programs and a Dutch message for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
