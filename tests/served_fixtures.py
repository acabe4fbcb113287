"""The fixtures every HTTP test of the served app starts from: a store on a fixed morning in Berlin.

Imported by name into each such test file (pytest finds fixtures in a module's namespace), so they
stay in one place without changing the `clock` the other tests get from conftest.py.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest

from valuesapp.core.clock import FixedClock
from valuesapp.services import build_services
from valuesapp.store.engine import open_store


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def services(tmp_path, clock):
    store = open_store(str(tmp_path / "values.db"))
    yield build_services(store, clock=clock, rng=random.Random(7), system_timezone="Europe/Berlin")
    store.close()
