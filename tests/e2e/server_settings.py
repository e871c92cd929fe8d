"""Settings of the server that the browser tests start: the project's own settings, run the
way production runs them (``DJANGO_DEBUG=0``, set by the fixture), so that visitors see the
Persian error pages rather than Django's debug pages.

The only change: static files are served by WhiteNoise straight from the source folders
(the finders), as in development, so no ``collectstatic`` into the working tree is needed.
"""

from config.settings import *  # noqa: F403
from config.settings import MEDIA_ROOT, STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# WhiteNoise also looks here (the fixture creates it in its temporary folder).
STATIC_ROOT = MEDIA_ROOT.parent / "staticfiles"

# Plain HTTP on the loopback interface: no redirect to HTTPS, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
