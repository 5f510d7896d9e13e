from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.profile, name="profile"),
    path("mijn-gegevens/", views.export_data, name="export_data"),
    path("verwijderen/", views.delete_account, name="delete"),
]
