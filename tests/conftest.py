from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Demo logins and factories hash passwords; the fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _persian_by_default():
    # A request in English leaves English active in the thread; start every test in Persian.
    with translation.override("fa"):
        yield
