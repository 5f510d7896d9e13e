"""Demo content for learning circles (called by `manage.py load_demo`; idempotent)."""


def load() -> None:
    pass
