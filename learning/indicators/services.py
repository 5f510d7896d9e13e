"""Writing indicator values: who may, what is valid, and never overwriting a colleague unseen.

One value per organisation, indicator and year (a unique constraint). A save names the
version of that year's value it started from (None: it saw none). The existing row is
locked first; when its version differs, or when a colleague created the row in the same
moment (the unique constraint), the save is refused with a "conflict" naming what is stored,
and the view shows the person's own input again with that version, so saving once more
replaces the value knowingly. Every change writes an IndicatorValueLog entry in the same
transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import IndicatorError
from .figures import figure_text
from .models import Indicator, IndicatorValue, IndicatorValueLog
from .rules import value_problems


def indicator_value_may_edit(*, user, organisation) -> bool:
    """Only a verified member of the organisation (``user.organisation``, set only by an
    approved or domain-verified claim) enters its values; coordinators and editors read."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and organisation is not None
        and user.organisation_id == organisation.pk
    )


def _conflict(current: IndicatorValue) -> IndicatorError:
    who = current.updated_by or _("een collega")
    message = _(
        "Niet opgeslagen: voor %(year)s heeft %(who)s om %(time)s al %(value)s ingevuld "
        "(bron: %(source)s). Uw eigen invoer staat hieronder nog. Sla opnieuw op om die "
        "waarde te vervangen."
    ) % {
        "year": current.year,
        "who": who,
        "time": timezone.localtime(current.updated_at).strftime("%H:%M"),
        "value": figure_text(current.indicator, current.value),
        "source": current.source_note,
    }
    return IndicatorError("conflict", message, current=current)


def indicator_value_save(
    *,
    organisation,
    indicator: Indicator,
    year: int,
    value: Decimal,
    source_note: str,
    user,
    version: int | None,
) -> IndicatorValue:
    """Store ``organisation``'s ``value`` of ``indicator`` for ``year``.

    Guarantees: only a verified member of the organisation saves (403 otherwise); only an
    active indicator; the value keeps the unit's bounds and the year lies between 2000 and
    this year (400, nothing saved); a value someone else stored or changed since the person
    saw ``version`` is never overwritten (409 "conflict", with that value as ``current``);
    a change writes one log entry; saving the same figures again changes nothing.
    """
    if not indicator_value_may_edit(user=user, organisation=organisation):
        raise IndicatorError(
            "forbidden",
            _("Alleen bevestigde medewerkers van de organisatie vullen haar indicatoren in."),
            status=403,
        )
    if not indicator.is_active:
        raise IndicatorError("inactive", _("Deze indicator wordt niet meer ingevuld."), status=400)
    source_note = (source_note or "").strip()
    problems = value_problems(indicator=indicator, year=year, value=value)
    if not source_note:
        problems["source_note"] = _("Vermeld de bron van deze waarde.")
    if problems:
        field, message = next(iter(problems.items()))
        raise IndicatorError("invalid", message, status=400, field=field)

    with transaction.atomic():
        current = (
            IndicatorValue.objects.select_for_update(of=("self",))
            .select_related("indicator", "updated_by")
            .filter(organisation=organisation, indicator=indicator, year=year)
            .first()
        )
        if current is None:
            try:
                with transaction.atomic():
                    stored = IndicatorValue.objects.create(
                        organisation=organisation,
                        indicator=indicator,
                        year=year,
                        value=value,
                        source_note=source_note,
                        updated_by=user,
                        updated_at=timezone.now(),
                    )
            except IntegrityError:
                # A colleague stored this year's value in the same moment.
                current = (
                    IndicatorValue.objects.select_related("indicator", "updated_by")
                    .filter(organisation=organisation, indicator=indicator, year=year)
                    .first()
                )
                if current is None:  # pragma: no cover (the row that collided is gone again)
                    raise
                raise _conflict(current) from None
            IndicatorValueLog.objects.create(
                value=stored, actor=user, action="entered", to_status=str(value), reason=source_note
            )
            return stored
        if version != current.version:
            raise _conflict(current)
        if current.value == value and current.source_note == source_note:
            return current
        previous = current.value
        current.value = value
        current.source_note = source_note
        current.version += 1
        current.updated_by = user
        current.updated_at = timezone.now()
        current.save(update_fields=["value", "source_note", "version", "updated_by", "updated_at"])
        IndicatorValueLog.objects.create(
            value=current,
            actor=user,
            action="changed",
            from_status=str(previous),
            to_status=str(value),
            reason=source_note,
        )
        return current
