"""Small typed readers for settings that come from the environment.

Each reader fails loudly with ImproperlyConfigured on a value it cannot understand,
so a typo in production configuration stops the process instead of silently falling
back to a default.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_choice(name: str, choices: tuple[str, ...] | list[str], default: str) -> str:
    """One of a few named values, e.g. ``DJANGO_TASKS_BACKEND=database``."""
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: use one of {', '.join(choices)}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_days(name: str, default: list[int]) -> list[int]:
    """Whole numbers of days, comma-separated (``7,1``), each 0 or more; sorted, largest
    first. An empty value is an empty list (nothing of the kind)."""
    value = os.environ.get(name)
    if value is None:
        return sorted(default, reverse=True)
    days = []
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        if not item.isascii() or not item.isdigit():
            raise ImproperlyConfigured(
                f"{name}={value!r} is not a list of whole numbers of days such as 7,1."
            )
        days.append(int(item))
    return sorted(set(days), reverse=True)


def env_database(name: str, default: dict) -> dict:
    """A Django DATABASES entry from a URL such as
    ``postgres://user:password@host:5432/dbname?sslmode=require`` or ``sqlite:///path``.

    Only the two engines this project supports are accepted; anything else fails loudly.
    """
    value = os.environ.get(name)
    if not value:
        return default
    return _database_from_url(name, value)


def env_database_list(name: str) -> list[dict]:
    """Django DATABASES entries from comma-separated URLs, e.g. the read replicas
    ``postgres://u:p@10.0.0.2:5432/db,postgres://u:p@10.0.0.3:5432/db`` (a comma inside a
    password is written ``%2C``). Unset or empty: none."""
    value = os.environ.get(name, "")
    return [_database_from_url(name, item.strip()) for item in value.split(",") if item.strip()]


def _database_from_url(name: str, value: str) -> dict:
    from urllib.parse import parse_qsl, unquote, urlsplit

    url = urlsplit(value)
    if url.scheme in ("postgres", "postgresql"):
        database = unquote(url.path.lstrip("/"))
        if not database:
            raise ImproperlyConfigured(f"{name} names no database: {value!r}")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": database,
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "HOST": url.hostname or "",
            "PORT": str(url.port or ""),
            "OPTIONS": dict(parse_qsl(url.query)),
            "CONN_MAX_AGE": env_int("DJANGO_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    if url.scheme == "sqlite":
        # sqlite:///relative.sqlite3 and sqlite:////absolute/path.sqlite3, as is customary.
        path = unquote(url.path)[1:]
        if not path:
            raise ImproperlyConfigured(f"{name} names no SQLite file: {value!r}")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    raise ImproperlyConfigured(
        f"{name}={value!r}: use postgres://… (production) or sqlite:///… (embedded)."
    )


_RATE_PERIODS = {"s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day"}


def env_rate(name: str, default: str) -> str:
    """A request rate as Django REST framework writes it: ``60/min``, ``1000/hour``."""
    value = os.environ.get(name)
    if value is None:
        return default
    count, _, period = value.strip().partition("/")
    if not count.isascii() or not count.isdigit() or period not in _RATE_PERIODS:
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate such as 60/min or 1000/hour.")
    return value.strip()


def env_cache(name: str) -> dict:
    """The default cache from a URL: ``redis://host:6379/0`` (shared by every worker and
    machine: what production uses, so that rate limits and lockouts hold across workers and
    restarts), ``file:///var/cache/committee`` (shared by the workers of one machine), or
    ``locmem://`` (one process; the default, for the demo and the tests)."""
    from urllib.parse import unquote, urlsplit

    value = os.environ.get(name, "").strip()
    if not value or value == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    url = urlsplit(value)
    if url.scheme in ("redis", "rediss", "unix"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": value}
    if url.scheme == "file":
        path = unquote(url.path)
        if not path.startswith("/"):
            raise ImproperlyConfigured(f"{name}={value!r}: a file cache needs an absolute path.")
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": path}
    raise ImproperlyConfigured(
        f"{name}={value!r}: use redis://host:6379/0, file:///absolute/path or locmem://."
    )
