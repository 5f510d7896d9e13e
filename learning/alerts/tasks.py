from celery import shared_task

from . import services


@shared_task(name="alerts.queue_digests")
def queue_digests_task():
    return services.digests_queue()
