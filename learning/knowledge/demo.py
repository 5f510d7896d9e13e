"""Demo content for the knowledge base (called by `manage.py load_demo`; idempotent)."""


def load() -> None:
    pass
