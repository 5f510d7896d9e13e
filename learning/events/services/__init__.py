"""Registration rules for events and masterclasses: the one place where they live.

Every change takes the event's row lock (``_lock_event``) inside a transaction, so capacity,
per-organisation limits and the waiting list hold under simultaneous requests on PostgreSQL.
Each change writes a RegistrationLog entry and queues its e-mails in the same transaction.
"""

from .calendar_changes import event_calendar_refresh, event_notify_changes
from .checkin import (
    CHECKIN_VIA,
    check_checkin_window,
    checkin_is_open,
    checkin_window,
    event_mark_no_shows,
    no_shows_mark,
    registration_check_in,
    registration_check_in_undo,
    registration_for_checkin_code,
    registrations_check_in,
)
from .coordinator import (
    event_message_send,
    event_message_send_test,
    registration_move,
    registration_promote,
    registration_set_attended,
)
from .errors import RegistrationError
from .questions import (
    AnswersRefused,
    AnswerValue,
    answer_clean,
    answers_clean,
    answers_sensitive_delete,
    can_edit_answers_online,
    registration_answers_update,
)
from .registrations import (
    offer_accept,
    registration_cancel,
    registration_create,
    registration_create_locked,
    registration_handover,
)
from .reminders import reminders_queue
from .retention import registration_anonymise_queryset, registrations_anonymise
from .rules import (
    can_cancel_online,
    can_manage_event,
    check_can_register,
    check_eligible,
    check_window,
    event_needs_organisation,
)
from .sessions import (
    SessionsOutcome,
    SessionsRefused,
    can_change_sessions_online,
    event_rounds_load,
    event_sessions_fill,
    registration_sessions_update,
    session_choice_move,
    session_clean,
    sessions_clean,
)
from .waiting_list import event_settings_changed, offers_expire, waitlist_fill

__all__ = [
    "AnswerValue",
    "AnswersRefused",
    "CHECKIN_VIA",
    "check_checkin_window",
    "checkin_is_open",
    "checkin_window",
    "event_mark_no_shows",
    "no_shows_mark",
    "registration_check_in",
    "registration_check_in_undo",
    "registration_for_checkin_code",
    "registrations_check_in",
    "RegistrationError",
    "answer_clean",
    "answers_clean",
    "answers_sensitive_delete",
    "can_edit_answers_online",
    "registration_answers_update",
    "can_cancel_online",
    "can_manage_event",
    "check_can_register",
    "check_eligible",
    "check_window",
    "event_calendar_refresh",
    "event_message_send",
    "event_message_send_test",
    "event_needs_organisation",
    "event_notify_changes",
    "event_settings_changed",
    "offer_accept",
    "offers_expire",
    "registration_anonymise_queryset",
    "registration_cancel",
    "registration_create",
    "registration_create_locked",
    "registration_handover",
    "registration_move",
    "registration_promote",
    "registration_set_attended",
    "registrations_anonymise",
    "reminders_queue",
    "SessionsOutcome",
    "SessionsRefused",
    "can_change_sessions_online",
    "event_rounds_load",
    "event_sessions_fill",
    "registration_sessions_update",
    "session_choice_move",
    "session_clean",
    "sessions_clean",
    "waitlist_fill",
]
