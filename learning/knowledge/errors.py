"""The knowledge base's domain error."""

from learning.core.errors import DomainError


class KnowledgeError(DomainError):
    """A refused knowledge-base action, with a code for programs and a Dutch message."""

    # Contributing is refused for who the person is, not for a conflict.
    status = 403
