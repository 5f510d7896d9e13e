"""Writes for the knowledge base, one module per concept: page visibility and participants'
groups (visibility), practice examples sent in (contributions), answers to frequently asked
questions (questions) and the directory's CSV import (directory)."""

from ..errors import KnowledgeError
from .contributions import (
    CONTRIBUTION_TASK_NAME,
    CONTRIBUTION_WORKFLOW_NAME,
    REVIEWER_GROUP_NAMES,
    contribution_published,
    contribution_workflow_get_or_create,
    contributor_check,
    contributor_refusal,
    practice_example_submit,
)
from .directory import ImportReport, initiatives_import, initiatives_import_file
from .questions import (
    answer_published,
    question_answer_check,
    question_answer_submit,
    question_is_open,
)
from .visibility import (
    SHARED_PATHS_CACHE_KEY,
    page_visibility_apply,
    participant_group_get_or_create,
    participant_group_sync,
    registration_changed,
    shared_paths,
    shared_paths_forget,
)

__all__ = [
    "CONTRIBUTION_TASK_NAME",
    "CONTRIBUTION_WORKFLOW_NAME",
    "REVIEWER_GROUP_NAMES",
    "SHARED_PATHS_CACHE_KEY",
    "ImportReport",
    "KnowledgeError",
    "answer_published",
    "contribution_published",
    "contribution_workflow_get_or_create",
    "contributor_check",
    "contributor_refusal",
    "initiatives_import",
    "initiatives_import_file",
    "page_visibility_apply",
    "participant_group_get_or_create",
    "participant_group_sync",
    "practice_example_submit",
    "question_answer_check",
    "question_answer_submit",
    "question_is_open",
    "registration_changed",
    "shared_paths",
    "shared_paths_forget",
]
