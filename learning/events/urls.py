from django.urls import path

from . import views

app_name = "events"

urlpatterns = [path("", views.my_registrations, name="my_registrations")]
