from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("mijn-meldingen/", views.alert_settings, name="settings"),
    path("volgen/", views.follow, name="follow"),
    path("meldingen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("pioniers/contact/<int:profile_id>/", views.contact_pioneer, name="contact_pioneer"),
]
