"""Shared fixtures: a fresh store per test (SQLite, and PostgreSQL when CI provides one), a fixed clock."""

from __future__ import annotations

import os
import random
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from valuesapp.core.clock import FixedClock
from valuesapp.services import Services, build_services
from valuesapp.store.engine import open_store

POSTGRES_URL = os.environ.get("VALUESAPP_TEST_POSTGRES_URL")


def new_postgres_database():
    """A throwaway database on the CI's PostgreSQL server: its URL, and what drops it afterwards."""
    admin = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    name = f"valuesapp_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = POSTGRES_URL.rsplit("/", 1)[0]
    return f"{base}/{name}", lambda: _drop(admin, name)


def _drop(admin, name):
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(autouse=True)
def _a_home_of_its_own(tmp_path, monkeypatch):
    """Each test has its own user data and cache folders: what a store on a server keeps there (drafts) can
    then never reach another test's empty box, and no test writes into the real home."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    # Except the web client's compressed files: made once, named by their content, shared by every test's server.
    monkeypatch.setenv("VALUESAPP_CLIENT_CACHE", str(Path(tempfile.gettempdir()) / f"valuesapp-tests-client-{os.getuid()}"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """Every store and service test runs on SQLite, and on PostgreSQL when one is available."""
    if request.param == "sqlite":
        yield str(tmp_path / "values.db")
        return
    if not POSTGRES_URL:
        pytest.skip("set VALUESAPP_TEST_POSTGRES_URL (as .ci/run does) to run this on PostgreSQL")
    url, drop = new_postgres_database()
    yield url
    drop()


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc))


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def app(store, clock) -> Services:
    """The services as every edge sees them, on a fresh store, a fixed clock and a seeded random source."""
    return build_services(store, clock=clock, rng=random.Random(1234), system_timezone="Europe/Berlin")


def dump(store):
    """Every row of every table, in key order: what "the store exactly as it was" compares."""
    from sqlmodel import SQLModel, select

    from valuesapp.store import tables

    tables.load_all()  # every table, also of the families this process has not read yet
    with store.engine.connect() as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
            for t in SQLModel.metadata.sorted_tables
        }
