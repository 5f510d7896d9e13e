"""Reactions to Wagtail publishing. Only calls a service: the rule itself lives there.

The page_published signal is the one place every publication passes (the editor's button,
a workflow approval, scheduled publishing), so the view restriction that follows a page's
"zichtbaarheid" and the contributor's e-mail are both driven from here.
"""

from wagtail.signals import page_published


def _page_published(sender, instance, **kwargs):
    from .models import KnowledgePage, VisibilityMixin
    from .services import contribution_published, page_visibility_apply

    if isinstance(instance, VisibilityMixin):
        page_visibility_apply(page=instance)
    if isinstance(instance, KnowledgePage) and instance.contributed_by_id:
        contribution_published(page=instance)


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="knowledge.page_published")
