"""The indicators on the site: the organisation's own, one indicator, the national overview."""

from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("indicatoren/", views.overview, name="overview"),
    path("indicatoren/landelijk/", views.national, name="national"),
    path("indicatoren/<slug:slug>/", views.detail, name="detail"),
]
