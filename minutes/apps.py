from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("جلسات و صورتجلسه‌ها")

    def ready(self) -> None:
        # Registers the deployment checks of the publication settings and of the seal.
        from minutes import checks  # noqa: F401
        from minutes.publication import signing_checks  # noqa: F401
