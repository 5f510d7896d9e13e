"""URLs of the monitor that are not Wagtail pages."""

from django.urls import path  # noqa: F401

app_name = "monitor"

urlpatterns: list = []
