"""The default lists of a committee's demands: topics in the fields of the five standard
workgroups (by their order, workgroups/standard.py) and numbered districts. A deployment
edits them in the admin."""

from __future__ import annotations

# (workgroup order, topic). Stored as they are: they are the committee's own words.
STANDARD_TOPICS: tuple[tuple[int, str], ...] = (
    (1, "فرهنگ، رویدادها و فضاهای فرهنگی"),
    (1, "گردشگری و بافت تاریخی"),
    (2, "ترافیک و حمل و نقل عمومی"),
    (2, "آسفالت، معابر و پیاده‌روها"),
    (3, "ساخت‌وساز، پروانه و تخلفات ساختمانی"),
    (3, "سد معبر و حقوق شهروندی"),
    (4, "پسماند و نظافت شهر"),
    (4, "فضای سبز و پارک‌ها"),
    (4, "روشنایی و آب‌های سطحی"),
    (5, "عوارض، درآمد و خدمات الکترونیک شهرداری"),
)

STANDARD_DISTRICTS = 5
