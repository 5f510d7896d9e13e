"""Learning circles: a group of civil servants that meets for a year, with members-only pages.

State only; the rules (who may join, the circle's group, e-mails) live in services/.

Privacy uses Wagtail's own machinery: every circle has one Django group (kept in sync with
approved memberships by the services), its members-only section (CircleKnowledgeIndexPage)
carries a PageViewRestriction of type "groups", and its documents live in a private
collection with the same restriction.
"""

# isort: off
# The models register in the order they had when they were one module.
from .pages import (
    COORDINATORS_CHOOSE_PERMISSION,
    RICH_TEXT_FEATURES,
    CircleIndexPage,
    CircleMeeting,
    LearningCirclePage,
)
from .memberships import (
    CircleInvitation,
    CircleMembership,
    MeetingAttendance,
    MembershipLog,
    MembershipRole,
    MembershipStatus,
)
from .members_only import (
    CircleKnowledgeDocument,
    CircleKnowledgeIndexPage,
    CircleKnowledgePage,
    KnowledgeKind,
    MembersOnlyPageMixin,
    MembersOnlyPermissionTester,
)
# isort: on

__all__ = [
    "COORDINATORS_CHOOSE_PERMISSION",
    "CircleIndexPage",
    "CircleInvitation",
    "CircleKnowledgeDocument",
    "CircleKnowledgeIndexPage",
    "CircleKnowledgePage",
    "CircleMeeting",
    "CircleMembership",
    "KnowledgeKind",
    "LearningCirclePage",
    "MeetingAttendance",
    "MembersOnlyPageMixin",
    "MembersOnlyPermissionTester",
    "MembershipLog",
    "MembershipRole",
    "MembershipStatus",
    "RICH_TEXT_FEATURES",
]
