"""Local development (`make run`): SQLite in var/, console e-mail, eager tasks without a broker."""

from .base import *  # noqa: F403
from .base import VAR_DIR
from .env import env, env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine for a developer's laptop; production refuses to start without its own.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-circulair-leren-7f3b9c2e1d8a4f6b")

# Serve static files straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite, media and the beat schedule live in var/, which a fresh clone does not have yet.
VAR_DIR.mkdir(parents=True, exist_ok=True)
