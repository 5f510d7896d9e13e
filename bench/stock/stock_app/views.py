"""A correct registration the plain Django way: lock the event, count, insert (the ORM)."""

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .models import Event, Registration


def health(request, event_id=None):
    return HttpResponse("ok")


@require_POST
def register(request, event_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if Registration.objects.filter(event=event, user=request.user).exists():
            return HttpResponse("al aangemeld", status=409)
        taken = Registration.objects.filter(event=event, status="confirmed").count()
        status = "confirmed" if taken < event.capacity else "waiting"
        Registration.objects.create(event=event, user=request.user, status=status)
    return redirect(f"/event/{event_id}/")
