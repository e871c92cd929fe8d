"""Settings for the media committee tool.

With nothing set in the environment this runs the embedded SQLite demo in debug mode.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_database, env_int, env_list, env_rate, env_str

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
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "persian.apps.PersianConfig",
    "committee.apps.CommitteeConfig",
    "workgroups.apps.WorkgroupsConfig",
    "minutes.apps.MinutesConfig",
    "portal.apps.PortalConfig",
    "api.apps.ApiConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Published PDFs, before the session and authentication they do not use.
    "minutes.middleware.PublishedPdfMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PersianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# django-guardian: no anonymous "user row" is needed; public reads go through querysets.
ANONYMOUS_USER_NAME = None

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
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
# The address the public reaches this installation at (e.g. https://media.rasht.ir). It is
# printed, with the verification path, in every published PDF's footer and QR code, so it
# must be absolute: with DJANGO_DEBUG=0 and no value, `check --deploy` fails and publishing
# is refused (minutes/checks.py) rather than freezing an unusable address into a PDF.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", default="").strip().rstrip("/")
if PUBLIC_BASE_URL and not PUBLIC_BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"PUBLIC_BASE_URL={PUBLIC_BASE_URL!r} must be an absolute http(s) address."
    )

# The seal of published PDFs (minutes/signing.py): a PKCS#12 file with the municipality's
# seal certificate and key, its passphrase, and optionally an RFC 3161 timestamp service.
SIGNING_P12 = env_str("DJANGO_SIGNING_P12", default="")
SIGNING_PASSPHRASE = env_str("DJANGO_SIGNING_PASSPHRASE", default="")
SIGNING_TSA_URL = env_str("DJANGO_SIGNING_TSA_URL", default="")
# PEM files of further trust roots for checking uploaded files (beside the P12's chain).
SIGNING_TRUST_ROOTS = env_list("DJANGO_SIGNING_TRUST_ROOTS", [])

# Attachments of meetings (minutes/attachments.py): each file, and all of one meeting's.
ATTACHMENT_MAX_BYTES = env_int("DJANGO_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
ATTACHMENT_MEETING_MAX_BYTES = env_int("DJANGO_ATTACHMENT_MEETING_MAX_BYTES", 100 * 1024 * 1024)

MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="media-committee@localhost")

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
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    # Per client IP for visitors, per account for logged-in users. The counters live in
    # the default cache (per process with the local-memory cache).
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("DJANGO_API_ANON_RATE", "60/min"),
        "user": env_rate("DJANGO_API_USER_RATE", "1200/min"),
    },
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
