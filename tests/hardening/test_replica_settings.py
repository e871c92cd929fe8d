"""DATABASE_REPLICA_URLS and DJANGO_REPLICA_STICKY_SECONDS, read by config/settings.py in a
fresh process: without them nothing is routed; with them each replica is a database alias,
the router and its middleware are installed, and a replica on the wrong engine refuses to
start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import json
from django.conf import settings
print(json.dumps({
    "databases": {
        alias: {k: entry.get(k) for k in ("ENGINE", "HOST", "PORT", "NAME", "TEST")}
        for alias, entry in settings.DATABASES.items()
    },
    "replicas": settings.REPLICA_DATABASES,
    "routers": settings.DATABASE_ROUTERS,
    "first_middleware": settings.MIDDLEWARE[0],
    "replica_middleware": settings.MIDDLEWARE.count("config.db_router.ReplicaReadsMiddleware"),
    "sticky": settings.REPLICA_STICKY_SECONDS,
}))
"""


def _settings(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(extra, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_without_replicas_nothing_is_routed():
    result = _settings({})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data["databases"]) == ["default"]
    assert data["replicas"] == [] and data["routers"] == []
    assert data["replica_middleware"] == 0
    assert data["sticky"] == 5


def test_each_replica_url_is_a_database_the_router_reads_from():
    result = _settings(
        {
            "DATABASE_URL": "postgres://committee:pw@10.0.0.1:5432/committee",
            "DATABASE_REPLICA_URLS": (
                " postgres://committee:pw@10.0.0.2:5432/committee ,"
                "postgresql://committee:p%2Cw@10.0.0.3:6432/committee,"
            ),
            "DJANGO_REPLICA_STICKY_SECONDS": "12",
        }
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data["databases"]) == ["default", "replica1", "replica2"]
    assert data["databases"]["replica1"]["HOST"] == "10.0.0.2"
    assert data["databases"]["replica2"]["PORT"] == "6432"
    # The test runner makes no database on a replica (it is read-only): it reads the primary's.
    assert data["databases"]["replica1"]["TEST"] == {"MIRROR": "default"}
    assert data["replicas"] == ["replica1", "replica2"]
    assert data["routers"] == ["config.db_router.ReplicaRouter"]
    assert data["first_middleware"] == "config.db_router.ReplicaReadsMiddleware"
    assert data["replica_middleware"] == 1
    assert data["sticky"] == 12


def test_replicas_of_the_embedded_database_refuse_to_start():
    result = _settings({"DATABASE_REPLICA_URLS": "postgres://u:p@10.0.0.2/committee"})
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS needs PostgreSQL" in result.stderr


def test_a_replica_that_is_not_postgresql_refuses_to_start():
    result = _settings(
        {
            "DATABASE_URL": "postgres://u:p@10.0.0.1/committee",
            "DATABASE_REPLICA_URLS": "mysql://u:p@10.0.0.2/committee",
        }
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS" in result.stderr


def test_sticky_seconds_must_be_a_whole_number():
    for value in ("five", "-1"):
        result = _settings(
            {
                "DATABASE_URL": "postgres://u:p@10.0.0.1/committee",
                "DATABASE_REPLICA_URLS": "postgres://u:p@10.0.0.2/committee",
                "DJANGO_REPLICA_STICKY_SECONDS": value,
            }
        )
        assert result.returncode != 0
        assert "DJANGO_REPLICA_STICKY_SECONDS" in result.stderr
