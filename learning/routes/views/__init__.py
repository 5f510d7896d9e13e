"""Thin views of the route: read with selectors, write with services, answer in Dutch.
Refusals keep the person's own input and show the service's message."""

from .actions import action_delete, action_edit
from .documents import document_add, document_download, document_remove
from .opportunities import opportunity_adopt, opportunity_delete, opportunity_edit
from .pages import baseline, detail, editor_remove, export, mine, overview, region

__all__ = [
    "action_delete",
    "opportunity_delete",
    "action_edit",
    "baseline",
    "detail",
    "document_add",
    "document_download",
    "document_remove",
    "editor_remove",
    "export",
    "mine",
    "opportunity_adopt",
    "opportunity_edit",
    "overview",
    "region",
]
