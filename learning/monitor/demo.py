"""Demo content for the monitor (called by `manage.py load_demo`; idempotent)."""


def load() -> None:
    pass
