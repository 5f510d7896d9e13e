from celery import shared_task

from .heartbeat import TASK_NAME, WORKER, heartbeat_record


@shared_task(name=TASK_NAME)
def heartbeat_task() -> None:
    heartbeat_record(name=WORKER)
