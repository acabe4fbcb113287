"""Check-then-act races: many requests at once must not each find the one free slot.

16 notes sent at once on a fresh link (10 an hour), 15 wrong sign-ins at once (5 checks before the
back-off). Each test slows the slow step on purpose (a barrier or an event, never a sleep), so that
without the fix every request is certain to be inside the gap together; with the fix the slot is taken
before that step, and the outcome does not depend on timing.
"""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest

from tests.races import held_in_the_gap, run_together
from valuesapp.core.access import FAILURES_BEFORE_BACKOFF, LINK_NOTES_PER_HOUR
from valuesapp.services import build_services
from valuesapp.services.links import TooManyNotes
from valuesapp.store.engine import open_store
from valuesapp.web.signins import SignIns

PASSPHRASE = "correct horse battery staple"
ADDRESS = "203.0.113.9"


@pytest.fixture
def on_sqlite(tmp_path, clock):
    """Sign-ins live in the server's memory: one store kind is enough for them."""
    store = open_store(str(tmp_path / "values.db"))
    yield build_services(store, clock=clock, rng=random.Random(7))
    store.close()


def test_sixteen_notes_sent_at_once_on_a_fresh_link_store_exactly_ten(app):
    made = app.links.create("Maya")
    ctx = app.links.ctx
    # The step between counting the hour's notes and adding one: every sender waits there for the others.
    with held_in_the_gap(ctx, 16):
        results = run_together(16, lambda i: app.links.send(made.token, f"note {i}"))

    assert sum(r is True for r in results) == LINK_NOTES_PER_HOUR, results
    refused = [r for r in results if isinstance(r, TooManyNotes)]
    assert len(refused) == 16 - LINK_NOTES_PER_HOUR, results
    assert all("try again in 60 minutes" in r.message for r in refused)
    assert len(app.feedback.list("all")) == LINK_NOTES_PER_HOUR


def test_fifteen_wrong_sign_ins_at_once_run_at_most_five_checks(on_sqlite, clock):
    app = on_sqlite
    app.access.set_passphrase(PASSPHRASE)
    real_verify = app.access.verify
    changed = threading.Condition()
    checks: list[str] = []
    answered: list = []
    release = threading.Event()

    def slow_verify(attempt: str) -> bool:
        """Holds every check until each of the 15 has either started a check or been answered."""
        with changed:
            checks.append(attempt)
            changed.notify_all()
        release.wait()
        return real_verify(attempt)

    app.access.verify = slow_verify
    signins = SignIns(app.access, clock)

    def attempt(_i):
        result = signins.attempt(ADDRESS, "a wrong guess, again")
        with changed:
            answered.append(result)
            changed.notify_all()
        return result

    waiter = threading.Thread(target=lambda: (_wait_for(changed, lambda: len(checks) + len(answered) >= 15),
                                              release.set()))
    waiter.start()
    results = run_together(15, attempt)
    waiter.join()

    assert len(checks) <= FAILURES_BEFORE_BACKOFF, len(checks)
    assert all(r.token is None for r in results)
    assert sum(r.wait > timedelta(0) for r in results) >= 15 - FAILURES_BEFORE_BACKOFF
    assert signins.attempt(ADDRESS, PASSPHRASE).wait > timedelta(0), "the five failures were counted"


def _wait_for(condition: threading.Condition, predicate) -> None:
    with condition:
        assert condition.wait_for(predicate, timeout=60)


def test_a_check_that_fails_with_an_error_gives_its_slot_back(on_sqlite, clock):
    """A slot taken for a check is given back however the check ends, or errors would lock the owner out."""
    app = on_sqlite
    app.access.set_passphrase(PASSPHRASE)
    real_verify = app.access.verify

    def broken(attempt: str) -> bool:
        raise RuntimeError("the store went away")

    app.access.verify = broken
    signins = SignIns(app.access, clock)
    for _ in range(FAILURES_BEFORE_BACKOFF + 1):
        with pytest.raises(RuntimeError):
            signins.attempt(ADDRESS, PASSPHRASE)
    app.access.verify = real_verify
    assert signins.attempt(ADDRESS, PASSPHRASE).token is not None
