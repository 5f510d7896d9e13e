"""The outbox in the Wagtail admin: read-only, with "send again" for failed e-mails.

Every screen (listing, export, inspect, history, send again) shows only the messages of
``selectors.messages_visible_to``: coordinators the messages of the events they coordinate,
never an account or security e-mail.
"""

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from learning.core.admin import (
    AuditTrailInspectMixin,
    LocalTimeInspectMixin,
    SafeExportIndexView,
    ServiceManagedViewSetMixin,
)

from . import renderers, selectors
from .filters import OutboxMessageFilterSet
from .models import OutboxMessage, OutboxStatus
from .views import RetryView


class OutboxIndexView(SafeExportIndexView):
    retry_url_name = None

    def get_base_queryset(self):
        # The listing and its CSV/XLSX export.
        visible = selectors.messages_visible_to(user=self.request.user)
        return super().get_base_queryset().filter(pk__in=visible.values("pk"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == OutboxStatus.FAILED and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Opnieuw versturen"),
                    url=reverse(self.retry_url_name, args=(quote(instance.pk),)),
                    icon_name="resubmit",
                    priority=5,
                )
            )
        return buttons


class OutboxInspectView(AuditTrailInspectMixin, LocalTimeInspectMixin, generic.InspectView):
    retry_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.messages_visible_to(user=self.request.user), pk=self.pk)

    @property
    def header_buttons(self):
        if self.object.status == OutboxStatus.FAILED and self.user_has_permission("change"):
            return [
                HeaderButton(
                    _("Opnieuw versturen"),
                    url=reverse(self.retry_url_name, args=(quote(self.object.pk),)),
                    icon_name="resubmit",
                )
            ]
        return []

    def get_attachments_display_value(self):
        return ", ".join(a["filename"] for a in self.object.attachments) or "-"

    def get_kind_display_value(self):
        return self.object.kind_label()

    def get_text_display_value(self):
        if renderers.is_confidential(self.object.renderer):
            return _("Niet bewaard: deze e-mail wordt bij elke verzending opnieuw gemaakt.")
        return self.object.text or "-"


class OutboxHistoryView(HistoryView):
    def get_object(self):
        return get_object_or_404(selectors.messages_visible_to(user=self.request.user), pk=self.pk)


class OutboxMessageViewSet(ServiceManagedViewSetMixin, ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = _("E-mails (outbox)")
    menu_name = "outbox"
    menu_order = 900
    add_to_admin_menu = True
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    history_view_class = OutboxHistoryView
    inspect_view_enabled = True
    inspect_view_fields = [
        "to",
        "from_email",
        "subject",
        "kind",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "next_attempt_at",
        "event",
        "user",
        "dedupe_key",
        "attachments",
        "text",
    ]
    copy_view_enabled = False
    # Messages are not content: no "usage" tracking, no reference-index writes per e-mail.
    add_to_reference_index = False
    list_display = [
        "to",
        "subject",
        Column("kind_label", label=_("Soort"), accessor="kind_label", sort_key="kind"),
        "status",
        "attempts",
        DateColumn("created_at", label=_("Aangemaakt"), sort_key="created_at"),
        DateColumn("sent_at", label=_("Verstuurd"), sort_key="sent_at"),
    ]
    list_export = ["to", "subject", "kind_label", "status", "attempts", "created_at", "sent_at"]
    export_headings = {"kind_label": _("Soort")}
    export_filename = "e-mails"
    list_per_page = 50
    filterset_class = OutboxMessageFilterSet
    search_fields = ["to", "subject"]
    search_backend_name = None  # plain database lookups on the address and subject
    ordering = ["-created_at", "-pk"]

    def get_common_view_kwargs(self, **kwargs):
        # Read-only: no add, edit, delete or copy links anywhere.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            usage_url_name=None,
            retry_url_name=self.get_url_name("retry"),
            **kwargs,
        )

    @property
    def retry_view(self):
        return self.construct_view(RetryView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("retry/<int:pk>/", self.retry_view, name="retry"),
        ]


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxMessageViewSet("outbox")


@hooks.register("register_log_actions")
def register_outbox_log_actions(actions):
    actions.register_action(
        "outbox.retry", _("Opnieuw versturen"), _("Opnieuw in de wachtrij gezet")
    )
