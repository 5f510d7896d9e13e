"""Settings shared by every environment. Environment-specific modules import from here."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env, env_int, env_list, parse_email_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "learning.core",
    "learning.organisations",
    "learning.accounts",
    "learning.outbox",
    "learning.calendar",
    "learning.events",
    "learning.masterclasses",
    "learning.certificates",
    "learning.circles",
    "learning.profiles",
    "learning.knowledge",
    "learning.monitor",
    "learning.indicators",
    "learning.routes",
    "learning.evaluations",
    "learning.alerts",
    "home",
    # Replaces "wagtail.users" so the admin's user forms know our user model.
    "learning.accounts.apps.WagtailUsersConfig",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "learning.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "learning.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "learning.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "learning.core.sitecache.SiteCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "learning.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "learning.urls"
WSGI_APPLICATION = "learning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis serves the cache and the Celery broker. A Redis that does not answer must cost a
# request at most this many seconds, and only once per outage (see learning/core/cache.py).
REDIS_TIMEOUT = env_int("REDIS_TIMEOUT", 1)
CACHES = {
    "default": {
        # Answers as an empty cache while Redis is down, logged once per outage.
        "BACKEND": "learning.core.cache.ResilientRedisCache",
        "LOCATION": env("CACHE_URL"),
        "OPTIONS": {
            "socket_connect_timeout": REDIS_TIMEOUT,
            "socket_timeout": REDIS_TIMEOUT,
            # Seconds between attempts to reach a Redis that failed.
            "retry_after": env_int("CACHE_RETRY_AFTER", 30),
        },
    }
    if env("CACHE_URL")
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "circulair-leren",
    }
}
# With a shared cache (Redis), sessions are read from it and written to both: a logged-in
# request costs a cache hit instead of a database query, and a Redis outage costs the
# database query (the cache then misses). A per-process memory cache cannot be shared by
# several workers (a logout would not reach the others), so then the database.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env("CACHE_URL")
    else "django.contrib.sessions.backends.db"
)

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    # "Circulair2026!" and the name of one's own organisation are the first guesses.
    {"NAME": "learning.accounts.password_validation.SiteWordsValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Private pages and documents send anonymous visitors to the site's own login page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "learning.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "learning.accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "login": "learning.accounts.allauth_forms.LoginForm",
    "signup": "learning.accounts.allauth_forms.SignupForm",
    "reset_password": "learning.accounts.allauth_forms.ResetPasswordForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Circulair Leren] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Behind the documented nginx every request comes from 127.0.0.1; nginx appends the visitor's
# address to X-Forwarded-For. allauth's limits (and ours, learning/core/ratelimit.py) take the
# address this many proxies from the right. 0 (no proxy): REMOTE_ADDR, and X-Forwarded-For is
# ignored, because a visitor can write anything in it. production.py defaults to 1.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# allauth's own defaults, spelled out so the limits are visible and reviewed. "login_failed"
# per key counts per visitor address and e-mail address together (AccountAdapter), so a
# stranger's wrong passwords cannot lock the owner of the account out.
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
# Our own forms (learning/core/ratelimit.py, same notation), refused with a 429 page in Dutch.
# These forms need a login, so they count per person, and per e-mail address asked about
# ("key") where there is one. Not per visitor address: colleagues of one municipality share
# its gateway and may all register in the same minute. Sign-up and password reset are
# allauth's ("signup", "reset_password" above).
RATE_LIMITS = {
    "event_register": "10/m/user,30/h/user",
    "programme_enrol": "5/m/user,20/h/user",
    "event_handover": "5/m/user,20/h/user,10/h/key",
    "knowledge_contribute": "10/10m/user,30/d/user",
    "circle_apply": "5/m/user,20/h/user",
    "circle_invite": "10/m/user,60/d/user,3/d/key",
    # "Neem contact op" with a pioneer: a relayed e-mail, so few per sender.
    "pioneer_contact": "3/10m/user,10/d/user",
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static_src"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = parse_email_url(env("EMAIL_URL", "console://"))
globals().update(EMAIL_CONFIG)
# Every e-mail goes through the outbox, Wagtail's own (workflow notifications) included: the
# outbox's backend queues it, and the outbox sends it with the backend from EMAIL_URL.
OUTBOX_EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "learning.outbox.backends.OutboxEmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Circulair Leren <noreply@circulairleren.nl>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Celery ---------------------------------------------------------------------------------
# Without a broker, tasks run in-process so `make run` needs no other server.
CELERY_BROKER_CONFIGURED = env("CELERY_BROKER_URL") is not None
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_CONFIGURED
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that queues an e-mail while the broker is down gives up quickly: the row is
# in the outbox and the periodic flush sends it (learning/outbox/services/).
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": REDIS_TIMEOUT,
    "socket_timeout": 10,
}
# The web process hands committed e-mails to the broker together, at most this often: one
# publish for the messages of many requests (learning/outbox/services/publisher.py). 0 publishes
# each transaction's messages at once. Without a broker (eager tasks) it does not apply.
OUTBOX_DISPATCH_DELAY_MS = env_int("OUTBOX_DISPATCH_DELAY_MS", 100)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE: dict = {
    # Proof for /health/ that beat and a worker are alive (learning/core/heartbeat.py).
    "core-heartbeat": {"task": "core.heartbeat", "schedule": 60, "options": {"expires": 55}},
    # E-mails the on-commit dispatch did not deliver (broker down, retries, dead workers).
    "outbox-flush": {"task": "outbox.flush", "schedule": 60, "options": {"expires": 55}},
    "events-reminders": {"task": "events.queue_reminders", "schedule": 60 * 60},
    "events-expire-offers": {"task": "events.expire_offers", "schedule": 5 * 60},
    # After the check-in window (midnight after the event's last day): the no-shows.
    "events-mark-no-shows": {"task": "events.mark_no_shows", "schedule": crontab(minute=20)},
    "circles-reminders": {"task": "circles.queue_reminders", "schedule": 60 * 60},
    "evaluations-invitations": {"task": "evaluations.queue_invitations", "schedule": 60 * 60},
    "evaluations-reminders": {"task": "evaluations.queue_reminders", "schedule": 60 * 60},
    # Weekly and monthly digests: each run does only the periods not yet made (idempotent).
    "alerts-digests": {"task": "alerts.queue_digests", "schedule": crontab(minute=5)},
    "outbox-purge": {"task": "outbox.purge", "schedule": crontab(hour=3, minute=45)},
    "events-anonymise": {
        "task": "events.anonymise_registrations",
        "schedule": crontab(hour=3, minute=15),
    },
}
# Evaluations: days after the invitation before the one reminder, and how long a survey stays
# open after the occasion ends.
EVALUATION_REMINDER_DAYS = env_int("EVALUATION_REMINDER_DAYS", 4)
EVALUATION_OPEN_DAYS = env_int("EVALUATION_OPEN_DAYS", 30)
# How long sent e-mails stay in the outbox (AVG).
OUTBOX_RETENTION_MONTHS = env_int("OUTBOX_RETENTION_MONTHS", 12)
# Months after an event ends before registrations lose the link to the person (AVG).
REGISTRATION_RETENTION_MONTHS = env_int("REGISTRATION_RETENTION_MONTHS", 12)

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Circulair Leren"
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's database backend; on PostgreSQL with the Dutch text search configuration and word
# starts, so that "brug" finds "bruggen" (learning.core.search.backend). After a change of
# SEARCH_CONFIG, run `manage.py update_index` once.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "learning.core.search.backend", "SEARCH_CONFIG": "dutch"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents only through Wagtail's view (/documenten/<id>/<name>), which checks the view
# restrictions of the document's collection; never a direct /media/ URL. Neither `make run`
# (learning/urls.py) nor deploy/nginx.conf serves /media/documents/ or /media/original_images/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin's login checks passwords through allauth, under allauth's login limits; its
# password reset is off: it has no limits of its own, and it would mail a reset link that the
# outbox would keep. Editors use /accounts/password/reset/.
WAGTAILADMIN_USER_LOGIN_FORM = "learning.accounts.allauth_forms.AdminLoginForm"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Addresses change only through allauth (/accounts/email/): confirmed first, and the
# organisation claim checked again. The admin's own account page would change it unconfirmed.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No third parties: no Gravatar (it would leak hashed e-mail addresses and break the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security -------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt in to SAMEORIGIN themselves
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Logging --------------------------------------------------------------------------------
LOG_FORMAT = env("LOG_FORMAT", "text")  # "json" in production: one JSON object per line
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "filters": {
        # Feed tokens and reset keys in paths never reach the log (learning.core.middleware).
        "mask_secrets": {"()": "learning.core.middleware.MaskSecretsFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["mask_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Our request log replaces Django's own per-request lines.
        "django.server": {"handlers": [], "propagate": False},
        "django.request": {"level": "ERROR"},
        "celery": {"level": "INFO"},
        # Wagtail runs its search-index and reference-index updates as tasks; one line each
        # per page save is noise.
        "django_tasks": {"level": "WARNING"},
    },
}

HEALTH_CHECK_TIMEOUT = env_int("HEALTH_CHECK_TIMEOUT", 2)
