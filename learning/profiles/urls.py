"""URLs of pioneer profiles that are not Wagtail pages."""

from django.urls import path  # noqa: F401

app_name = "profiles"

urlpatterns: list = []
