from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.my_registrations, name="my_registrations"),
    path(
        "agendalink/",
        views.my_calendar_token_regenerate,
        name="my_calendar_token_regenerate",
    ),
]
