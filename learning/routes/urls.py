"""The route (routekaart): /routekaart/…, outside the page tree (it belongs to an
organisation, not to the site's content)."""

from django.urls import path

from . import views

app_name = "routes"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("overzicht/", views.overview, name="overview"),
    path("regio/", views.region, name="region"),
    path("<int:organisation_id>/", views.detail, name="detail"),
    path("<int:organisation_id>/nulmeting/", views.baseline, name="baseline"),
    path("<int:organisation_id>/documenten/", views.document_add, name="document_add"),
    path(
        "<int:organisation_id>/documenten/<int:document_id>/verwijderen/",
        views.document_remove,
        name="document_remove",
    ),
    path(
        "<int:organisation_id>/documenten/<int:document_id>/<str:filename>",
        views.document_download,
        name="document",
    ),
    path("<int:organisation_id>/kansen/nieuw/", views.opportunity_edit, name="opportunity_add"),
    path(
        "<int:organisation_id>/kansen/<int:opportunity_id>/",
        views.opportunity_edit,
        name="opportunity_edit",
    ),
    path(
        "<int:organisation_id>/kansen/<int:opportunity_id>/verwijderen/",
        views.opportunity_delete,
        name="opportunity_delete",
    ),
    path("<int:organisation_id>/kansen/overnemen/", views.opportunity_adopt, name="adopt"),
    path("<int:organisation_id>/acties/nieuw/", views.action_edit, name="action_add"),
    path("<int:organisation_id>/acties/<int:action_id>/", views.action_edit, name="action_edit"),
    path(
        "<int:organisation_id>/acties/<int:action_id>/verwijderen/",
        views.action_delete,
        name="action_delete",
    ),
    path("<int:organisation_id>/redacteuren/", views.editor_remove, name="editor_remove"),
    path(
        "<int:organisation_id>/routekaart.pdf",
        views.export,
        {"kind": "pdf"},
        name="export_pdf",
    ),
    path(
        "<int:organisation_id>/routekaart.odt",
        views.export,
        {"kind": "odt"},
        name="export_odt",
    ),
]
