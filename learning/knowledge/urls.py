"""URLs of the knowledge base that are not Wagtail pages."""

from django.urls import path  # noqa: F401

app_name = "knowledge"

urlpatterns: list = []
