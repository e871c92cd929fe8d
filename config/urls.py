from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The REST API (/api/v1/…, the schema and its docs) and the page of one's API token.
    path("api/", include("api.urls")),
    path("account/", include("api.account_urls")),
    # The public portal first: it serves the home and committee pages ("home",
    # "committee_detail") that minutes.urls also names.
    path("", include("portal.urls")),
    path("", include("workgroups.urls")),
    path("", include("minutes.pdf_urls")),
    path("", include("minutes.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
