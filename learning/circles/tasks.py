from celery import shared_task

from . import services


@shared_task(name="circles.queue_reminders")
def queue_reminders_task():
    return services.reminders_queue()
