"""``fa_filesize``: a size in words a Persian reader reads (and in English, as English)."""

from __future__ import annotations

from django.utils import translation

from persian.templatetags.persian import fa_filesize


def test_sizes_are_written_in_persian_digits_and_units():
    with translation.override("fa"):
        assert fa_filesize(80384) == "۷۸٫۵ کیلوبایت"
        assert fa_filesize(1300000) == "۱٫۲ مگابایت"
        assert fa_filesize(20 * 1024 * 1024) == "۲۰ مگابایت"


def test_in_english_the_size_is_english():
    with translation.override("en"):
        assert fa_filesize(80384) == "78.5 KB"


def test_a_value_that_is_not_a_size_gives_nothing():
    assert fa_filesize("x") == ""
    assert fa_filesize(None) == ""
