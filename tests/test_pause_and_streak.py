"""Stories about pausing the practice, the streak of reflected days, and a value's own prompts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from valuesapp.core.errors import UserError
from valuesapp.core.prompts import GENERAL_PROMPTS

DAY = timedelta(days=1)
MARCH_2 = date(2026, 3, 2)  # the fixture clock's practice day


def test_paused_days_get_no_pick_and_rotation_resumes_without_a_repeat(app, clock):
    ids = [app.values.add(t).id for t in ("A", "B", "C")]
    before = app.practice.card()
    pause = app.practice.pause(MARCH_2 + DAY, MARCH_2 + 3 * DAY, "  Holiday in Lisbon ")
    assert (pause.start, pause.end, pause.reason) == (MARCH_2 + DAY, MARCH_2 + 3 * DAY, "Holiday in Lisbon")
    assert app.practice.card().value.id == before.value.id  # today was picked before the pause began

    for _ in range(3):
        clock.advance(DAY)
        card = app.practice.card()
        assert card.paused and card.value is None and card.strategy is None and card.prompt is None
        assert "Holiday in Lisbon" in card.reason and "paused" in card.message
    clock.advance(DAY)
    after = app.practice.card()
    assert not after.paused and after.value.id in ids
    assert after.value.id != before.value.id  # the last picked day counts as "yesterday"
    # Looking back, the paused days still show as paused and never got a value.
    assert app.practice.card(MARCH_2 + 2 * DAY).paused
    assert app.practice.card(MARCH_2 + 2 * DAY).value is None
    # Reflecting on a paused day is allowed; it is just not tied to any value.
    r = app.journal.reflect("Thought about it anyway.", day=MARCH_2 + 2 * DAY)
    assert r.value_id is None


def test_a_pause_without_a_reason_and_pauses_can_be_listed_and_removed(app, clock):
    app.values.add("A")
    p1 = app.practice.pause(MARCH_2, MARCH_2)
    p2 = app.practice.pause(MARCH_2 + 10 * DAY, MARCH_2 + 12 * DAY, "Ill")
    card = app.practice.card()
    assert card.paused and card.reason.startswith("Paused from 2026-03-02 to 2026-03-02")
    assert [p.id for p in app.practice.pauses()] == [p2.id, p1.id]  # latest first
    assert app.practice.remove_pause(p1.id).id == p1.id
    assert [p.id for p in app.practice.pauses()] == [p2.id]
    assert app.practice.card().value is not None  # unpaused today: now it is picked
    with pytest.raises(UserError, match="no pause with id 999"):
        app.practice.remove_pause(999)

    # Bad pauses are refused and nothing is saved.
    with pytest.raises(UserError, match="ends .* before it starts"):
        app.practice.pause(MARCH_2, MARCH_2 - DAY)
    with pytest.raises(UserError, match="at most 366 days"):
        app.practice.pause(MARCH_2, MARCH_2 + 366 * DAY)
    with pytest.raises(UserError, match="reason"):
        app.practice.pause(MARCH_2, MARCH_2, "r" * 2001)
    assert [p.id for p in app.practice.pauses()] == [p2.id]
    assert app.practice.pause(MARCH_2 + DAY, MARCH_2 + 366 * DAY).end == date(2027, 3, 3)  # 366 days is fine


def test_the_streak_counts_reflected_days_and_paused_days_do_not_break_it(app, clock):
    app.values.add("A")
    assert app.practice.streak() == 0
    # Reflected 24, 25, 26 Feb; paused 27 Feb - 1 Mar; today (2 Mar) not yet reflected.
    for n in (6, 7, 8):
        app.journal.reflect("did it", day=MARCH_2 - n * DAY)
    assert app.practice.streak() == 0  # 27 Feb .. 1 Mar were neither reflected nor paused
    app.practice.pause(MARCH_2 - 5 * DAY, MARCH_2 - DAY, "flu")
    assert app.practice.streak() == 3  # today is not over yet, the pause bridges the gap
    app.journal.reflect("back at it", rating=4)
    assert app.practice.streak() == 4
    app.journal.reflect("twice today", rating=2)
    assert app.practice.streak() == 4  # days, not reflections
    clock.advance(DAY)
    assert app.practice.streak() == 4
    clock.advance(DAY)  # a whole day missed: the streak is broken
    assert app.practice.streak() == 0
    app.journal.reflect("starting over")
    assert app.practice.streak() == 1
    # A reflection on a paused day counts like any other.
    app.journal.reflect("even on holiday", day=MARCH_2 - 3 * DAY)
    clock.advance(-2 * DAY)
    assert app.practice.streak() == 5


def test_a_values_own_prompts_are_asked_in_turn_and_without_them_the_general_ones(app, clock):
    a, b = (app.values.add(t).id for t in ("Patience", "Courage"))
    mine = [app.values.add_prompt(a, t) for t in ("Whom did I rush today?", "  Where did I wait well?  ")]
    assert [p.text for p in mine] == ["Whom did I rush today?", "Where did I wait well?"]
    other = app.values.add_prompt(b, "What did I face?")
    assert [p.text for p in app.values.get(a).prompts] == ["Whom did I rush today?", "Where did I wait well?"]

    app.values.focus(a, 4)
    seen = []
    for _ in range(4):
        card = app.practice.card()
        assert card.value.id == a
        seen.append(card.prompt)
        assert app.practice.card().prompt == card.prompt  # stable through the day
        clock.advance(DAY)
    assert sorted(set(seen)) == ["Where did I wait well?", "Whom did I rush today?"]  # its own, in turn
    assert other.text not in seen

    app.values.remove_prompt(mine[0].id)
    app.values.remove_prompt(mine[1].id)
    app.values.focus(a, len(GENERAL_PROMPTS))
    later = set()
    for _ in range(len(GENERAL_PROMPTS)):
        later.add(app.practice.card().prompt)
        clock.advance(DAY)
    assert later == set(GENERAL_PROMPTS)


@pytest.mark.parametrize("length", [63, 64, 65, 600, 3000])
def test_a_long_streak_is_counted_whole_though_recent_days_are_read_first(app, store, length):
    """The service reads the last weeks first and looks further back only while the streak goes on."""
    from sqlalchemy import insert

    from valuesapp.store.tables import Reflection

    app.values.add("A")
    now = app.context.now()
    days = [MARCH_2 - n * DAY for n in range(length)] + [MARCH_2 - (length + 1 + n) * DAY for n in range(5)]
    with store.session() as session:
        session.execute(insert(Reflection), [{"day": d, "text": "yes", "created_at": now, "updated_at": now} for d in days])
    assert app.practice.streak() == length
    # A pause reaching back past the first window bridges the gap before the older reflections.
    app.practice.pause(MARCH_2 - (length + 1) * DAY, MARCH_2 - length * DAY)
    assert app.practice.streak() == length + 5
