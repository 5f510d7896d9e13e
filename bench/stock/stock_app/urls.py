from django.urls import path

from . import views

urlpatterns = [
    path("health/", views.health),
    path("event/<int:event_id>/", views.health),
    path("event/<int:event_id>/register/", views.register),
]
