from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from committee.access import LimitedPasswordResetView
from config.views import healthz

urlpatterns = [
    # Liveness for a load balancer or a process supervisor: no database, no session.
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Password reset, limited per address and per client (committee/access.py); the rest of
    # Django's account pages as they are.
    path("accounts/password_reset/", LimitedPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    # The language switch in every page's header carries no CSRF token (templates/base.html):
    # a forged request could only change a visitor's language preference.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The REST API (/api/v1/…, the schema and its docs) and the page of one's API token.
    path("api/", include("api.urls")),
    path("account/", include("api.account_urls")),
    # The public portal first: it serves the home and committee pages ("home",
    # "committee_detail") that minutes.urls also names.
    path("", include("portal.urls")),
    # Citizens' demands: the public form, list and pages, and the secretariat's triage.
    path("", include("demands.urls")),
    path("", include("workgroups.urls")),
    path("", include("minutes.publication.pdf_urls")),
    path("", include("minutes.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
