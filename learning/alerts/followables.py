"""What a person can follow, in one registry: each kind says how to find the things followed,
what they are called and where they live, and what was published about them in a period.

Themes, core tasks and pioneers are registered here (``register_defaults``, from
``AppConfig.ready``); another kind registers a ``FollowableKind`` the same way. Every function
gets the reader (``user``) and returns only what that person may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from learning.core.models import CoreTask, Theme
from learning.core.visibility import pages_visible_to
from learning.events.models import EventPage
from learning.knowledge.models import KnowledgePage, KnowledgePageAuthor, QuestionPage
from learning.knowledge.selectors import articles_visible_to, questions_answered
from learning.profiles.models import PioneerProfilePage
from learning.profiles.selectors import profiles_visible_to

# At most this many items per followed thing in one digest (the rest: "and more on the site").
ITEMS_PER_FOLLOWED = 10


@dataclass(frozen=True)
class Followed:
    """One thing someone can follow, as shown to them."""

    kind: str
    object_id: int
    name: str
    url: str = ""


@dataclass(frozen=True)
class DigestItem:
    """Something new about a followed thing: a page published in the digest's period."""

    title: str
    url: str
    label: str
    published_at: datetime


@dataclass(frozen=True)
class FollowableKind:
    """- ``resolve(ids=, user=)``: the followed things among ``ids`` that ``user`` may see,
      by id (one or two queries, however many ids);
    - ``new_items(ids=, start=, end=, user=)``: per id, what was published in [start, end)
      that ``user`` may see, newest first (a fixed number of queries);
    - ``choices(user=)``: every thing of this kind ``user`` may follow (the settings page).
    """

    key: str
    label: object
    resolve: Callable[..., dict[int, Followed]]
    new_items: Callable[..., dict[int, list[DigestItem]]]
    choices: Callable[..., list[Followed]] = field(default=lambda *, user: [])


_kinds: dict[str, FollowableKind] = {}


def register(kind: FollowableKind) -> None:
    _kinds[kind.key] = kind


def kinds() -> list[FollowableKind]:
    """In registration order."""
    return list(_kinds.values())


def kind_get(key: str) -> FollowableKind | None:
    return _kinds.get(key)


# --- Themes -------------------------------------------------------------------------------


def _theme_followed(theme: Theme) -> Followed:
    page = getattr(theme, "page", None)
    url = page.url if page is not None and page.live else ""
    return Followed(kind="theme", object_id=theme.pk, name=theme.name, url=url or "")


def _themes_resolve(*, ids, user) -> dict[int, Followed]:
    themes = Theme.objects.filter(pk__in=list(ids)).select_related("page")
    return {theme.pk: _theme_followed(theme) for theme in themes}


def _themes_choices(*, user) -> list[Followed]:
    return [_theme_followed(theme) for theme in Theme.objects.select_related("page")]


def _page_label(page) -> str:
    if isinstance(page, KnowledgePage):
        return str(page.get_kind_display())
    if isinstance(page, PioneerProfilePage):
        return str(_("Pionier"))
    if isinstance(page, QuestionPage):
        return str(_("Veelgestelde vraag"))
    if isinstance(page, EventPage):
        return str(_("Masterclass") if hasattr(page, "masterclasspage") else _("Bijeenkomst"))
    return ""


def _published_in(queryset, start, end):
    return queryset.filter(first_published_at__gte=start, first_published_at__lt=end)


def _themes_new_items(*, ids, start, end, user) -> dict[int, list[DigestItem]]:
    ids = set(ids)
    pages = [
        *_published_in(articles_visible_to(user=user), start, end).filter(themes__in=ids),
        *_published_in(
            pages_visible_to(EventPage.objects.live(), user).select_related("masterclasspage"),
            start,
            end,
        )
        .filter(themes__in=ids)
        .prefetch_related("themes"),
        *_published_in(profiles_visible_to(user=user), start, end).filter(themes__in=ids),
    ]
    items: dict[int, dict[int, DigestItem]] = {}
    for page in pages:
        for theme in page.themes.all():
            if theme.pk in ids:
                items.setdefault(theme.pk, {})[page.pk] = DigestItem(
                    title=page.title,
                    url=page.url or "",
                    label=_page_label(page),
                    published_at=page.first_published_at,
                )
    return {
        theme_id: sorted(found.values(), key=lambda item: item.published_at, reverse=True)[
            :ITEMS_PER_FOLLOWED
        ]
        for theme_id, found in items.items()
    }


# --- Core tasks ---------------------------------------------------------------------------


