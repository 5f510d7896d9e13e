from celery import shared_task

from . import services


@shared_task(name="events.queue_reminders")
def queue_reminders_task():
    return services.reminders_queue()


@shared_task(name="events.expire_offers")
def expire_offers_task():
    return services.offers_expire()


@shared_task(name="events.anonymise_registrations")
def anonymise_registrations_task():
    return services.registrations_anonymise()


@shared_task(name="events.mark_no_shows")
def mark_no_shows_task():
    return services.no_shows_mark()
