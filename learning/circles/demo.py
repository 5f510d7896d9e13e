"""Demo learning circle for `load_demo`: circular economy since 2017, with members from several
municipalities and a province, past meetings with reports, upcoming meetings and two
members-only pages. Idempotent: everything is upserted, memberships go through the services.
"""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.utils import timezone
from wagtail.models import Site

from learning.accounts.demo import PASSWORD
from learning.accounts.models import JobRole, User
from learning.core.models import Theme
from learning.organisations.models import Organisation

from . import services
from .models import (
    CircleIndexPage,
    CircleKnowledgeIndexPage,
    CircleKnowledgePage,
    CircleMeeting,
    CircleMembership,
    KnowledgeKind,
    LearningCirclePage,
    MembershipStatus,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Members besides the demo logins of learning/accounts/demo.py (who are members too).
EXTRA_MEMBERS = [
    (
        "Marloes Kuipers",
        "marloes.kuipers@deventer.example",
        ("gemeente", "Deventer"),
        "Programmamanager circulaire economie",
    ),
    (
        "Ruben Smit",
        "ruben.smit@overijssel.example",
        ("provincie", "Overijssel"),
        "Beleidsadviseur grondstoffen",
    ),
    (
        "Eva de Boer",
        "eva.deboer@arnhem.example",
        ("gemeente", "Arnhem"),
        "Adviseur duurzaam bouwen",
    ),
]
DEMO_MEMBER_LOGINS = [
    "anouk.jansen@apeldoorn.example",
    "mohamed.elamrani@zwolle.example",
    "lotte.visser@gelderland.example",
]


def _body(*paragraphs):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs])


