from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    """Citizens' demands («طرح مطالبه»): a city problem raised for the committee or one of
    its workgroups, moderated by the secretariat, supported by visitors, counted by topic
    and district, and followed to the agenda item and the decisions it led to.

    It sits above the portal (demo → api → demands → portal → minutes → …): it reuses the
    portal's comment rules (text cleaning, the keyed visitor hash) and reads the portal's
    index of published decisions; the portal's templates only link to it by URL name."""

    name = "demands"
    verbose_name = _("مطالبات شهروندان")
