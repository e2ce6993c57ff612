"""Settings of the liaison portal, configured by environment variables (see .env.example).

With nothing set the portal runs on SQLite with Celery tasks executed in-process,
so a first run needs no server; DATABASE_URL and CELERY_BROKER_URL switch to
PostgreSQL and Redis.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
import structlog
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-the-embedded-demo"  # noqa: S105

# Production refuses to start half-configured (rule 11): with DEBUG off, a missing one
# would silently mean SQLite, in-process tasks, console e-mail or links to nowhere.
PRODUCTION_VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_HOST", "PORTAL_BASE_URL")
MISSING_PRODUCTION_VARIABLES = [name for name in PRODUCTION_VARIABLES if not env(name)]
if MISSING_PRODUCTION_VARIABLES and not DEBUG:
    raise ImproperlyConfigured(
        "Set these variables when DEBUG is off (see .env.example): "
        + ", ".join(MISSING_PRODUCTION_VARIABLES)
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "guardian",
    "auditlog",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "csp",
    "django_structlog",
    # The portal's apps, lowest layer first (docs/architecture.md).
    "directory",
    "accounts",
    "reminders",
    "clearances",
    "dossiers",
    "network",
    "dashboards",
    "bench",
    "liaison",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "liaison.middleware.PortalLanguageMiddleware",
    "liaison.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.audit_actor.AuditActorMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# A list counts at most this many rows ("1.000+" beyond): no page counts every row.
LIST_COUNT_CAP = env_int("LIST_COUNT_CAP", 1000)

ROOT_URLCONF = "liaison.urls"
WSGI_APPLICATION = "liaison.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "liaison.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (psycopg2) through DATABASE_URL.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    # Health checks: a connection that died (PostgreSQL restarted) is replaced at the
    # next request instead of failing it with a 500.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
    DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 25_000)
    DATABASE_WORK_MEM = env("DATABASE_WORK_MEM", "16MB")
    DATABASE_RANDOM_PAGE_COST = env("DATABASE_RANDOM_PAGE_COST", "1.1")
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # A database that does not answer fails the request after seconds, not minutes;
        # no statement runs on after its request is given up (gunicorn's timeout is 30 s),
        # and sorts and hashes of one query get room enough not to spill at a million rows.
        # No JIT compilation: the portal's queries read a page or a capped count, but their
        # estimated cost grows with the tables (a LIMIT inside a subquery is not trusted),
        # and past jit_above_cost PostgreSQL spent 0.3-0.5 s compiling a 60 ms statement.
        # An index probe priced as a read from an SSD or the cache, not from a spinning
        # disk (PostgreSQL's default of 4): with 4, the security officer's "clearances to
        # act on" hashed every organisation's due clearances (20 ms at 1M) rather than
        # probing his organisation's people (7 ms).
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            connect_timeout=5,
            options=(
                f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
                f" -c work_mem={DATABASE_WORK_MEM}"
                f" -c random_page_cost={DATABASE_RANDOM_PAGE_COST}"
                " -c jit=off"
            ),
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / env("SQLITE_NAME", "db.sqlite3"),
        }
    }
    # SQLite builds the covering indexes (dossiers' list orders) without their non-key
    # columns: the same order, read with the table.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The demo accounts of `load_demo_data` share this password; refused when DEBUG is off.
DEMO_PASSWORD = "liaison-demo-2026"  # noqa: S105

# Two-factor log-in (TOTP with backup codes) for every account. Only the embedded
# demo (DEBUG on) may switch it off, with TWO_FACTOR_REQUIRED=false.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True) or not DEBUG
OTP_TOTP_ISSUER = "Verbindingsportaal Vlaamse Regering"
TWO_FACTOR_REMEMBER_COOKIE_AGE = None

# Brute-force protection. An account (and an account from one address) is locked after
# a few failures, for a cool-off or until the administrator unlocks it (Django admin,
# Axes). An address is never locked, for a whole government network may share it: once
# it has many failures within the cool-off its further failed attempts are refused
# (429), while a correct password still gets through (accounts.security).
AXES_FAILURE_LIMIT = env_int("LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOCKOUT_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "accounts.security.lockout_response"
LOGIN_ADDRESS_FAILURES = env_int("LOGIN_ADDRESS_FAILURES", 30)
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
AXES_USERNAME_CALLABLE = "accounts.security.login_username"
# Addresses of the reverse proxies whose X-Forwarded-For is believed; nobody else's is.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Sessions: 30 minutes idle (configurable), 12 hours at most.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
# The reminder sweep's statements may run this long (it is no request; 0: no limit).
SWEEP_STATEMENT_TIMEOUT_MS = env_int("SWEEP_STATEMENT_TIMEOUT_MS", 600_000)
# A reminder digest lists this many reminders, the soonest first, and says how many more
# wait in the inbox.
REMINDER_DIGEST_LINES = env_int("REMINDER_DIGEST_LINES", 50)

# The worker counts the cabinet's figures over every dossier this often (beat); the page
# reads them and calls them late after three of these intervals without a new count.
DASHBOARD_SUMMARY_SECONDS = env_int("DASHBOARD_SUMMARY_SECONDS", 60)

# Renewed by activity at most once a minute (accounts.middleware), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 12) * 3600

# Content-Security-Policy: our own origin only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# django-guardian: no anonymous user, object permissions only for signed-in users.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Languages: Dutch first, French and English complete.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# Belgian dates (06/12/2026) and numbers (1.234,5) in every language: liaison/formats/.
FORMAT_MODULE_PATH = ["liaison.formats"]

# Static files: the project's own in static/, Bootstrap and Tom Select from npm packages.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / env("STATIC_ROOT", "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded attachments live outside the web root and are served only through views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 20) * 1024 * 1024
# Accepted attachments, recognised by their content (not their name).
ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "text/plain": ".txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The committees of the Flemish Parliament the officer reports to: code, Dutch name,
# French name. The first is the default.
REPORT_COMMITTEES = [
    (
        "general-policy",
        "Commissie voor Algemeen Beleid, Financiën, Begroting en Justitie",
        "Commission de la Politique générale, des Finances, du Budget et de la Justice",
    ),
    (
        "home-affairs",
        "Commissie voor Binnenlands Bestuur, Gelijke Kansen en Integratie",
        "Commission des Affaires intérieures, de l'Égalité des chances et de l'Intégration",
    ),
    (
        "education",
        "Commissie voor Onderwijs",
        "Commission de l'Enseignement",
    ),
]

# The report's preview and the draft's edit page show this many dossiers per section
# (the rest is counted, and in a draft paged): a quarter can hold thousands. The kept
# version, made in full, holds all.
REPORT_PREVIEW_ITEMS = 25
# What they do not show they count up to this many (then "100+"): enough to tell a full
# section, and a count that stops early does not grow with the dossiers behind it.
REPORT_PREVIEW_COUNT_CAP = 100

# E-mail: console by default, SMTP through EMAIL_HOST.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = (
    "reminders.mail.SMTPBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
# Seconds any one exchange with the relay may take: a relay that hangs frees the worker.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "liaison-portal@localhost")
PORTAL_BASE_URL = env("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Rules of the classification law that no public source confirmed (README: "Rules kept as
# settings"); the defaults are the portal's behaviour so far.
# Whether reading a BEPERKT item needs a clearance (of BEPERKT or higher); need-to-know is
# asked either way.
BEPERKT_NEEDS_CLEARANCE = env_bool("BEPERKT_NEEDS_CLEARANCE", True)
# After how many years a BEPERKT item's classification is reviewed (the law names 20, 30 and
# 50 years for VERTROUWELIJK, GEHEIM and ZEER GEHEIM; BEPERKT follows VERTROUWELIJK here).
DECLASSIFICATION_REVIEW_YEARS_BEPERKT = env_int("DECLASSIFICATION_REVIEW_YEARS_BEPERKT", 20)

# Celery: in-process without a broker, Redis through CELERY_BROKER_URL.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task whose worker died is delivered again: safe, since the sweep repeats nothing and
# a send finds its e-mail already claimed and leaves it to become "uncertain".
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Nothing waits for ever: a task is interrupted after the soft limit and killed after
# the hard one. An outbox e-mail still "being sent" after the hard limit is uncertain.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # Reminders of deadlines (rule 6): recorded before sent, so a rerun repeats nothing,
    # and a sweep that beat missed (broker down) is caught up a quarter of an hour later.
    "sweep-reminders": {
        "task": "reminders.tasks.sweep_reminders",
        "schedule": crontab(minute="*/15"),
    },
    # Coverage figures of the new day (a clearance lapses at midnight); a page that finds
    # figures of another day counts them itself, once, should beat be late or down.
    "refresh-coverage-figures": {
        "task": "clearances.tasks.refresh_coverage_figures",
        "schedule": crontab(minute=0, hour=0),
    },
    # The cabinet's figures over every dossier, stored for every web process to read: no
    # page counts them. A refresh not delivered within its interval (worker down) is
    # dropped, not piled up: the next one counts the same and more.
    "refresh-cabinet-figures": {
        "task": "dashboards.tasks.refresh_cabinet_figures",
        "schedule": DASHBOARD_SUMMARY_SECONDS,
        "options": {"expires": DASHBOARD_SUMMARY_SECONDS},
    },
}
# Beat remembers its last runs here: keep it on a volume that outlives the container.
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", str(BASE_DIR / "var" / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULER = "liaison.celery:PersistentScheduler"
# Outbox e-mails: attempts while the relay is unreachable, the first wait between them
# in seconds (doubled each time) and the longest wait; then the e-mail shows as failed.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_RETRY_BACKOFF = env_int("OUTBOX_RETRY_BACKOFF", 60)
OUTBOX_RETRY_BACKOFF_MAX = env_int("OUTBOX_RETRY_BACKOFF_MAX", 600)

# Security: strict by default when DEBUG is off.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The health check is asked over plain HTTP inside the container network.
SECURE_REDIRECT_EXEMPT = [r"^healthz"]

# Logs: one JSON object per line (django-structlog) with time, level, logger, and
# during a request its id and the user's id. Objects are named by id or reference.
LOG_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "foreign_pre_chain": LOG_PROCESSORS,  # Django's, Celery's and others' records
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own records go to the root handler only, never as a second plain line.
        "django": {"handlers": [], "propagate": True},
        # Logged after the request's ids are gone; django-structlog's request_finished
        # and request_failed (with the traceback) say the same with the ids.
        "django.request": {"handlers": ["discard"], "propagate": False},
    },
}
# The worker logs through the same configuration, with the id of the request that
# enqueued a task.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
DJANGO_STRUCTLOG_CELERY_ENABLED = True

# Worker heartbeat: beat sends a task this often; /healthz/worker and the worker's
# health check fail when no worker completed one within three intervals.
WORKER_HEARTBEAT_SECONDS = 60
CELERY_BEAT_SCHEDULE["worker-heartbeat"] = {
    "task": "liaison.tasks.record_heartbeat",
    "schedule": WORKER_HEARTBEAT_SECONDS,
    "options": {"expires": WORKER_HEARTBEAT_SECONDS},
}
