"""The whole route as a document for the college or the council: PDF (WeasyPrint, tagged
PDF/UA-1, fonts embedded, as the certificates) and ODT (an editable OpenDocument text with
the same sections and the opportunity map as an SVG picture). Both in Dutch, both from
``route_export_context``, so they never say different things.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from learning.organisations.models import Organisation

from . import charts, selectors
from .forms import LINK_LABELS
from .models import SCORE_LABELS, Analysis
from .odt import OdtDocument


@dataclass
class RouteExport:
    organisation: Organisation
    route: object
    baseline: selectors.MonitorBaseline
    indicators: list
    analyses: list  # (label, text, [document titles])
    opportunities: list
    chart_svg: str
    actions: list
    made_at: object


def route_export_context(*, organisation: Organisation, user) -> RouteExport:
    """Everything the exports show, read once (a fixed number of queries). Links are the
    pages ``user`` may see; documents are listed by title only (their content stays private)."""
    route = selectors.route_of(organisation=organisation)
    opportunities = selectors.opportunities_of(route=route)
    documents = selectors.route_documents(route=route)
    return RouteExport(
        organisation=organisation,
        route=route,
        baseline=selectors.baseline_monitor(organisation=organisation),
        indicators=selectors.baseline_indicators(organisation=organisation),
        analyses=[
            (
                label,
                route.analysis_text(value),
                [document.title for document in documents.get(value, [])],
            )
            for value, label in Analysis.choices
        ],
        opportunities=opportunities,
        chart_svg=charts.opportunity_map_svg(
            charts.opportunity_map(opportunities), id_prefix="export-kansenkaart"
        ),
        actions=selectors.actions_of(route=route, user=user),
        made_at=timezone.localtime(),
    )


def route_html(document: RouteExport) -> str:
    return render_to_string(
        "routes/route_pdf.html",
        {
            "title": document_title(document),
            "parts": odt_parts(document),
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        },
    )


def route_pdf(document: RouteExport) -> bytes:
    """The PDF bytes: PDF/UA-1 (tagged, with language and title), fonts embedded."""
    from weasyprint import HTML

    return HTML(string=route_html(document)).write_pdf(pdf_variant="pdf/ua-1")


def route_odt(document: RouteExport) -> bytes:
    """The ODT bytes, from the same parts as the PDF."""
    return OdtDocument.from_html_parts(
        title=document_title(document), parts=odt_parts(document), chart_svg=document.chart_svg
    ).to_bytes()


def document_title(document: RouteExport) -> str:
    return _("Routekaart %(organisation)s") % {"organisation": document.organisation.display_name}


def odt_parts(document: RouteExport) -> list[tuple]:
    """The document as a list of (kind, content): heading, paragraph, table, chart."""
    parts: list[tuple] = [
        ("title", document_title(document)),
        (
            "paragraph",
            _("Gemaakt op %(date)s met Circulair Leren.")
            % {"date": date_format(document.made_at, "j F Y, H:i")},
        ),
        ("heading", _("1. Nulmeting")),
        ("subheading", _("Monitor circulair inkopen")),
    ]
    results = document.baseline.results
    if results.round is None:
        parts.append(("paragraph", _("Uw organisatie heeft nog geen monitor ingediend.")))
    else:
        parts.append(
            (
                "paragraph",
                _("De laatst ingediende monitor: %(round)s (schaal 0 tot 4).")
                % {"round": results.round.title},
            )
        )
        parts.append(
            (
                "table",
                [_("Onderdeel"), _("Score"), _("Mediaan van alle deelnemers")],
                [
                    [
                        row.label,
                        charts_score(row.own),
                        charts_score(row.main.distribution.median)
                        if row.main and row.main.shown
                        else _("te weinig deelnemers"),
                    ]
                    for row in document.baseline.theme_rows
                ],
            )
        )
    if document.indicators:
        parts.append(("subheading", _("Indicatoren")))
        parts.append(
            (
                "table",
                [_("Indicator"), _("Waarde"), _("Jaar"), _("Landelijk doel"), _("Bron")],
                [
                    [row.name, row.value, str(row.year or ""), row.target, row.note]
                    for row in document.indicators
                ],
            )
        )
    for label, text, titles in document.analyses:
        parts.append(("subheading", str(label)))
        parts.append(("paragraph", text or _("Nog niet ingevuld.")))
        if titles:
            parts.append(("paragraph", _("Bijlagen: %(titles)s") % {"titles": ", ".join(titles)}))
    parts.append(("heading", _("2. Kansenkaart")))
    parts.append(("chart", document.chart_svg))
    parts.append(
        (
            "table",
            [_("Nr."), _("Kans"), _("Thema"), _("Impact"), _("Invloed")],
            [
                [
                    str(number),
                    opportunity.title,
                    str(opportunity.theme or ""),
                    str(SCORE_LABELS[opportunity.impact]),
                    str(SCORE_LABELS[opportunity.influence]),
                ]
                for number, opportunity in enumerate(document.opportunities, start=1)
            ],
        )
    )
    parts.append(("heading", _("3. Actieagenda")))
    if not document.actions:
        parts.append(("paragraph", _("Nog geen acties.")))
    for action in document.actions:
        parts.append(("subheading", action.title))
        when = date_format(action.starts_on, "j F Y")
        if action.ends_on:
            when = f"{when} – {date_format(action.ends_on, 'j F Y')}"
        rows = [
            [_("Soort actie"), action.get_action_type_display()],
            [_("Eigenaar"), action.owner],
            [_("Periode"), when],
            [_("Status"), action.get_status_display()],
        ]
        if action.opportunity:
            rows.append([_("Kans"), action.opportunity.title])
        for name, label in action_link_labels():
            items = list(getattr(action, name).all())
            if items:
                rows.append([str(label), ", ".join(str(item) for item in items)])
        parts.append(("table", [_("Onderdeel"), _("Waarde")], rows))
        if action.description:
            parts.append(("paragraph", action.description))
    return parts


def action_link_labels():
    return list(LINK_LABELS.items())


def charts_score(value) -> str:
    return "–" if value is None else number_format(value, decimal_pos=1)


def route_filename(organisation: Organisation, kind: str) -> str:
    return f"routekaart-{slugify(organisation.name)}.{kind}"
