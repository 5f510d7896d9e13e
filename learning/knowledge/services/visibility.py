"""Page visibility and the participants' groups it uses.

Visibility is kept in Wagtail's own terms. A page shared with the participants of a
masterclass, event or programme gets one ``PageViewRestriction`` of type "groups" whose
group is that activity's ``ParticipantGroup``; the group's members are exactly the people
with a confirmed (or attended) registration, kept in step with every registration change
in the same transaction (``registration_changed``, connected to learning.events.signals).
"""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from learning.events.selectors import participant_user_ids

from ..models import ParticipantGroup, Visibility, VisibilityMixin

GROUP_NAME_MAX = Group._meta.get_field("name").max_length


# --- Participant groups ------------------------------------------------------------------


def _group_name(page: Page) -> str:
    base = f"Deelnemers {page.title}"[: GROUP_NAME_MAX - 12]
    if not Group.objects.filter(name=base).exists():
        return base
    return f"{base} ({page.pk})"


def participant_group_get_or_create(*, page: Page) -> ParticipantGroup:
    """The participants' group of an event, masterclass or programme, created (with its
    current members) the first time a page is shared with it."""
    existing = ParticipantGroup.objects.select_related("group").filter(page_id=page.pk).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        group = Group.objects.create(name=_group_name(page))
        participant_group = ParticipantGroup.objects.create(page_id=page.pk, group=group)
        participant_group_sync(participant_group=participant_group)
    return participant_group


def participant_group_sync(*, participant_group: ParticipantGroup) -> tuple[int, int]:
    """Make the group's members exactly the activity's confirmed participants.

    Returns (added, removed). A constant number of queries, however many participants.
    Someone whose registration is anonymised keeps no membership through it, as the
    registration no longer points at them.
    """
    page = Page.objects.get(pk=participant_group.page_id)
    wanted = participant_user_ids(page=page)
    through = Group.user_set.through
    current = set(
        through.objects.filter(group_id=participant_group.group_id).values_list(
            "user_id", flat=True
        )
    )
    to_add = wanted - current
    to_remove = current - wanted
    if to_add:
        through.objects.bulk_create(
            [through(group_id=participant_group.group_id, user_id=uid) for uid in to_add],
            ignore_conflicts=True,
        )
    if to_remove:
        through.objects.filter(group_id=participant_group.group_id, user_id__in=to_remove).delete()
    ParticipantGroup.objects.filter(pk=participant_group.pk).update(synced_at=timezone.now())
    return len(to_add), len(to_remove)


SHARED_PATHS_CACHE_KEY = "knowledge:participant-group-paths:v1"
# A safety net only: every change to a participants' group or to the page tree deletes it.
SHARED_PATHS_TIMEOUT = 300


def shared_paths() -> frozenset[str]:
    """The tree paths of the pages that have a participants' group, from the cache (Redis
    in production, shared by every worker); one query when it is not there."""
    paths = cache.get(SHARED_PATHS_CACHE_KEY)
    if paths is None:
        paths = frozenset(ParticipantGroup.objects.values_list("page__path", flat=True).order_by())
        cache.set(SHARED_PATHS_CACHE_KEY, paths, SHARED_PATHS_TIMEOUT)
    return paths


def _shared_paths_delete() -> None:
    cache.delete(SHARED_PATHS_CACHE_KEY)


def shared_paths_forget(**_kwargs) -> None:
    """Drop the cached paths now and again when the transaction commits, so that a request
    that read the old state meanwhile cannot keep it in the cache."""
    _shared_paths_delete()
    transaction.on_commit(_shared_paths_delete)


def registration_changed(*, registration) -> None:
    """Keep the participants' groups of the registration's event and programme in step.

    Connected to learning.events.signals.registration_changed (handlers.py): runs for every
    registration change, inside its transaction (the event's row lock is held, so two changes
    never sync the same group at once). One query when nothing is shared with this event or
    its programme; none when the cached shared paths say nothing is shared.
    """
    if type(registration).event.is_cached(registration):
        event_path = registration.event.path
    else:
        event_path = Page.objects.values_list("path", flat=True).get(pk=registration.event_id)
    # The event itself, or its programme (any ancestor): paths of every level up to its own.
    paths = [event_path[:end] for end in range(Page.steplen, len(event_path) + 1, Page.steplen)]
    # Almost always nothing is shared with this event: the cached paths say so without a query.
    if not shared_paths().intersection(paths):
        return
    for participant_group in ParticipantGroup.objects.filter(page__path__in=paths):
        participant_group_sync(participant_group=participant_group)


# --- Page visibility ---------------------------------------------------------------------


def _managed_restrictions(page: Page):
    """The group restrictions on ``page`` that this service made (groups of participants)."""
    participant_group_ids = ParticipantGroup.objects.values("group_id")
    return PageViewRestriction.objects.filter(
        page_id=page.pk,
        restriction_type=PageViewRestriction.GROUPS,
        groups__in=participant_group_ids,
    ).distinct()


def page_visibility_apply(*, page: Page) -> None:
    """Make the page's Wagtail view restriction match its "zichtbaarheid" fields.

    Public: no participants' restriction (other restrictions an editor set by hand stay).
    Shared: exactly one "groups" restriction with the activity's participants' group,
    created with its members if it did not exist. Idempotent.
    """
    specific = page.specific
    if not isinstance(specific, VisibilityMixin):
        return
    with transaction.atomic():
        managed = list(_managed_restrictions(specific))
        if specific.visibility != Visibility.PARTICIPANTS or not specific.shared_with_id:
            for restriction in managed:
                restriction.delete()
            return
        shared_with = Page.objects.get(pk=specific.shared_with_id)
        participant_group = participant_group_get_or_create(page=shared_with)
        keep = None
        for restriction in managed:
            group_ids = set(restriction.groups.values_list("pk", flat=True))
            if keep is None and group_ids == {participant_group.group_id}:
                keep = restriction
            else:
                restriction.delete()
        if keep is None:
            restriction = PageViewRestriction.objects.create(
                page_id=specific.pk, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set([participant_group.group_id])
