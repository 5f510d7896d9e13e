from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("<int:pk>/", views.evaluation_answer, name="answer"),
    path("<int:pk>/bedankt/", views.evaluation_thanks, name="thanks"),
]
