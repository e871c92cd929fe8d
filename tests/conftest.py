from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # Demo logins and factories hash passwords; the fast hasher keeps the suite quick.
    # Session-wide, so that TestCase.setUpTestData (which runs before function fixtures)
    # hashes with it too.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _no_public_page_cache():
    # Tests change rows with factories, which write no audit entry, so the public page cache
    # (portal/cache.py) could not see those changes; tests/portal/test_page_cache.py turns it
    # on where it is the subject.
    # Likewise the finding that the portal's index is complete (portal/indexing.py).
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0, PORTAL_INDEX_CHECK_SECONDS=0):
        yield


@pytest.fixture(autouse=True)
def _persian_by_default():
    # A request in English leaves English active in the thread; start every test in Persian.
    with translation.override("fa"):
        yield
