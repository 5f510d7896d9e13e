"""Thin views of the indicators: read with selectors, write with services, answer in Dutch.

An organisation's values are shown only to its verified members (``user.organisation``);
there is no organisation in the URL, so nobody can ask for another organisation's values.
The national overview names no organisation and is for coordinators.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from learning.monitor.services import is_coordinator
from learning.organisations.models import OrganisationKind

from . import charts, selectors, services
from .errors import IndicatorError
from .forms import IndicatorValueForm, value_input


def _refusal(request, message, *, status: int):
    return TemplateResponse(
        request,
        "indicators/refusal.html",
        {"message": message, "is_coordinator": is_coordinator(request.user)},
        status=status,
    )


def _organisation_or_refusal(request):
    """(organisation, None) for a verified member; (None, a response) for anyone else."""
    user = request.user
    if not user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if not user.organisation_id:
        return None, _refusal(
            request,
            _(
                "De indicatoren worden per organisatie ingevuld, en u telt nog voor geen "
                "organisatie mee. Kies in uw profiel uw organisatie: met een e-mailadres van "
                "die organisatie telt u direct mee; anders beoordeelt een coördinator eerst uw "
                "aanvraag."
            ),
            status=403,
        )
    return user.organisation, None


def overview(request):
    organisation, refused = _organisation_or_refusal(request)
    if refused is not None:
        return refused
    return TemplateResponse(
        request,
        "indicators/overview.html",
        {
            "organisation": organisation,
            "series": selectors.indicator_values_for(organisation=organisation),
            "is_coordinator": is_coordinator(request.user),
        },
    )


def _chart_for(detail: selectors.IndicatorDetail):
    main = detail.groups[0]
    return charts.indicator_chart(
        indicator=detail.indicator,
        years=detail.years,
        own={value.year: value.value for value in detail.values},
        peers=main.per_year,
        targets=detail.targets,
        group_label=main.label,
    )


def detail(request, slug: str):
    organisation, refused = _organisation_or_refusal(request)
    if refused is not None:
        return refused
    indicator = selectors.indicator_get(slug=slug)
    if indicator is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = IndicatorValueForm(request.POST, indicator=indicator)
        if form.is_valid():
            data = form.cleaned_data
            try:
                stored = services.indicator_value_save(
                    organisation=organisation,
                    indicator=indicator,
                    year=data["year"],
                    value=data["value"],
                    source_note=data["source_note"],
                    user=request.user,
                    version=data["version"],
                )
            except IndicatorError as refused_save:
                status = refused_save.status
                if refused_save.field in form.fields:
                    form.add_error(refused_save.field, refused_save.message)
                else:
                    form.add_error(None, refused_save.message)
                if refused_save.current is not None:
                    # The next save replaces the value the person has now seen.
                    posted = request.POST.copy()
                    posted["version"] = str(refused_save.current.version)
                    form.data = posted
            else:
                messages.success(
                    request,
                    _("De waarde voor %(year)s is opgeslagen.") % {"year": stored.year},
                )
                return redirect(reverse("indicators:detail", args=[indicator.slug]))
        else:
            status = 400
    else:
        initial = {}
        year = request.GET.get("jaar", "")
        if year.isdigit():
            existing = selectors.indicator_value_of(
                organisation=organisation, indicator=indicator, year=int(year)
            )
            if existing is not None:
                initial = {
                    "year": existing.year,
                    "value": value_input(indicator=indicator, value=existing.value),
                    "source_note": existing.source_note,
                    "version": existing.version,
                }
        form = IndicatorValueForm(initial=initial, indicator=indicator)
    detail = selectors.indicator_detail_for(organisation=organisation, indicator=indicator)
    return TemplateResponse(
        request,
        "indicators/detail.html",
        {
            "organisation": organisation,
            "indicator": indicator,
            "detail": detail,
            "chart": _chart_for(detail),
            "form": form,
            "editing": bool(form.initial.get("version") or form.data.get("version")),
        },
        status=status,
    )


def national(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_coordinator(user):
        return _refusal(request, _("Het landelijk overzicht is voor coördinatoren."), status=403)
    kind = request.GET.get("soort") or OrganisationKind.GEMEENTE
    if kind not in OrganisationKind.values:
        return _refusal(request, _("Kies een soort organisatie uit de lijst."), status=400)
    overview = selectors.national_overview(kind=kind)
    kind_label = dict(OrganisationKind.choices)[kind]
    items = [
        {
            "item": item,
            "chart": charts.indicator_chart(
                indicator=item.indicator,
                years=[year.year for year in item.years],
                own={},
                peers={year.year: year.distribution for year in item.years},
                targets=item.targets,
                group_label=str(kind_label),
            ),
        }
        for item in overview
    ]
    return TemplateResponse(
        request,
        "indicators/national.html",
        {
            "items": items,
            "kind": kind,
            "kind_label": kind_label,
            "kinds": OrganisationKind.choices,
        },
    )
