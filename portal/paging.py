"""Pages of the public lists whose cost does not grow with the record.

A list of 585,000 decisions cannot be counted on every request, and page 1,000 of it
cannot be read by joining 20,000 rows only to skip them. :class:`BoundedPaginator`:

* counts at most :data:`COUNT_LIMIT` + 1 matching rows (``SELECT count(*) FROM (… LIMIT
  10001)``, in no order, so the cheapest plan is taken); beyond that the page says
  «بیش از ۱۰٬۰۰۰» (:attr:`BoundedPaginator.is_bounded`) instead of an exact figure, and the
  pages are not numbered to the end: any page number is accepted, the pagination shows the
  pages around the current one and «next» while there is a next row;
* reads a page in two steps: the primary keys of the page, from the list's ordering index
  (an index-only scan skips the rows before it), then those rows only, with their joins
  and prefetches. Both steps are one query each whatever the page and the record's size.

With the page cache on, the count is kept like :class:`portal.cache.CachedCountPaginator`'s.
"""

from __future__ import annotations

import collections.abc

from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.utils.functional import cached_property

from persian.digits import to_persian_digits
from persian.jalali import is_english
from portal.cache import CachedCountPaginator

# Counted exactly up to here; beyond, «more than».
COUNT_LIMIT = 10_000
# A text search counts fewer: each matching row's stored tsvector is read to count it (a
# common word matched 10,001 rows in 480 ms), while its first page stops early.
SEARCH_COUNT_LIMIT = 1_000


class BoundedPage(Page):
    """A page that knows whether a next page exists from one more row, not from a count."""

    def __init__(self, object_list, number, paginator, pages_after: int):
        super().__init__(object_list, number, paginator)
        # How many pages follow this one, up to BoundedPaginator.lookahead.
        self.pages_after = pages_after

    def has_next(self) -> bool:
        return self.pages_after > 0

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class BoundedPaginator(CachedCountPaginator):
    limit = COUNT_LIMIT
    # Pages after the current one that are looked for (and linked) past the limit.
    lookahead = 2

    def __init__(self, *args, limit: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if limit is not None:
            self.limit = limit

    def _counted(self) -> int:
        object_list = self.object_list
        if hasattr(object_list, "query"):
            return object_list.order_by().values("pk")[: self.limit + 1].count()
        return len(object_list)

    @cached_property
    def count(self) -> int:
        """Exact up to :attr:`limit`; ``limit + 1`` means «more than the limit»."""
        return self._cached_count(self._counted)

    @cached_property
    def _pages_after(self) -> dict[int, int]:
        return {}

    @property
    def is_bounded(self) -> bool:
        return self.count > self.limit

    @property
    def limit_display(self) -> str:
        """The limit as a page writes it: «۱۰٬۰۰۰», or «10,000» in English."""
        if is_english():
            return f"{self.limit:,}"
        return to_persian_digits(f"{self.limit:,}".replace(",", "\u066c"))

    @cached_property
    def num_pages(self) -> int:
        if self.is_bounded:
            # Unknown; at least as many as the counted rows fill.
            return -(-self.count // self.per_page)
        return super().num_pages

    def validate_number(self, number) -> int:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if not self.is_bounded and number > self.num_pages:
            if number == 1 and self.allow_empty_first_page:
                return number
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number) -> BoundedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self._keys(bottom, bottom + self.per_page * (1 + self.lookahead))
        if not keys and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        after = -(-max(0, len(keys) - self.per_page) // self.per_page)
        self._pages_after[number] = after
        return BoundedPage(self._rows(keys[: self.per_page]), number, self, after)

    def get_page(self, number) -> BoundedPage:
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            if self.is_bounded:
                return self.page(1)
            return self.page(max(1, self.num_pages))

    def _keys(self, bottom: int, top: int) -> list:
        """The primary keys of rows ``bottom`` to ``top`` in the list's order (an
        index-only scan where the ordering index covers the filters), or the rows
        themselves for a plain sequence."""
        object_list = self.object_list
        if not hasattr(object_list, "query"):
            return list(object_list[bottom:top])
        return list(object_list.values_list("pk", flat=True)[bottom:top])

    def _rows(self, keys: list) -> list:
        object_list = self.object_list
        if not hasattr(object_list, "query") or not keys:
            return list(keys)
        by_key = {row.pk: row for row in object_list.filter(pk__in=keys)}
        return [by_key[key] for key in keys if key in by_key]

    def get_elided_page_range(
        self, number=1, *, on_each_side=3, on_ends=2
    ) -> collections.abc.Iterator:
        if not self.is_bounded:
            yield from super().get_elided_page_range(
                number, on_each_side=on_each_side, on_ends=on_ends
            )
            return
        # The end is not known: the first pages, the ones around this one that exist,
        # and «…».
        number = self.validate_number(number)
        after = min(on_each_side, self._pages_after.get(number, 0))
        shown = set(range(1, on_ends + 1)) | set(
            range(max(1, number - on_each_side), number + after + 1)
        )
        previous = 0
        for page in sorted(shown):
            if page - previous > 1:
                yield self.ELLIPSIS
            yield page
            previous = page
        yield self.ELLIPSIS


def page_of(request, rows, per_page: int, *, limit: int = COUNT_LIMIT) -> BoundedPage:
    """The requested page of ``rows`` for a public list, with the page numbers its
    pagination shows (``portal/_pagination.html``: the first, two on each side, «…»)."""
    page = BoundedPaginator(rows, per_page, limit=limit).get_page(request.GET.get("page"))
    page.numbers_shown = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
