from learning.core.errors import DomainError


class CalendarError(DomainError):
    """A refused feed request: a code for programs, a Dutch message for people and the HTTP
    status the feed answers with (400 for a bad filter, 403 for a link that no longer
    grants access). A feed source raises it; learning.calendar.feeds turns it into a plain
    text answer."""

    status = 403
