"""Demo content for the knowledge base (called by `manage.py load_demo`; idempotent).

The Kennisbank with a page per theme, the guide series in nine steps, a dozen articles and
practice examples, the national policy goals, a page with tips per core task, frequently asked
questions (two still open), and the directory: twenty made-up examples plus the real
organisations and initiatives of data/initiatives.csv, imported as an editor would
(``manage.py import_initiatives``). One article is shared with the participants of a demo
masterclass, to show private pages.
"""

from pathlib import Path

from django.utils.text import slugify
from wagtail.models import Page, Site

from learning.core.indexing import indexes_updated_at_the_end
from learning.core.models import CoreTask, Theme
from learning.organisations.models import Organisation

from . import demo_content as content
from . import demo_core_tasks as core_task_content
from .models import (
    CoreTaskIndexPage,
    CoreTaskPage,
    DirectoryPage,
    GuidePage,
    GuideStepPage,
    Initiative,
    KnowledgeIndexPage,
    KnowledgePage,
    KnowledgePageAuthor,
    ParticipantGroup,
    PolicyGoal,
    QuestionIndexPage,
    QuestionPage,
    ThemePage,
    Visibility,
)
from .services import initiatives_import_file, participant_group_sync

INITIATIVES_CSV = Path(__file__).parent / "data" / "initiatives.csv"


def _upsert(parent, model, slug, fields, themes=None, authors=None, core_tasks=None):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        if themes is not None:
            page.themes = themes
        if authors is not None:
            page.authors = authors
        if core_tasks is not None:
            page.core_tasks = core_tasks
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        if themes is not None:
            page.themes = themes
        if authors is not None:
            page.authors = authors
        if core_tasks is not None:
            page.core_tasks = core_tasks
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def _paragraphs(texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _themes(slugs, by_slug):
    return [by_slug[slug] for slug in slugs]


# Its pages and directory entries are indexed once each at the end (also when a test calls
# this loader alone).
@indexes_updated_at_the_end()
def load() -> None:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    core_tasks = {core_task.slug: core_task for core_task in CoreTask.objects.all()}

    index = _index()
    for slug, theme in themes.items():
        _upsert(
            index,
            ThemePage,
            slug,
            {"title": theme.name, "theme": theme, "intro": content.THEME_INTROS.get(slug, "")},
        )
    _directory_page(index)

    guide = _upsert(
        index,
        GuidePage,
        content.GUIDE["slug"],
        {"title": content.GUIDE["title"], "intro": content.GUIDE["intro"]},
    )
    for step in content.STEPS:
        _upsert(
            guide,
            GuideStepPage,
            step["slug"],
            {
                "title": step["title"],
                "intro": step["intro"],
                "actions": [
                    ("action", {"title": title, "description": description})
                    for title, description in step["actions"]
                ],
                "examples": [("example", {"contact": "", **step["example"]})],
            },
            themes=_themes(step["themes"], themes),
        )

    for article in content.ARTICLES:
        _article(index, article, themes, core_tasks)
    shared_with = Page.objects.filter(slug=content.SHARED_ARTICLE["shared_with_slug"]).first()
    if shared_with is not None:
        _article(
            index,
            content.SHARED_ARTICLE,
            themes,
            core_tasks,
            visibility=Visibility.PARTICIPANTS,
            shared_with=shared_with,
        )

    for number, goal in enumerate(content.GOALS):
        fields = {key: value for key, value in goal.items() if key != "themes"}
        policy_goal, _ = PolicyGoal.objects.update_or_create(
            title=goal["title"],
            defaults={**fields, "source_url": content.RIJK_CE, "sort_order": number},
        )
        policy_goal.themes.set(_themes(goal["themes"], themes))
        policy_goal.core_tasks.set(
            _themes(core_task_content.GOAL_CORE_TASKS.get(goal["title"], []), core_tasks)
        )
        policy_goal.save()

    _initiatives(themes)

    _core_task_pages(index, core_tasks)
    _questions(index, themes, core_tasks)
    # accounts.demo resets the groups of the demo logins on every run: the participants'
    # groups of the masterclasses and events shared with their participants follow the
    # registrations again (a second run would otherwise leave them out).
    for participant_group in ParticipantGroup.objects.all():
        participant_group_sync(participant_group=participant_group)


@indexes_updated_at_the_end()
def load_directory() -> None:
    """Only the Kennisbank with its directory and the directory's entries, as ``load`` makes
    them: for a test that searches the directory and needs none of the rest (``load`` takes
    several times as long)."""
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    _directory_page(_index())
    _initiatives(themes)


def _index():
    home = Site.objects.get(is_default_site=True).root_page.specific
    return _upsert(
        home,
        KnowledgeIndexPage,
        "kennisbank",
        {
            "title": "Kennisbank",
            "show_in_menus": True,
            "intro": "Artikelen, praktijkvoorbeelden, beleidsdoelen en een handreiking: wat "
            "andere overheden al deden, om van te leren en over te nemen.",
            "contribution_intro": "Deel wat uw organisatie deed: de situatie, de aanpak en "
            "het resultaat. De redactie leest mee en plaatst het voorbeeld in de kennisbank.",
        },
    )


def _directory_page(index):
    return _upsert(
        index,
        DirectoryPage,
        "organisaties-en-initiatieven",
        {
            "title": "Organisaties en initiatieven",
            "intro": "Netwerken, bedrijven, kennisinstellingen en bewonersinitiatieven die "
            "werken aan een circulaire economie. Filter op soort, provincie en thema.",
        },
    )


def _initiatives(themes):
    """The made-up examples, then the real organisations of data/initiatives.csv."""
    provinces = {
        province.cbs_code: province
        for province in Organisation.objects.filter(kind="provincie", cbs_code__isnull=False)
    }
    for name, kind, region, province, theme_slugs, description in content.INITIATIVES:
        slug = name.lower().replace(" ", "-").replace("é", "e")
        initiative, _ = Initiative.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "region": region,
                "province": provinces.get(province) if province else None,
                "description": description,
                "website": f"https://{slug}.example/",
            },
        )
        initiative.themes.set(_themes(theme_slugs, themes))
        initiative.save()
    report = initiatives_import_file(path=INITIATIVES_CSV)
    if report.refused:
        raise ValueError(f"{INITIATIVES_CSV} has refused rows: {report.refused}")


