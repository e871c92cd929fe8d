"""sitemap.xml: the home page, the public lists, the workgroup pages and every published
revision of the minutes. Drafts have no public page and never appear."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.indexing import ensure_index
from portal.models import PublishedDocument
from workgroups.models import Workgroup


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "portal_archive", "portal_decisions"]

    def location(self, item: str) -> str:
        return reverse(item)


class WorkgroupSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Workgroup.objects.select_related("committee").order_by("committee__slug", "order")

    def location(self, item: Workgroup) -> str:
        return reverse("portal_workgroup", args=[item.committee.slug, item.slug])


class MinutesSitemap(Sitemap):
    changefreq = "yearly"  # a published revision never changes; a correction is a new page
    priority = 0.7

    def items(self):
        ensure_index()
        return PublishedDocument.objects.order_by("-published_at", "-pk")

    def lastmod(self, item: PublishedDocument):
        return item.published_at


SITEMAPS = {"pages": StaticSitemap, "workgroups": WorkgroupSitemap, "minutes": MinutesSitemap}
