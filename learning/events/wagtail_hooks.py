"""Registrations in the Wagtail admin, for coordinators.

The listing filters, searches and exports; changes go only through the small action views in
admin_views.py, which call the services. There is no add or edit form: a status changed by
hand would bypass capacity, the waiting list, the audit log and the e-mails.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from learning.core.admin import ServiceManagedViewSetMixin

from . import admin_views, services
from .admin_views import EXPORT_COLUMNS, EventColumn, RegistrationIndexView
from .admin_views.bulk import CheckInBulkAction
from .admin_views.common import registrations_url
from .admin_views.sessions import RoomListView, SessionDetailView, SessionsOverviewView
from .filters import RegistrationFilterSet
from .models import SEAT_STATUSES, EventPage, Registration


class RegistrationViewSet(ServiceManagedViewSetMixin, ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Aanmeldingen")
    menu_name = "registrations"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    inspect_view_class = admin_views.RegistrationInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "event",
        "user",
        "organisation",
        "job_role",
        "status",
        "wait_reason",
        "queue_position",
        "offer_expires_at",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "attended_at",
        "anonymised_at",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "user",  # shown as name and e-mail address (or "geanonimiseerd"), with the actions
        EventColumn(),
        "organisation",
        "job_role",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda registration: registration.status in SEAT_STATUSES,
        ),
        "wait_reason",
        "queue_position",
        DateColumn("created_at", label=_("Aangemeld op"), sort_key="created_at"),
    ]
    list_export = list(EXPORT_COLUMNS)
    export_headings = {field: label for field, (label, _accessor) in EXPORT_COLUMNS.items()}
    export_filename = "aanmeldingen"
    list_per_page = 50
    filterset_class = RegistrationFilterSet
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    search_backend_name = None  # plain database lookups on names and addresses
    ordering = ["event__starts_at", "event_id", "created_at", "pk"]

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, delete, copy or usage views: changes go through the action views.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            usage_url_name=None,
            history_url_name=None,
            url_namespace=self.url_namespace,
            message_url_name=self.get_url_name("message"),
            **kwargs,
        )

    def action_view(self, view_class, **kwargs):
        return self.construct_view(view_class, **kwargs)

    def get_urlpatterns(self):
        actions = [
            ("cancel", admin_views.CancelView),
            ("promote", admin_views.PromoteView),
            ("move", admin_views.MoveView),
            ("handover", admin_views.HandoverView),
            ("attended", admin_views.AttendedView),
            ("not_attended", admin_views.NotAttendedView),
        ]
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            *(
                path(f"{name.replace('_', '-')}/<int:pk>/", self.action_view(view), name=name)
                for name, view in actions
            ),
            path(
                "event/<int:event_pk>/inchecken/",
                self.action_view(admin_views.CheckinScreenView),
                name="checkin",
            ),
            path(
                "event/<int:event_pk>/inchecken/tik/",
                self.action_view(admin_views.CheckinTapView),
                name="checkin_tap",
            ),
            path(
                "event/<int:event_pk>/inchecken/code/",
                self.action_view(admin_views.CheckinCodeView),
                name="checkin_code",
            ),
            path(
                "event/<int:event_pk>/deurlijst/",
                self.action_view(admin_views.DoorListView),
                name="door_list",
            ),
            path(
                "event/<int:event_pk>/sessies/",
                self.action_view(SessionsOverviewView),
                name="sessions",
            ),
            path(
                "event/<int:event_pk>/sessies/<int:pk>/",
                self.action_view(SessionDetailView),
                name="session",
            ),
            path(
                "event/<int:event_pk>/sessies/<int:pk>/zaallijst/",
                self.action_view(RoomListView),
                name="session_room_list",
            ),
            path(
                "event/<int:event_pk>/niet-verschenen/",
                self.action_view(admin_views.NoShowView, header_icon="warning"),
                name="no_shows",
            ),
            path(
                "event/<int:event_pk>/message/",
                self.action_view(admin_views.EventMessageView, header_icon="mail"),
                name="message",
            ),
        ]


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


hooks.register("register_bulk_action", CheckInBulkAction)


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    if admin_views.UpcomingEventsPanel.is_shown_to(request.user):
        panels.append(
            admin_views.UpcomingEventsPanel(
                index_url_name=registration_viewset.get_url_name("index")
            )
        )


@hooks.register("register_page_header_buttons")
def event_page_header_buttons(page, user, view_name, next_url=None):
    """On an event's page in the admin: its registrations and its check-in screen, for
    whoever coordinates it."""
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, EventPage):
        return
    if not services.can_manage_event(user, page):
        return
    yield Button(
        _("Aanmeldingen"),
        url=registrations_url(registration_viewset.get_url_name("index"), page.pk),
        icon_name="group",
        priority=80,
    )
    yield Button(
        _("Incheckscherm"),
        url=reverse(registration_viewset.get_url_name("checkin"), args=(page.pk,)),
        icon_name="check",
        priority=81,
    )