def _at(day, hour, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def _meetings(today):
    """Three past meetings with reports, three to come; dates relative to today."""
    plans = [
        (
            -84,
            "Aftrap: ieders circulaire project op tafel",
            "Stadskantoor Apeldoorn",
            "Deventerstraat 46, 7311 LS Apeldoorn",
            "<p>Kennismaking, de projecten van de leden en afspraken over de werkwijze.</p>",
            "<p>Elf leden presenteerden hun project in vijf minuten. Drie thema's kwamen steeds "
            "terug: circulair inkopen van meubilair, hergebruik van bouwmaterialen uit "
            "gemeentelijk vastgoed en het meten van voortgang. We werken verder in drie "
            "subgroepen.</p>",
        ),
        (
            -56,
            "Werkbezoek materialenhub Zwolle",
            "Materialenhub Zwolle",
            "Hanzelaan 310, 8017 JK Zwolle",
            "<p>Rondleiding en gesprek over de logistiek van vrijkomende bouwmaterialen.</p>",
            "<p>De hub slaat materialen uit sloop en renovatie op tot een nieuw project ze "
            "afneemt. Les voor gemeenten: leg het hergebruik al vast in het sloopbestek en "
            "reken met opslagkosten. Mohamed deelt het bestek dat Zwolle gebruikt.</p>",
        ),
        (
            -21,
            "Intervisie: weerstand in de eigen organisatie",
            "",
            "",
            "<p>Intervisie in drietallen aan de hand van een casus van Lotte.</p>",
            "<p>Casus: een projectleider die circulaire eisen ziet als risico voor planning en "
            "budget. Tips uit de groep: begin met één pilot, betrek de jurist vroeg en maak "
            "afspraken over wie het risico draagt.</p>",
        ),
        (
            16,
            "Circulair inkopen: van uitvraag tot contract",
            "Provinciehuis Gelderland",
            "Markt 11, 6811 CG Arnhem",
            "<p>Karin Smit (PIANOo) bespreekt drie uitvragen van leden. Neem uw eigen "
            "uitvraag mee.</p>",
            "",
        ),
        (
            44,
            "Meten en monitoren van circulaire doelen",
            "",
            "",
            "<p>Welke indicatoren gebruiken provincies en gemeenten, en wat zeggen ze?</p>",
            "",
        ),
        (
            72,
            "Slotbijeenkomst en oogst",
            "Stadhuis Deventer",
            "Grote Kerkhof 4, 7411 KV Deventer",
            "<p>Presentaties van de projecten en de afspraken voor na de leerkring.</p>",
            "",
        ),
    ]
    meetings = []
    for offset, title, place, address, agenda, report in plans:
        day = today + timedelta(days=offset)
        online = "" if place else "https://meet.example/leerkring-circulaire-economie"
        meetings.append(
            {
                "title": title,
                "starts_at": _at(day, 13, 30),
                "ends_at": _at(day, 16, 30),
                "location_name": place,
                "location_address": address,
                "online_url": online,
                "agenda": agenda,
                "report": report,
            }
        )
    return meetings


def _member(name, email, organisation_key, title) -> User:
    kind, org_name = organisation_key
    user, created = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": name,
            "organisation": Organisation.objects.get(kind=kind, name=org_name),
            "job_role": JobRole.BELEID,
            "job_title": title,
            "is_active": True,
        },
    )
    if created or not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def _upsert_page(parent, model, slug, fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    return page


def load() -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = _upsert_page(
        home,
        CircleIndexPage,
        "leerkringen",
        {
            "title": "Leerkringen",
            "show_in_menus": True,
            "intro": (
                "In een leerkring werken ambtenaren van verschillende overheden een jaar lang "
                "samen aan hun eigen circulaire project. Wat er in de kring gedeeld wordt, "
                "blijft in de kring."
            ),
        },
    )
    index.save_revision().publish()

    today = timezone.localdate()
    coordinator = User.objects.get(email="coordinator@circulairleren.example")
    circle = _upsert_page(
        index,
        LearningCirclePage,
        "circulaire-economie",
        {
            "title": "Leerkring circulaire economie",
            "intro": (
                "Sinds 2017 de leerkring voor beleidsmakers en inkopers die circulaire "
                "ambities omzetten in projecten: elk jaar een nieuwe groep, zes bijeenkomsten."
            ),
            "description": _body(
                "De leerkring circulaire economie begon in 2017 met acht gemeenten in Oost-"
                "Nederland. Inmiddels doen gemeenten, provincies en waterschappen uit het hele "
                "land mee.",
                "Elk lid brengt een eigen project in, bijvoorbeeld een circulaire aanbesteding "
                "of een hergebruikplan voor gemeentelijk vastgoed. In de bijeenkomsten leggen "
                "we projecten naast elkaar, gaan we op werkbezoek en oefenen we in intervisie.",
            ),
            "starts_on": date(2017, 3, 9),
            "ends_on": date(today.year + 1, 6, 30),
            "max_members": 14,
            "applications_open": True,
            "meeting_place": "Wisselend bij de deelnemende overheden; soms online",
        },
    )
    existing = {meeting.title: meeting for meeting in circle.meetings.all()}
    meetings = []
    for values in _meetings(today):
        meeting = existing.get(values["title"]) or CircleMeeting(title=values["title"])
        for key, value in values.items():
            setattr(meeting, key, value)
        meetings.append(meeting)
    circle.meetings = meetings
    circle.save()
    circle.themes.set(
        Theme.objects.filter(slug__in=["circulair-inkopen", "bouw", "afval-en-grondstoffen"])
    )
    circle.coordinators.set([coordinator])
    circle.save_revision().publish()
    circle.refresh_from_db()

    for email in DEMO_MEMBER_LOGINS:
        _join(circle, User.objects.get(email=email), coordinator)
    for name, email, organisation, title in EXTRA_MEMBERS:
        _join(circle, _member(name, email, organisation, title), coordinator)
    # One open application for the coordinator to decide on.
    joost = User.objects.get(email="joost.mulder@valleienveluwe.example")
    if not CircleMembership.objects.filter(circle=circle, user=joost).exists():
        services.membership_apply(
            circle=circle,
            user=joost,
            motivation=(
                "Ons waterschap wil bij de vervanging van gemalen onderdelen hergebruiken. "
                "Ik zoek collega's die ervaring hebben met circulair uitvragen."
            ),
        )

    # The reports of the recent meetings reached the members (publishing before they joined
    # told only the coordinator; a second run would tell the rest).
    services.reports_notify(circle=circle)
    _knowledge(circle)
    _attendance(circle, coordinator)
    # accounts.demo resets the groups of the demo logins on every run.
    services.circle_group_rebuild(circle=circle)


def _join(circle, user, coordinator) -> None:
    membership = CircleMembership.objects.filter(circle=circle, user=user).first()
    if membership and membership.status == MembershipStatus.APPROVED:
        return
    if membership is None or membership.status != MembershipStatus.APPLIED:
        membership = services.membership_apply(
            circle=circle,
            user=user,
            motivation="Ik werk aan een circulair project en wil leren van andere overheden.",
        )
    services.membership_approve(membership=membership, actor=coordinator)


def _knowledge(circle) -> None:
    section = CircleKnowledgeIndexPage.objects.child_of(circle).get()
    pages = [
        (
            "bestek-hergebruik-bouwmaterialen-zwolle",
            "Bestekteksten voor hergebruik van bouwmaterialen",
            KnowledgeKind.DOCUMENTS,
            "De teksten die Zwolle gebruikt in sloop- en renovatiebestekken, met toelichting.",
            (
                "Zwolle neemt in elk sloopbestek op dat de aannemer herbruikbare materialen "
                "apart houdt en aan de materialenhub levert. Hieronder de teksten, vrij te "
                "gebruiken binnen de kring.",
                "Let op: stem de opslagtermijn af met de hub; na zes maanden vervalt de "
                "reservering voor een project.",
            ),
        ),
        (
            "lessen-eerste-halfjaar",
            "Wat we leerden in het eerste halfjaar",
            KnowledgeKind.ARTICLE,
            "Een samenvatting van de eerste drie bijeenkomsten, door de coördinator.",
            (
                "Drie lessen springen eruit: begin met één concrete aanbesteding, betrek de "
                "jurist en de projectleider vanaf het begin, en spreek af hoe u voortgang meet.",
                "De gesprekken in deze kring zijn vertrouwelijk: noem geen namen van "
                "leveranciers of collega's buiten de kring.",
            ),
        ),
    ]
    for slug, title, kind, intro, paragraphs in pages:
        page = _upsert_page(
            section,
            CircleKnowledgePage,
            slug,
            {"title": title, "kind": kind, "intro": intro, "body": _body(*paragraphs)},
        )
        page.save_revision().publish()


def _attendance(circle, coordinator) -> None:
    members = list(
        CircleMembership.objects.filter(
            circle=circle, status=MembershipStatus.APPROVED, role="member"
        ).values_list("user_id", flat=True)
    )
    for number, meeting in enumerate(m for m in circle.meetings.order_by("starts_at") if m.is_past):
        # Everyone at the first meeting; one or two missing at the later ones.
        present = members if number == 0 else members[: len(members) - number]
        services.attendance_record(
            circle=circle, meeting_id=meeting.pk, actor=coordinator, present_user_ids=present
        )
