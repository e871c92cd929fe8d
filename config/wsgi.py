import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()


def _warm_up() -> None:
    """What a worker's first request would otherwise load: the URLconf (and with it every
    view module — the API, the PDF rendering and signing libraries — some seconds of
    imports) and the translation catalogs. With gunicorn's ``preload_app`` this runs once
    in the master and every worker is forked with it loaded (issue 17: cold start)."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018  (imports the URLconf)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("")


_warm_up()
