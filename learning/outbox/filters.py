import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Page

from . import renderers, selectors
from .models import OutboxMessage, OutboxStatus


def _event_pages(request):
    # Only the events of messages this person may see: a coordinator does not learn the
    # titles of other sections' events from the filter.
    visible = selectors.messages_visible_to(user=getattr(request, "user", None))
    return Page.objects.filter(pk__in=visible.exclude(event=None).values("event")).order_by("title")


class OutboxMessageFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OutboxStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=())
    event = django_filters.ModelChoiceFilter(label=_("Bijeenkomst"), queryset=_event_pages)

    class Meta:
        model = OutboxMessage
        fields = ["status", "kind", "event"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        # Dutch names, in alphabetical order of the name; an unknown kind shows its code.
        kinds = selectors.message_kinds(user=user)
        choices = [(kind, renderers.kind_label(kind)) for kind in kinds]
        self.filters["kind"].extra["choices"] = sorted(choices, key=lambda choice: choice[1])
