"""Demo content for pioneer profiles (called by `manage.py load_demo`; idempotent)."""


def load() -> None:
    pass