def _core_task_pages(index, core_tasks):
    core_task_index = _upsert(
        index, CoreTaskIndexPage, "kerntaken", dict(core_task_content.CORE_TASK_INDEX)
    )
    for slug, (intro, tips) in core_task_content.TIPS.items():
        core_task = core_tasks[slug]
        _upsert(
            core_task_index,
            CoreTaskPage,
            slug,
            {
                "title": core_task.name,
                "core_task": core_task,
                "intro": intro,
                "tips": [
                    ("tip", {"title": title, "text": f"<p>{text}</p>", "link": None})
                    for title, text in tips
                ],
            },
        )


def _questions(index, themes, core_tasks):
    question_index = _upsert(
        index, QuestionIndexPage, "vragen", dict(core_task_content.QUESTION_INDEX)
    )
    questions = [
        (title, "".join(f"<p>{text}</p>" for text in answer), theme_slugs, task_slugs)
        for title, answer, theme_slugs, task_slugs in core_task_content.QUESTIONS
    ] + [
        (title, "", theme_slugs, task_slugs)
        for title, theme_slugs, task_slugs in core_task_content.OPEN_QUESTIONS
    ]
    for title, answer, theme_slugs, task_slugs in questions:
        _upsert(
            question_index,
            QuestionPage,
            slugify(title)[:80],
            {"title": title, "answer": answer},
            themes=_themes(theme_slugs, themes),
            core_tasks=_themes(task_slugs, core_tasks),
        )


def _article(index, article, themes, core_tasks, **extra):
    if article["kind"] == "practice":
        body = [("practice_example", {"contact": "", **article["example"]})]
    else:
        body = _paragraphs(article["paragraphs"])
    return _upsert(
        index,
        KnowledgePage,
        article["slug"],
        {
            "title": article["title"],
            "kind": article["kind"],
            "intro": article["intro"],
            "body": body,
            **extra,
        },
        themes=_themes(article["themes"], themes),
        core_tasks=_themes(
            core_task_content.ARTICLE_CORE_TASKS.get(article["slug"], []), core_tasks
        ),
        authors=[KnowledgePageAuthor(name=name, role=role) for name, role in article["authors"]],
    )
