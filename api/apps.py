from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API and the open-data exports. The top layer: it reads every other app
    and changes state only through their service functions; nothing imports it."""

    name = "api"
    verbose_name = _("واسط برنامه‌نویسی")
