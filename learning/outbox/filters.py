import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Page

from . import selectors
from .models import OutboxMessage, OutboxStatus


def _kind_choices():
    return [(kind, kind) for kind in selectors.message_kinds()]


def _event_pages(request):
    return Page.objects.filter(
        pk__in=OutboxMessage.objects.exclude(event=None).values("event")
    ).order_by("title")


class OutboxMessageFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OutboxStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=_kind_choices)
    event = django_filters.ModelChoiceFilter(label=_("Bijeenkomst"), queryset=_event_pages)

    class Meta:
        model = OutboxMessage
        fields = ["status", "kind", "event"]
