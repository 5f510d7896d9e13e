"""Reads for events and registrations: what pages and listings show, a package by concept.

registrations (who manages, registers and waits), agenda, feeds (calendar feeds),
questions (registration questions and answers), checkin (at the door) and home (the home
page's blocks). Everything public is here, so ``from learning.events import selectors``
and ``selectors.<name>`` keep working.
"""

from .agenda import (
    agenda_changes_at,
    events_filtered,
    events_for_agenda,
    events_seats_taken,
)
from .checkin import (
    CHECKIN_LIST_STATUSES,
    CheckinCount,
    checkin_count,
    checkin_people,
    registration_sort_key,
    surname_sort_key,
)
from .feeds import (
    CALENDAR_CANCELLED_KEPT,
    CALENDAR_PAST_KEPT,
    FeedState,
    calendar_feed_state,
    events_for_calendar_feed,
    registrations_feed_aggregates,
    registrations_feed_state,
    registrations_for_calendar,
)
from .home import (
    HOME_MY_REGISTRATIONS,
    HOME_UPCOMING,
    UpcomingSummary,
    events_upcoming_summary,
    registrations_upcoming_of,
)
from .questions import (
    AnswerRow,
    OptionCount,
    QuestionSummary,
    answer_rows,
    event_answer_summary,
    event_has_questions,
    event_has_rounds,
    event_questions,
    registrations_with_answers,
)
from .registrations import (
    SeatSummary,
    event_message_recipients,
    event_seat_summary,
    events_managed_by,
    participant_user_ids,
    registration_active_for,
    registrations_of_user,
    waiting_position,
)

__all__ = [
    "events_managed_by",
    "SeatSummary",
    "event_seat_summary",
    "registration_active_for",
    "participant_user_ids",
    "event_message_recipients",
    "waiting_position",
    "registrations_of_user",
    "events_filtered",
    "events_for_agenda",
    "events_seats_taken",
    "agenda_changes_at",
    "CALENDAR_CANCELLED_KEPT",
    "CALENDAR_PAST_KEPT",
    "FeedState",
    "events_for_calendar_feed",
    "calendar_feed_state",
    "registrations_for_calendar",
    "registrations_feed_aggregates",
    "registrations_feed_state",
    "event_questions",
    "event_has_questions",
    "event_has_rounds",
    "AnswerRow",
    "answer_rows",
    "registrations_with_answers",
    "OptionCount",
    "QuestionSummary",
    "event_answer_summary",
    "CHECKIN_LIST_STATUSES",
    "surname_sort_key",
    "registration_sort_key",
    "checkin_people",
    "CheckinCount",
    "checkin_count",
    "HOME_UPCOMING",
    "HOME_MY_REGISTRATIONS",
    "UpcomingSummary",
    "events_upcoming_summary",
    "registrations_upcoming_of",
]