def _core_task_followed(core_task: CoreTask) -> Followed:
    page = getattr(core_task, "page", None)
    url = page.url if page is not None and page.live else ""
    return Followed(kind="core_task", object_id=core_task.pk, name=core_task.name, url=url or "")


def _core_tasks_resolve(*, ids, user) -> dict[int, Followed]:
    core_tasks = CoreTask.objects.filter(pk__in=list(ids)).select_related("page")
    return {core_task.pk: _core_task_followed(core_task) for core_task in core_tasks}


def _core_tasks_choices(*, user) -> list[Followed]:
    return [_core_task_followed(core_task) for core_task in CoreTask.objects.select_related("page")]


def _core_tasks_new_items(*, ids, start, end, user) -> dict[int, list[DigestItem]]:
    """Articles, pioneers and answered questions tagged with the core task and published in
    the period (a fixed number of queries)."""
    ids = set(ids)
    pages = [
        *_published_in(articles_visible_to(user=user), start, end).filter(core_tasks__in=ids),
        *_published_in(profiles_visible_to(user=user), start, end).filter(core_tasks__in=ids),
        *_published_in(questions_answered(user=user), start, end).filter(core_tasks__in=ids),
    ]
    items: dict[int, dict[int, DigestItem]] = {}
    for page in pages:
        for core_task in page.core_tasks.all():
            if core_task.pk in ids:
                items.setdefault(core_task.pk, {})[page.pk] = DigestItem(
                    title=page.title,
                    url=page.url or "",
                    label=_page_label(page),
                    published_at=page.first_published_at,
                )
    return {
        core_task_id: sorted(found.values(), key=lambda item: item.published_at, reverse=True)[
            :ITEMS_PER_FOLLOWED
        ]
        for core_task_id, found in items.items()
    }


# --- Pioneers -----------------------------------------------------------------------------


def _pioneers_resolve(*, ids, user) -> dict[int, Followed]:
    profiles = pages_visible_to(PioneerProfilePage.objects.live().filter(pk__in=list(ids)), user)
    return {
        profile.pk: Followed(
            kind="pioneer", object_id=profile.pk, name=profile.title, url=profile.url or ""
        )
        for profile in profiles
    }


def _pioneers_choices(*, user) -> list[Followed]:
    return [
        Followed(kind="pioneer", object_id=p.pk, name=p.title, url=p.url or "")
        for p in profiles_visible_to(user=user)
    ]


def _pioneers_new_items(*, ids, start, end, user) -> dict[int, list[DigestItem]]:
    """A pioneer's profile when it was published or updated in the period, and the articles
    they wrote (an author of the same name) that were published in it."""
    profiles = list(
        pages_visible_to(PioneerProfilePage.objects.live().filter(pk__in=list(ids)), user)
    )
    items: dict[int, list[DigestItem]] = {}
    for profile in profiles:
        published = profile.last_published_at
        if published and start <= published < end:
            items.setdefault(profile.pk, []).append(
                DigestItem(
                    title=profile.title,
                    url=profile.url or "",
                    label=str(_("Profiel bijgewerkt")),
                    published_at=published,
                )
            )
    by_name = {profile.title.casefold(): profile.pk for profile in profiles}
    if by_name:
        written = (
            KnowledgePageAuthor.objects.filter(
                page__in=_published_in(articles_visible_to(user=user), start, end)
            )
            .select_related("page")
            .order_by("-page__first_published_at")
        )
        for author in written:
            profile_id = by_name.get(author.name.casefold())
            if profile_id is not None:
                page = author.page
                items.setdefault(profile_id, []).append(
                    DigestItem(
                        title=page.title,
                        url=page.url or "",
                        label=str(page.get_kind_display()),
                        published_at=page.first_published_at,
                    )
                )
    return {key: value[:ITEMS_PER_FOLLOWED] for key, value in items.items()}


def register_defaults() -> None:
    register(
        FollowableKind(
            key="theme",
            label=_("Thema's"),
            resolve=_themes_resolve,
            new_items=_themes_new_items,
            choices=_themes_choices,
        )
    )
    register(
        FollowableKind(
            key="core_task",
            label=_("Kerntaken"),
            resolve=_core_tasks_resolve,
            new_items=_core_tasks_new_items,
            choices=_core_tasks_choices,
        )
    )
    register(
        FollowableKind(
            key="pioneer",
            label=_("Pioniers"),
            resolve=_pioneers_resolve,
            new_items=_pioneers_new_items,
            choices=_pioneers_choices,
        )
    )
