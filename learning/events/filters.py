import django_filters
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from learning.accounts.models import JobRole
from learning.organisations.models import Organisation, OrganisationKind

from . import selectors
from .models import EventPage, Registration, RegistrationStatus


def events_upcoming_first(*, events):
    """Events for a choice list: upcoming ones soonest first, then past ones latest first."""
    now = timezone.now()
    return (
        events.annotate(
            _ended=Case(
                When(ends_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            _upcoming_start=Case(When(ends_at__gte=now, then=F("starts_at"))),
        )
        .order_by("_ended", "_upcoming_start", "-starts_at", "pk")
        .only("pk", "title", "starts_at", "ends_at")
    )


def event_choice_label(event: EventPage) -> str:
    starts_at = timezone.localtime(event.starts_at)
    return f"{date_format(starts_at, 'SHORT_DATE_FORMAT')} – {event.title}"


class EventChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return event_choice_label(obj)


class EventChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


def _events_managed(request):
    return events_upcoming_first(events=selectors.events_managed_by(user=request.user))


def _organisations_with_registrations(request):
    # Only organisations that registered for an event this person coordinates: the full list
    # holds hundreds of bodies, and another section's participants are none of their business.
    registrations = Registration.objects.filter(
        event__in=selectors.events_managed_by(user=request.user).values("pk")
    )
    return Organisation.objects.filter(pk__in=registrations.values("organisation_id"))


class RegistrationFilterSet(WagtailFilterSet):
    event = EventChoiceFilter(label=_("Bijeenkomst"), queryset=_events_managed)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RegistrationStatus.choices, empty_label=_("Alle")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisatie"), queryset=_organisations_with_registrations
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Soort organisatie"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
        empty_label=_("Alle"),
    )
    job_role = django_filters.ChoiceFilter(
        label=_("Rol"), choices=JobRole.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "organisation", "organisation_kind", "job_role"]
