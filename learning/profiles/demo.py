"""Demo pioneers (called by `manage.py load_demo`; idempotent): nine civil servants of real
municipalities, provinces and water boards. The people are fictional, and so are their
figures; the portraits are initials drawn with Pillow, not photographs."""

import hashlib
import json
from datetime import date
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Site

from learning.core.indexing import indexes_updated_at_the_end
from learning.core.models import CoreTask, Theme
from learning.organisations.models import Organisation

from .demo_content import PROFILES
from .models import PioneerProfilePage, ProfileIndexPage, province_for_organisation

CONSENT_DATE = date(2026, 9, 15)
PORTRAIT_COLOURS = ["#0b5d4b", "#1d4e89", "#7a3b69", "#8a4b08", "#3f5e1c", "#5b2a86"]


def _initials(name: str) -> str:
    words = [word for word in name.split() if word[0].isupper()]
    return (words[0][0] + words[-1][0]).upper()


def _portrait_png(name: str) -> bytes:
    """A square avatar with the person's initials, white on a dark colour (480 × 480)."""
    size = 480
    digest = int(hashlib.sha256(name.encode()).hexdigest(), 16)
    colour = PORTRAIT_COLOURS[digest % len(PORTRAIT_COLOURS)]
    image = PillowImage.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=190)
    draw.text((size / 2, size / 2), _initials(name), fill="white", font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _portrait(name: str, slug: str) -> Image:
    title = f"Portret {name} (demo)"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(BytesIO(_portrait_png(name)), name=f"portret-{slug}.png")
        image.save()
    return image


def _story(spec: dict) -> str:
    example = spec["example"]
    return json.dumps(
        [
            {"type": "paragraph", "value": f"<p>{spec['intro']}</p>"},
            {"type": "quote", "value": {"text": spec["story"], "attribution": spec["name"]}},
            {
                "type": "tools",
                "value": {
                    "heading": "Hulpmiddelen",
                    "tools": [
                        {"name": name, "purpose": purpose, "url": url}
                        for name, purpose, url in spec["tools"]
                    ],
                },
            },
            {
                "type": "tips",
                "value": {"heading": f"Tips van {spec['name']}", "tips": spec["tips"]},
            },
            {"type": "practice_example", "value": example},
        ]
    )


# The core tasks of each demo pioneer, by the work their job title describes.
CORE_TASKS = {
    "marloes-van-der-heijden": ["inkoop", "bedrijfsvoering"],
    "jeroen-bosman": ["vastgoed-en-beheer-openbare-ruimte", "inkoop"],
    "fenna-dijkstra": ["afval-en-grondstoffen", "communicatie-en-participatie"],
    "ruben-claessens": ["vastgoed-en-beheer-openbare-ruimte"],
    "sietske-hoekstra": ["afval-en-grondstoffen", "economische-zaken"],
    "ahmed-ouali": ["economische-zaken", "vergunningverlening-en-handhaving"],
    "lieke-janssen": ["communicatie-en-participatie", "afval-en-grondstoffen"],
    "hans-vermeulen": ["inkoop", "vastgoed-en-beheer-openbare-ruimte"],
    "esther-de-wit": ["ruimtelijke-ordening-en-omgevingswet"],
}


def _upsert(parent, model, slug, fields, themes=(), core_tasks=()):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    if themes:
        page.themes.set(themes)
    if core_tasks:
        page.core_tasks.set(core_tasks)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


# Its pages and directory entries are indexed once each at the end (also when a test calls
# this loader alone).
@indexes_updated_at_the_end()
def load() -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = _upsert(
        home,
        ProfileIndexPage,
        "pioniers",
        {
            "title": "Pioniers",
            "show_in_menus": True,
            "intro": (
                "Collega's van gemeenten, provincies en waterschappen die het al gedaan hebben. "
                "Lees hoe zij het aanpakten, met welke hulpmiddelen, en wat het opleverde."
            ),
        },
    )
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    core_tasks = {core_task.slug: core_task for core_task in CoreTask.objects.all()}
    organisations = Organisation.objects.select_related("province").in_bulk(
        [spec["cbs_code"] for spec in PROFILES], field_name="cbs_code"
    )
    for spec in PROFILES:
        organisation = organisations[spec["cbs_code"]]
        _upsert(
            index,
            PioneerProfilePage,
            spec["slug"],
            {
                "title": spec["name"],
                "job_title": spec["job_title"],
                "organisation": organisation,
                "province": province_for_organisation(organisation),
                "portrait": _portrait(spec["name"], spec["slug"]),
                "portrait_alt": f"Illustratie met de initialen van {spec['name']}",
                "quote": spec["quote"],
                "story": _story(spec),
                "consent_given": True,
                "consent_date": CONSENT_DATE,
                "search_description": f"{spec['name']}, {spec['job_title'].lower()}: "
                f"{spec['quote']}",
            },
            themes=[themes[slug] for slug in spec["themes"]],
            core_tasks=[core_tasks[slug] for slug in CORE_TASKS.get(spec["slug"], [])],
        )
