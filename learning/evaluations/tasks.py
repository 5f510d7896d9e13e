from celery import shared_task

from . import services


@shared_task(name="evaluations.queue_invitations")
def queue_invitations_task():
    return services.invitations_queue()


@shared_task(name="evaluations.queue_reminders")
def queue_reminders_task():
    return services.reminders_queue()
