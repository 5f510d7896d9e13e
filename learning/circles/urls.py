"""URLs of learning circles that are not Wagtail pages."""

from django.urls import path

from . import views

app_name = "circles"

urlpatterns = [
    path("mijn-leerkringen/", views.my_circles, name="my_circles"),
]
