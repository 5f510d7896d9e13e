"""Demo content for the knowledge base (called by `manage.py load_demo`; idempotent).

The Kennisbank with a page per theme, the guide series in nine steps, a dozen articles and
practice examples, the national policy goals and twenty organisations and initiatives. One
article is shared with the participants of a demo masterclass, to show private pages.
"""

from wagtail.models import Page, Site

from learning.core.models import Theme
from learning.organisations.models import Organisation

from . import demo_content as content
from .models import (
    DirectoryPage,
    GuidePage,
    GuideStepPage,
    Initiative,
    KnowledgeIndexPage,
    KnowledgePage,
    KnowledgePageAuthor,
    PolicyGoal,
    ThemePage,
    Visibility,
)


def _upsert(parent, model, slug, fields, themes=None, authors=None):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        if themes is not None:
            page.themes = themes
        if authors is not None:
            page.authors = authors
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        if themes is not None:
            page.themes = themes
        if authors is not None:
            page.authors = authors
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def _paragraphs(texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _themes(slugs, by_slug):
    return [by_slug[slug] for slug in slugs]


def load() -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    themes = {theme.slug: theme for theme in Theme.objects.all()}

    index = _upsert(
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
    for slug, theme in themes.items():
        _upsert(
            index,
            ThemePage,
            slug,
            {"title": theme.name, "theme": theme, "intro": content.THEME_INTROS.get(slug, "")},
        )
    _upsert(
        index,
        DirectoryPage,
        "organisaties-en-initiatieven",
        {
            "title": "Organisaties en initiatieven",
            "intro": "Netwerken, bedrijven, kennisinstellingen en bewonersinitiatieven die "
            "werken aan een circulaire economie. Filter op soort, provincie en thema.",
        },
    )

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
        _article(index, article, themes)
    shared_with = Page.objects.filter(slug=content.SHARED_ARTICLE["shared_with_slug"]).first()
    if shared_with is not None:
        _article(
            index,
            content.SHARED_ARTICLE,
            themes,
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
        policy_goal.save()

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


def _article(index, article, themes, **extra):
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
        authors=[KnowledgePageAuthor(name=name, role=role) for name, role in article["authors"]],
    )
