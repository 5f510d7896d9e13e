"""The knowledge base: theme pages, articles, the guide series, core tasks with their tips,
frequently asked questions, policy goals and the directory.

Rules (visibility sync, contributions, answers, the directory import) live in services/;
reads in selectors.py.
"""

from .core_tasks import CoreTaskIndexPage, CoreTaskPage
from .pages import (
    ArticleKind,
    DirectoryPage,
    GuidePage,
    GuideStepPage,
    KnowledgeIndexPage,
    KnowledgePage,
    KnowledgePageAuthor,
    ThemePage,
)
from .questions import QuestionIndexPage, QuestionPage
from .snippets import Initiative, InitiativeKind, PolicyGoal
from .visibility import (
    SHARED_WITH_PAGE_TYPES,
    ParticipantGroup,
    Visibility,
    VisibilityMixin,
)

__all__ = [
    "SHARED_WITH_PAGE_TYPES",
    "ArticleKind",
    "CoreTaskIndexPage",
    "CoreTaskPage",
    "DirectoryPage",
    "GuidePage",
    "GuideStepPage",
    "Initiative",
    "InitiativeKind",
    "KnowledgeIndexPage",
    "KnowledgePage",
    "KnowledgePageAuthor",
    "ParticipantGroup",
    "PolicyGoal",
    "QuestionIndexPage",
    "QuestionPage",
    "ThemePage",
    "Visibility",
    "VisibilityMixin",
]
