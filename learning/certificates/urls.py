from django.urls import path, re_path

from . import views

app_name = "certificates"

urlpatterns = [
    path(
        "download/aanmelding/<int:registration_id>/",
        views.download_for_registration,
        name="download_registration",
    ),
    path(
        "download/programma/<int:programme_id>/",
        views.download_for_programme,
        name="download_programme",
    ),
    re_path(r"^(?P<code>[A-Za-z0-9-]{1,60})/$", views.verify, name="verify"),
]
