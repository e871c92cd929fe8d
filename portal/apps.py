from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal: the archive of published minutes, the decisions tracker, the
    workgroup pages, feeds, the sitemap and the public comments. The top layer: it reads
    minutes, workgroups, committee and persian; nothing imports it."""

    name = "portal"
    verbose_name = _("درگاه عمومی")
