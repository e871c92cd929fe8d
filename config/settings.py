"""Settings for the media committee tool.

With nothing set in the environment this runs the embedded SQLite demo in debug mode.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_cache,
    env_choice,
    env_database,
    env_database_list,
    env_days,
    env_int,
    env_list,
    env_rate,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# Production as configured (DJANGO_DEBUG=0), fixed here once: the test runner turns DEBUG
# off at run time, and what production requires (an absolute PUBLIC_BASE_URL, the
# municipality's own seal) must not follow it.
PRODUCTION = not DEBUG

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Production behind a TLS-terminating proxy (docs/deploy.md); `manage.py check --deploy`
# is clean with these (a test keeps it so).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # A load balancer's liveness probe speaks plain HTTP to the application server.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    # Cookies over HTTPS only; DJANGO_SECURE_COOKIES=0 for a plain-HTTP loopback test server
    # (bench/mixed_load.py), never in production.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
X_FRAME_OPTIONS = "DENY"
# Everything a page uses comes from this origin: the pages run no script at all, the two
# inline style blocks (the verification pages, Redoc's head) carry the request's nonce, and
# the API's documentation pages, whose bundled viewers write inline styles and scripts, are
# the only ones given more (api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # The widgets' and error lists' templates for FORM_RENDERER below.
    "django.forms",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "persian.apps.PersianConfig",
    "committee.apps.CommitteeConfig",
    "workgroups.apps.WorkgroupsConfig",
    "minutes.apps.MinutesConfig",
    "portal.apps.PortalConfig",
    "demands.apps.DemandsConfig",
    "api.apps.ApiConfig",
    "demo.apps.DemoConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL character in the address or a query parameter is a 400 before anything reads it.
    "config.middleware.NulCharacterMiddleware",
    # Content-Security-Policy on every page (below), Permissions-Policy, and no shared
    # caching of what a logged-in person sees (config/middleware.py).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Published PDFs, before the session and authentication they do not use.
    "minutes.publication.middleware.PublishedPdfMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PersianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivacyHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: answers a login refused for too many failures (committee/access.py).
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees the views' exceptions first: a busy database is a 503.
    "config.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

# Forms render with the project's templates, so that templates/django/forms/errors/list/ul.html
# (a message's numbers in Persian digits) is used by every form, the admin's included.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "config.wsgi.application"

# The embedded SQLite file by default; PostgreSQL in production via DATABASE_URL.
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        default={
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("DJANGO_SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3")),
        },
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once on the embedded database: each transaction takes the write
    # lock when it begins (IMMEDIATE), so two saves queue instead of one failing half-way
    # with "database is locked"; a writer waits up to DJANGO_SQLITE_TIMEOUT seconds for the
    # lock, and only then is answered 503 with Retry-After (config/middleware.py). WAL lets
    # readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # How long a process keeps its connection to the embedded database (PostgreSQL's is
    # config/env.py's): 0 closes it after each request or task, as Django does by default.
    # The worker runs one short task per email, and closing SQLite's last connection
    # checkpoints its WAL each time, which costs more than the task: its service sets
    # DJANGO_CONN_MAX_AGE (bin/run-dev, docs/deploy.md).
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", 0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Read replicas (config/db_router.py): streaming replicas of the PostgreSQL primary, as
# comma-separated URLs; the public and API reads go to them, everything else (writes,
# transactions, the working interface, a visitor who wrote less than
# DJANGO_REPLICA_STICKY_SECONDS ago) to the primary. Unset: one database, nothing routed.
REPLICA_DATABASES: list[str] = []
for _number, _replica in enumerate(env_database_list("DATABASE_REPLICA_URLS"), start=1):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS needs PostgreSQL: set DATABASE_URL to the primary's "
            "postgres:// URL."
        )
    if _replica["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS: every replica is a postgres:// URL.")
    # The test runner creates no database on a read-only replica: it reads the primary's.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
    REPLICA_DATABASES.append(f"replica{_number}")
REPLICA_STICKY_SECONDS = env_int("DJANGO_REPLICA_STICKY_SECONDS", 5)
if REPLICA_STICKY_SECONDS < 0:
    raise ImproperlyConfigured("DJANGO_REPLICA_STICKY_SECONDS cannot be negative.")
if REPLICA_DATABASES:
    DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    # First: it decides where the request's reads go before anything reads.
    MIDDLEWARE.insert(0, "config.db_router.ReplicaReadsMiddleware")

# Background tasks (minutes/tasks.py: rendering and storing a published PDF).
# DJANGO_TASKS_BACKEND=database queues them in the database above, where
# `manage.py db_worker` processes run them (several may run at once: each claims a task
# under a lock); `make run` and production use it (docs/deploy.md). =immediate (the default:
# the test suite, one-off commands) runs each task at once, in the process that enqueues it.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env_choice("DJANGO_TASKS_BACKEND", tuple(TASK_BACKENDS), "immediate")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# Rate-limit counters, login lockouts' cache and the portal's page copies (DJANGO_CACHE_URL).
CACHES = {"default": env_cache("DJANGO_CACHE_URL")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its account or address is locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# django-guardian: no anonymous "user row" is needed; public reads go through querysets.
ANONYMOUS_USER_NAME = None

# The client's address behind DJANGO_TRUSTED_PROXY_COUNT reverse proxies that append to
# X-Forwarded-For (committee/access.py): every limit counts by it. 0 (the default) ignores
# the header, so a client cannot choose the address it is counted by.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Password guessing (django-axes), on every door that checks a password — the login page,
# the admin's and the API's token endpoint: after DJANGO_LOGIN_FAILURE_LIMIT failures for
# one account, or from one address, logging in there is refused for
# DJANGO_LOGIN_COOLOFF_MINUTES (each further failure starts the wait again), with a Persian
# page that says when to try again. The attempts are in the admin («Access attempts»).
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "committee.access.client_address"
AXES_LOCKOUT_CALLABLE = "committee.access.locked_out"
AXES_VERBOSE = False
# The password reset form: emails per address and requests per client address in an hour.
PASSWORD_RESET_PER_EMAIL_PER_HOUR = env_int("DJANGO_PASSWORD_RESET_PER_EMAIL_PER_HOUR", 3)
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env_int("DJANGO_PASSWORD_RESET_PER_ADDRESS_PER_HOUR", 10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# Persian first: the interface speaks Persian, right to left; English sits beside it.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("فارسی")), ("en", _("انگلیسی"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# People read Tehran time; storage stays UTC.
TIME_ZONE = "Asia/Tehran"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The Vazirmatn font comes from the npm registry (package.json), never from a CDN.
    ("vendor/vazirmatn", BASE_DIR / "node_modules" / "vazirmatn" / "fonts"),
    # The Jalali date picker of every date field (persian/forms.py, static/js/datepicker.js).
    (
        "vendor/jalalidatepicker",
        BASE_DIR / "node_modules" / "@majidh1" / "jalalidatepicker" / "dist",
    ),
]
# Where published PDFs, attachments, logos and demand photos are kept: every read and write
# goes through Django's storage API (STORAGES["default"]). DJANGO_STORAGE=filesystem (the
# default) keeps them under MEDIA_ROOT; =s3 in an S3-compatible bucket through
# django-storages (docs/deploy.md), private: the application serves every file itself.
if env_choice("DJANGO_STORAGE", ("filesystem", "s3"), "filesystem") == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("DJANGO_S3_BUCKET"),
            # An S3-compatible service's address (MinIO, Ceph, a cloud's): unset for AWS.
            "endpoint_url": env_str("DJANGO_S3_ENDPOINT_URL", default="") or None,
            "region_name": env_str("DJANGO_S3_REGION", default="") or None,
            # Unset: boto3's own chain (AWS_ACCESS_KEY_ID, a credentials file, a role).
            "access_key": env_str("DJANGO_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env_str("DJANGO_S3_SECRET_ACCESS_KEY", default="") or None,
            # A folder inside the bucket, e.g. rasht/ when several installations share one.
            "location": env_str("DJANGO_S3_PREFIX", default="").strip("/"),
            "addressing_style": env_choice(
                "DJANGO_S3_ADDRESSING_STYLE", ("auto", "path", "virtual"), "auto"
            ),
            # Nothing is public in the bucket, and nothing stored is overwritten: a name
            # taken gets another, as on the file system.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development whitenoise serves straight from the source folders (no collectstatic).
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
# Anonymous copies of the public list pages, valid while the record is unchanged
# (portal/cache.py); 0 turns the cache off.
PORTAL_PAGE_CACHE_SECONDS = env_int("DJANGO_PORTAL_CACHE_SECONDS", 300)
# How long the finding «every publication is in the portal's index» holds while the record
# is unchanged (portal/indexing.py ensure_index), whether or not pages are cached; 0 looks
# for unindexed publications on every public request.
PORTAL_INDEX_CHECK_SECONDS = env_int("DJANGO_PORTAL_INDEX_CHECK_SECONDS", 300)
# The address the public reaches this installation at (e.g. https://media.rasht.ir). It is
# printed, with the verification path, in every published PDF's footer and QR code, so it
# must be absolute: with DJANGO_DEBUG=0 and no value, `check --deploy` fails and publishing
# is refused (minutes/checks.py) rather than freezing an unusable address into a PDF.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", default="").strip().rstrip("/")
if PUBLIC_BASE_URL and not PUBLIC_BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"PUBLIC_BASE_URL={PUBLIC_BASE_URL!r} must be an absolute http(s) address."
    )

# The seal of published PDFs (minutes/publication/signing.py): a PKCS#12 file with the
# municipality's seal certificate and key, its passphrase, and optionally an RFC 3161
# timestamp service.
SIGNING_P12 = env_str("DJANGO_SIGNING_P12", default="")
SIGNING_PASSPHRASE = env_str("DJANGO_SIGNING_PASSPHRASE", default="")
SIGNING_TSA_URL = env_str("DJANGO_SIGNING_TSA_URL", default="")
# PEM files of further trust roots for checking uploaded files (beside the P12's chain).
SIGNING_TRUST_ROOTS = env_list("DJANGO_SIGNING_TRUST_ROOTS", [])

# Attachments of meetings (minutes/attachments.py): each file, and all of one meeting's.
ATTACHMENT_MAX_BYTES = env_int("DJANGO_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
ATTACHMENT_MEETING_MAX_BYTES = env_int("DJANGO_ATTACHMENT_MEETING_MAX_BYTES", 100 * 1024 * 1024)
# The largest file the verification page (/verify/, minutes/publication/pdf_views.py) accepts: it is
# hashed and its seal validated in memory, never stored.
# The photo of a citizen's demand (demands/photos.py): checked by content, at most this size.
DEMAND_PHOTO_MAX_BYTES = env_int("DJANGO_DEMAND_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
MINUTES_VERIFY_MAX_UPLOAD_BYTES = env_int("DJANGO_VERIFY_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Errors are logged with their tracebacks to standard error, which gunicorn and systemd's
# journal keep (docs/deploy.md: `journalctl -u media-committee`); with DJANGO_ADMINS set
# ("Name <address>, …" or bare addresses) each server error is also mailed to them.
ADMINS = [
    (name.strip() or address.strip(), address.strip(" >"))
    for name, _sep, address in (
        entry.rpartition("<") if "<" in entry else ("", "", entry)
        for entry in env_list("DJANGO_ADMINS", [])
    )
]
SERVER_EMAIL = env_str("DJANGO_SERVER_EMAIL", default="root@localhost")
LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", default="INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # A failed request: the traceback to standard error, and to the admins by email.
        "django.request": {
            "handlers": ["stderr", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        # The development server logs each request itself.
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # The PDF libraries narrate every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        "pyhanko": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="media-committee@localhost")
# The outbox (minutes/outbox.py): an email the mail server refuses is tried again after
# EMAIL_RETRY_SECONDS, then twice as long each time, EMAIL_MAX_ATTEMPTS tries in all, then
# shown as failed to the secretariat.
EMAIL_RETRY_SECONDS = env_int("DJANGO_EMAIL_RETRY_SECONDS", 60)
EMAIL_MAX_ATTEMPTS = env_int("DJANGO_EMAIL_MAX_ATTEMPTS", 5)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 30)
# Reminders (minutes/reminders.py, `manage.py send_reminders` from cron): invitees who have
# not answered, INVITATION_REMINDER_DAYS before the meeting (0: none); the people responsible
# for a decision, each of DECISION_REMINDER_DAYS before its deadline; and a weekly digest of
# their overdue decisions, on OVERDUE_DIGEST_WEEKDAY (the Jalali week starts on Saturday).
INVITATION_REMINDER_DAYS = env_int("DJANGO_INVITATION_REMINDER_DAYS", 2)
DECISION_REMINDER_DAYS = env_days("DJANGO_DECISION_REMINDER_DAYS", [7, 1])
OVERDUE_DIGEST_WEEKDAY = env_choice(
    "DJANGO_OVERDUE_DIGEST_WEEKDAY",
    ("saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday"),
    "saturday",
)
# The SMTP server, with DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
# The answer links of an invitation email (minutes/rsvp.py) work without logging in, once,
# for at most this many days after the email and never after the meeting has ended.
RSVP_LINK_DAYS = env_int("DJANGO_RSVP_LINK_DAYS", 30)

REST_FRAMEWORK = {
    # Closed by default: each endpoint opens what it needs (api/permissions.py).
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    # Token first, so that a request without credentials is answered 401 with a
    # WWW-Authenticate header; the session (with its CSRF check) serves the browser.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    # Per client address for visitors, per account for logged-in users. The counters live
    # in the default cache (CACHES above: shared by every worker with Redis).
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("DJANGO_API_ANON_RATE", "60/min"),
        "user": env_rate("DJANGO_API_USER_RATE", "1200/min"),
        # Asking for a token, per username asked for (whatever the address).
        "token": env_rate("DJANGO_API_TOKEN_RATE", "10/min"),
    },
    # The client address of every throttle is committee.access.client_address (which reads
    # X-Forwarded-For only behind DJANGO_TRUSTED_PROXY_COUNT proxies); for DRF's own code:
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Media committee API",
    "DESCRIPTION": (
        "The committee, its workgroups, members, meetings, agendas, journalists' questions, "
        "decisions and minutes as JSON. Public data for everyone; the internal record for "
        "members and roles, through the same rules as the working interface. "
        "See docs/api.md and docs/open-data.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Descriptions are written for clients: no developer docstring of a base class leaks in.
    "GET_LIB_DOC_EXCLUDES": "api.schema.lib_doc_excludes",
    # Everything the docs pages load comes from the app (drf-spectacular-sidecar), no CDN.
    # (drf-spectacular's names: SWAGGER_UI_DIST, SWAGGER_UI_FAVICON_HREF, REDOC_DIST)
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "MeetingStatusEnum": "minutes.models.Meeting.Status",
        "DecisionStatusEnum": "minutes.models.Decision.Status",
        "MinutesStatusEnum": "minutes.models.Minutes.Status",
        "QuestionStatusEnum": "minutes.models.Question.Status",
        "QuestionKindEnum": "minutes.models.Question.Kind",
        "AgendaItemKindEnum": "minutes.models.AgendaItem.Kind",
        "AttendanceStatusEnum": "minutes.models.Attendance.Status",
        "InvitationResponseEnum": "minutes.models.Invitation.Response",
        "OrganizationKindEnum": "committee.models.Organization.Kind",
        "MembershipRoleEnum": "workgroups.models.Membership.Role",
        "CommitteeRoleEnum": "committee.models.CommitteeRole.Role",
        "SideEnum": "committee.models.Side",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}
