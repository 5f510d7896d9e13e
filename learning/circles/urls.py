"""URLs of learning circles that are not Wagtail pages."""

from django.urls import path  # noqa: F401

app_name = "circles"

urlpatterns: list = []
