"""Reactions to Wagtail publishing and to registration changes. Only calls a service: the
rule itself lives there.

The page_published signal is the one place every publication passes (the editor's button,
a workflow approval, scheduled publishing), so the view restriction that follows a page's
"zichtbaarheid" and the e-mails to contributors (examples, answers) are all driven from here.
"""

from wagtail.signals import page_published

from . import services


def _page_published(sender, instance, **kwargs):
    from .models import KnowledgePage, QuestionPage, VisibilityMixin
    from .services import answer_published, contribution_published, page_visibility_apply

    if isinstance(instance, VisibilityMixin):
        page_visibility_apply(page=instance)
    if isinstance(instance, KnowledgePage) and instance.contributed_by_id:
        contribution_published(page=instance)
    if isinstance(instance, QuestionPage) and instance.answered_by_id and instance.is_answered:
        answer_published(page=instance)


def _shared_paths_changed(**kwargs):
    from .services import shared_paths_forget

    shared_paths_forget()


def _registration_changed(sender, registration, **kwargs):
    # On the registration hot path, inside the event's lock (issue 20): no import per call.
    services.registration_changed(registration=registration)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import post_page_move

    from learning.events.models import Registration
    from learning.events.signals import registration_changed

    from .models import ParticipantGroup

    page_published.connect(_page_published, dispatch_uid="knowledge.page_published")
    # The cached paths of shared pages (services.shared_paths): a group made or removed, or a
    # page moved (its path changes).
    for signal in (post_save, post_delete):
        signal.connect(
            _shared_paths_changed,
            sender=ParticipantGroup,
            dispatch_uid=f"knowledge.shared_paths.{signal is post_save}",
        )
    post_page_move.connect(_shared_paths_changed, dispatch_uid="knowledge.shared_paths.moved")
    # Every registration change (learning.events.signals): the participants' groups follow.
    registration_changed.connect(
        _registration_changed, sender=Registration, dispatch_uid="knowledge.registration_changed"
    )
