"""Events and registrations. Masterclasses (learning.masterclasses) are events too.

Rules live in services/ (one module per concept); the models only hold state. A package by
concept: pages (the agenda and its events), registrations (seats, waiting list, log),
questions (registration questions and answers) and sessions (parallel sessions in rounds).
Everything is importable from here. Each module imports what it builds on (sessions, pages,
registrations, questions), so the models register in the order they always did.
"""

from .pages import (
    EventIndexPage,
    EventPage,
    PromotionMode,
)
from .questions import (
    ANSWER_MAX_LENGTH,
    CHOICE_TYPES,
    CODED_TYPES,
    NO,
    OPTION_MAX_LENGTH,
    YES,
    YES_NO_OPTIONS,
    QuestionCategory,
    QuestionType,
    RegistrationAnswer,
    RegistrationQuestion,
)
from .registrations import (
    ACTIVE_STATUSES,
    CANCELLABLE_STATUSES,
    CHECKIN_STATUSES,
    PARTICIPANT_STATUSES,
    SEAT_STATUSES,
    Registration,
    RegistrationLog,
    RegistrationStatus,
    WaitReason,
)
from .sessions import (
    EventPageForm,
    EventRound,
    EventSession,
    SessionChoice,
    SessionChoiceStatus,
)

__all__ = [
    "EventPageForm",
    "EventRound",
    "EventSession",
    "SessionChoice",
    "SessionChoiceStatus",
    "PromotionMode",
    "EventIndexPage",
    "EventPage",
    "RegistrationStatus",
    "SEAT_STATUSES",
    "ACTIVE_STATUSES",
    "PARTICIPANT_STATUSES",
    "CHECKIN_STATUSES",
    "CANCELLABLE_STATUSES",
    "WaitReason",
    "Registration",
    "RegistrationLog",
    "QuestionType",
    "CHOICE_TYPES",
    "CODED_TYPES",
    "YES_NO_OPTIONS",
    "YES",
    "NO",
    "ANSWER_MAX_LENGTH",
    "OPTION_MAX_LENGTH",
    "QuestionCategory",
    "RegistrationQuestion",
    "RegistrationAnswer",
]
