"""Settings for the Meditation Tracker API, read from the environment.

Only ``DEBUG=1`` is needed for development. With ``DEBUG`` off the server
refuses to start without a ``SECRET_KEY``, so a production deployment can
never run on the development key by accident. The README lists every
variable.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

FLAG_VALUES = {"", "0", "1", "true", "false", "yes", "no", "on", "off"}


def env_flag(name: str) -> bool:
    """An on/off variable. A value that is neither (``DEBUG=maybe``) stops the
    start rather than being read as off."""
    raw = env.str(name, default="")
    if raw.strip().lower() not in FLAG_VALUES:
        raise ImproperlyConfigured(f"{name}={raw!r}: use 1 or 0.")
    return env.bool(name, default=False)


DEBUG = env_flag("DEBUG")

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string, "
            "or set DEBUG=1 to run with the development key."
        )
    SECRET_KEY = "development-only-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "sessions_app",
    "leaderboard",
    "notifications",
]

MIDDLEWARE = [
    "meditation_tracker.middleware.RequestLogMiddleware",
    "meditation_tracker.errors.JSONErrorsMiddleware",
    "meditation_tracker.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Serves the admin's, the browsable API's and the docs' static files, so
    # that no separate web server is needed.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "meditation_tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "meditation_tracker.wsgi.application"


# Database: SQLite beside manage.py unless DATABASE_URL names another one.

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while one request writes.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # BEGIN IMMEDIATE takes the write lock when a transaction starts, so a
        # second writer waits for it (up to the timeout) instead of failing
        # with "database is locked" when it tries to upgrade a read lock.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file, not shared memory, so that locking behaves as it does
    # under a real server; one per process, so that two runs never collide.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"meditation-test-{os.getpid()}.db")
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Cache: shared through Redis when REDIS_URL is set, so that every worker
# process counts the same throttle window.

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="meditation"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "rest_framework:login"
LOGIN_REDIRECT_URL = "api-root"
LOGOUT_REDIRECT_URL = "rest_framework:login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development the files are served from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG

# API.md caps a request body at 1 MiB; RequestBodyLimitMiddleware answers 413
# before anything reads a larger body.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024


def throttle_rate(name: str, default: str | None) -> str | None:
    """A DRF rate from the environment; an empty value turns it off."""
    return env.str(name, default=default or "") or None


ANON_RATE = throttle_rate("THROTTLE_ANON_RATE", "30/min")


REST_FRAMEWORK = {
    # Token first: an anonymous request then gets 401 with a
    # WWW-Authenticate header instead of 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "meditation_tracker.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": ANON_RATE,
        "user": throttle_rate("THROTTLE_USER_RATE", "600/min"),
        # The stricter limit on sign-in attempts is a form of the anonymous
        # one: turning the anonymous throttle off turns it off too, unless
        # it is set on its own.
        "sign_in": throttle_rate("THROTTLE_SIGN_IN_RATE", ANON_RATE and "10/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "meditation_tracker.errors.api_exception_handler",
}

REST_KNOX = {
    # Only a SHA-512 digest of each token is stored. A token lives 30 days
    # from its last use, and never more than a year.
    "TOKEN_TTL": timedelta(days=30),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(days=365),
    "MIN_REFRESH_INTERVAL": 3600,
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Meditation Tracker API",
    "DESCRIPTION": "Log meditation sessions, follow your consistency and "
    "compare total minutes on a gentle leaderboard.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "meditation_tracker.schema.add_error_responses",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    # The documentation page loads its scripts from this server, so it works
    # without internet access.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}


# Deployment behind TLS.

if env_flag("HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Load balancers probe over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]


LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(process)d] %(name)s %(message)s"
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own console handler would print each of its lines twice.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Every request already has its line from RequestLogMiddleware; Django's
        # own request logger is kept for errors, which it logs with the stack.
        "django.request": {
            "handlers": ["console"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}
