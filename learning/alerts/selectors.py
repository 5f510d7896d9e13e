"""Reads for following and the digest: what someone follows, a digest's period and content."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from learning.core.visibility import page_visible_to

from . import followables
from .models import AlertSettings, Follow, Frequency, PioneerContact


@dataclass(frozen=True)
class DigestSection:
    """One followed thing and what is new about it."""

    followed: followables.Followed
    kind_label: str
    items: list[followables.DigestItem]


def alert_settings_of(*, user) -> AlertSettings:
    """The person's settings, unsaved defaults (no digest) when they never chose."""
    try:
        return user.alert_settings
    except AlertSettings.DoesNotExist:
        return AlertSettings(user=user)


def follows_of(*, user) -> QuerySet[Follow]:
    return Follow.objects.filter(user=user)


def is_following(*, user, kind: str, object_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, kind=kind, object_id=object_id).exists()


def followed_by(*, user) -> list[followables.Followed]:
    """What the person follows that they may still see, grouped by kind in registry order
    (one or two queries per kind, however many they follow)."""
    ids_by_kind: dict[str, list[int]] = {}
    for kind, object_id in follows_of(user=user).values_list("kind", "object_id"):
        ids_by_kind.setdefault(kind, []).append(object_id)
    found = []
    for kind in followables.kinds():
        ids = ids_by_kind.get(kind.key)
        if ids:
            resolved = kind.resolve(ids=ids, user=user)
            found.extend(sorted(resolved.values(), key=lambda f: f.name.casefold()))
    return found


def digest_period(*, frequency: str, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The last complete period before ``now`` in Amsterdam time: last week (Monday 00:00 to
    Monday 00:00) or last calendar month."""
    today = timezone.localdate(now or timezone.now())
    if frequency == Frequency.WEEKLY:
        end_day = today - timedelta(days=today.weekday())
        start_day = end_day - timedelta(days=7)
    elif frequency == Frequency.MONTHLY:
        end_day = today.replace(day=1)
        start_day = (end_day - timedelta(days=1)).replace(day=1)
    else:
        raise ValueError(f"no digest period for {frequency!r}")
    return _midnight(start_day), _midnight(end_day)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def digest_sections(*, user, start: datetime, end: datetime) -> list[DigestSection]:
    """What was published in [start, end) about what ``user`` follows and may see, per
    followed thing; empty when nothing is new."""
    ids_by_kind: dict[str, list[int]] = {}
    for kind, object_id in follows_of(user=user).values_list("kind", "object_id"):
        ids_by_kind.setdefault(kind, []).append(object_id)
    sections = []
    for kind in followables.kinds():
        ids = ids_by_kind.get(kind.key)
        if not ids:
            continue
        items = kind.new_items(ids=ids, start=start, end=end, user=user)
        if not items:
            continue
        resolved = kind.resolve(ids=list(items), user=user)
        for object_id, found in items.items():
            if object_id in resolved and found:
                sections.append(
                    DigestSection(
                        followed=resolved[object_id], kind_label=str(kind.label), items=found
                    )
                )
    return sections


def digest_candidates(*, frequency: str, end: datetime) -> QuerySet[AlertSettings]:
    """Active people with this digest frequency whose digest was not yet made up to ``end``."""
    return (
        AlertSettings.objects.filter(frequency=frequency, user__is_active=True)
        .filter(Q(digest_until__isnull=True) | Q(digest_until__lt=end))
        .select_related("user")
        .order_by("pk")
    )


def pioneer_contact_for(*, profile) -> PioneerContact | None:
    """The account linked to a pioneer profile, when there is one (one query)."""
    return PioneerContact.objects.filter(profile=profile).select_related("user").first()


def pioneer_contact_of(*, user) -> PioneerContact | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return PioneerContact.objects.filter(user=user).select_related("profile").first()


def can_contact(*, contact: PioneerContact | None, sender) -> bool:
    """Whether ``sender`` may write to this pioneer: a linked, active account that accepts
    messages, a profile the sender may see, and not themselves."""
    return bool(
        contact is not None
        and contact.accepts_messages
        and contact.user.is_active
        and getattr(sender, "is_authenticated", False)
        and sender.pk != contact.user_id
        and contact.profile.live
        and page_visible_to(contact.profile, sender)
    )
