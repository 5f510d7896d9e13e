from django.conf import settings
from django.db import models


class Event(models.Model):
    capacity = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"event {self.pk}"


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    status = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id} {self.status}"
