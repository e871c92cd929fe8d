"""Every list is paginated: 20 a page by default, ``page_size`` up to 100."""

from __future__ import annotations

from rest_framework import pagination

from portal.cache import CachedCountPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    # The count of every matching row is kept per query and version of the record.
    django_paginator_class = CachedCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
