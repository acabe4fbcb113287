"""The pure rules, with no store: ranking, history replay, picking, state moves, streak, settings, limits, clock."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from valuesapp.core import history, picking, ranking, states
from valuesapp.core import settings as rules
from valuesapp.core.clock import FixedClock, practice_day
from valuesapp.core.errors import NotFound, UserError
from valuesapp.core.limits import (
    check_positive_days,
    check_rating,
    clean_name,
    clean_text,
    clean_title,
    parse_date,
    parse_hhmm,
)
from valuesapp.core.prompts import GENERAL_PROMPTS, prompt_for
from valuesapp.core.streak import streak

D = date(2026, 3, 2)
DAY = timedelta(days=1)


# Ranking


def test_ranking_operations_return_new_orders_and_never_mutate_their_input():
    order = [10, 20, 30]
    assert ranking.insert(order, 40) == [10, 20, 30, 40]
    assert ranking.insert(order, 40, 1) == [40, 10, 20, 30]
    assert ranking.insert(order, 40, 4) == [10, 20, 30, 40]
    assert ranking.move(order, 30, 1) == [30, 10, 20]
    assert ranking.move(order, 10, 3) == [20, 30, 10]
    assert ranking.move(order, 20, 2) == order
    assert ranking.remove(order, 20) == [10, 30]
    assert ranking.reorder(order, [30, 10, 20]) == [30, 10, 20]
    assert ranking.ranks([30, 10, 20]) == {30: 1, 10: 2, 20: 3}
    assert order == [10, 20, 30]
    assert ranking.insert([], 1) == [1] and ranking.insert([], 1, 1) == [1]


@pytest.mark.parametrize(
    "call, needle",
    [
        (lambda: ranking.insert([1, 2], 3, 0), "Rank 0 is out of range; choose a rank from 1 to 3."),
        (lambda: ranking.insert([1, 2], 3, 4), "Rank 4 is out of range; choose a rank from 1 to 3."),
        (lambda: ranking.insert([1, 2], 3, True), "Rank True"),
        (lambda: ranking.insert([1, 2], 2), "already in the ranked list"),
        (lambda: ranking.move([1, 2], 3, 1), "not in the ranked list"),
        (lambda: ranking.move([1, 2], 1, 3), "from 1 to 2"),
        (lambda: ranking.remove([1, 2], 3), "not in the ranked list"),
        (lambda: ranking.reorder([1, 2, 3], [1, 2]), "leaves out 3"),
        (lambda: ranking.reorder([1, 2], [1, 2, 9]), "names 9 which are not active"),
        (lambda: ranking.reorder([1, 2], [1, 9]), "leaves out 2 and names 9"),
        (lambda: ranking.reorder([1, 2], [1, 1, 2]), "more than once"),
    ],
)
def test_ranking_refusals_name_the_problem(call, needle):
    with pytest.raises(UserError) as info:
        call()
    assert needle in str(info.value)


# History


def test_replaying_revisions_rebuilds_the_order():
    revisions = [
        (history.ADD, 1, {"rank": None}),
        (history.ADD, 2, {"rank": None}),
        (history.ADD, 3, {"rank": 1}),
        (history.EDIT, 2, {}),
        (history.MOVE, 2, {"to_rank": 1}),
        (history.ARCHIVE, 3, {"reason": "x"}),
        (history.RESTORE, 3, {"rank": 2}),
        (history.REORDER, None, {"order": [1, 3, 2]}),
        (history.ADD, 4, {"rank": 2}),
    ]
    assert history.replay(revisions) == [1, 4, 3, 2]
    assert history.replay(revisions[:5]) == [2, 3, 1]
    assert history.replay([(history.IMPORT, None, {"order": [7, 5]}), (history.ADD, 9, {})]) == [7, 5, 9]
    assert history.replay([]) == []
    assert set(history.ACTIONS) == {"add", "edit", "move", "reorder", "archive", "restore", "import"}


# Picking


def cands(n):
    return [picking.Candidate(i * 10, i) for i in range(1, n + 1)]


def test_no_candidates_means_no_pick_whatever_the_strategy():
    for strategy in picking.STRATEGIES:
        assert picking.pick(day=D, strategy=strategy, candidates=[], rng=random.Random(1)) is None
    focus = picking.Focus(10, D, D)
    assert picking.pick(day=D, strategy="rotation", candidates=[], rng=random.Random(1), focus=focus) is None


def test_a_focus_overrides_every_strategy_only_on_its_days_and_only_for_an_active_value():
    focus = picking.Focus(30, D, D + 2 * DAY)
    assert focus.covers(D) and focus.covers(D + 2 * DAY) and not focus.covers(D + 3 * DAY) and not focus.covers(D - DAY)
    for strategy in picking.STRATEGIES:
        p = picking.pick(day=D + DAY, strategy=strategy, candidates=cands(3), rng=random.Random(1), focus=focus)
        assert (p.value_id, p.strategy, p.cycle) == (30, "focus", None)
        assert "2026-03-04" in p.reason
        after = picking.pick(day=D + 3 * DAY, strategy=strategy, candidates=cands(3), rng=random.Random(1), focus=focus)
        assert after.strategy == strategy
    # The pinned value is not among the candidates (snipped): the strategy decides.
    gone = picking.Focus(99, D, D + 9 * DAY)
    assert picking.pick(day=D, strategy="random", candidates=cands(3), rng=random.Random(1), focus=gone).strategy == "random"


def test_rotation_starts_a_round_shows_what_is_left_and_avoids_yesterdays_value():
    rng = random.Random(3)
    first = picking.pick(day=D, strategy="rotation", candidates=cands(3), rng=rng)
    assert first.cycle == 1 and "2 left in round 1" in first.reason
    state = picking.RotationState(1, frozenset({10, 20}))
    last = picking.pick(day=D, strategy="rotation", candidates=cands(3), rng=rng, rotation=state, previous_value_id=20)
    assert (last.value_id, last.cycle) == (30, 1) and "0 left in round 1" in last.reason
    # A finished round starts the next one, never with yesterday's value.
    done = picking.RotationState(1, frozenset({10, 20, 30}))
    for seed in range(30):
        p = picking.pick(day=D, strategy="rotation", candidates=cands(3), rng=random.Random(seed), rotation=done,
                         previous_value_id=30)
        assert p.cycle == 2 and p.value_id != 30 and "2 left in round 2" in p.reason
    # The round's last value was shown yesterday by a pin or another strategy: it has had its turn.
    for seed in range(10):
        p = picking.pick(day=D, strategy="rotation", candidates=cands(3), rng=random.Random(seed),
                         rotation=picking.RotationState(1, frozenset({10, 20})), previous_value_id=30)
        assert p.value_id != 30 and p.cycle == 2 and "2 left in round 2" in p.reason
    # A single value comes up every day, each day a new round.
    one = picking.pick(day=D, strategy="rotation", candidates=cands(1), rng=rng,
                       rotation=picking.RotationState(4, frozenset({10})), previous_value_id=10)
    assert (one.value_id, one.cycle) == (10, 5)


def test_weights_follow_the_ranking_and_the_growth_edge_formula():
    assert picking.weights(cands(4), growth_edge=False) == [4.0, 3.0, 2.0, 1.0]
    assert picking.rank_weight(1, 10) == 10.0 and picking.rank_weight(10, 10) == 1.0
    m = picking.growth_multiplier
    assert m(picking.Candidate(1, 1)) == 1.0
    assert m(picking.Candidate(1, 1, recent_ratings=(5, 5))) == 1.0
    assert m(picking.Candidate(1, 1, recent_ratings=(1,))) == 2.0
    assert m(picking.Candidate(1, 1, recent_ratings=(3, 2))) == 1.0 + 2.5 / 4
    assert m(picking.Candidate(1, 1, open_concerns=1)) == 1.5
    assert m(picking.Candidate(1, 1, open_concerns=3)) == 2.5
    assert m(picking.Candidate(1, 1, open_concerns=10)) == 2.5  # capped at three
    assert m(picking.Candidate(1, 1, recent_ratings=(1, 1), open_concerns=3)) == 3.5
    grown = [picking.Candidate(1, 1), picking.Candidate(2, 2, recent_ratings=(1,), open_concerns=1)]
    assert picking.weights(grown, growth_edge=True) == [2.0, 1.0 * 2.0 * 1.25]
    assert picking.weights(grown, growth_edge=False) == [2.0, 1.0]


def test_weighted_and_random_say_why():
    w = picking.pick(day=D, strategy="weighted", candidates=cands(5), rng=random.Random(0))
    assert w.strategy == "weighted" and "of 5" in w.reason and w.cycle is None
    r = picking.pick(day=D, strategy="random", candidates=cands(5), rng=random.Random(0))
    assert r.strategy == "random" and "random" in r.reason
    low = [picking.Candidate(1, 1, recent_ratings=(1,), open_concerns=3)]
    g = picking.pick(day=D, strategy="weighted", candidates=low, rng=random.Random(0), growth_edge=True)
    assert "Growth edge" in g.reason
    plain = picking.pick(day=D, strategy="weighted", candidates=cands(1), rng=random.Random(0), growth_edge=True)
    assert "Growth edge" not in plain.reason


# States


REPAIR_TABLE = {
    # (state, move): resulting state, or None when refused
    ("owed", "plan"): "planned", ("owed", "done"): "done", ("owed", "release"): "released", ("owed", "reopen"): None,
    ("planned", "plan"): "planned", ("planned", "done"): "done", ("planned", "release"): "released",
    ("planned", "reopen"): None,
    ("done", "plan"): None, ("done", "done"): None, ("done", "release"): None, ("done", "reopen"): "owed",
    ("released", "plan"): None, ("released", "done"): None, ("released", "release"): None,
    ("released", "reopen"): "owed",
}


@pytest.mark.parametrize("state, move", sorted(REPAIR_TABLE))
def test_every_repair_move_from_every_state(state, move):
    expected = REPAIR_TABLE[(state, move)]
    if expected is None:
        with pytest.raises(UserError) as info:
            states.repair_move(state, move, repair_id=7)
        assert str(info.value).startswith(f"Repair 7 is {state}; it cannot be ")
        assert ("Reopen it first." in str(info.value)) == (state in ("done", "released") and move != "reopen")
    else:
        assert states.repair_move(state, move, repair_id=7) == expected
        if move == "reopen":
            assert states.repair_move(state, move, repair_id=7, has_plan=True) == "planned"


def test_every_feedback_move_from_every_state():
    assert states.feedback_move("new", "ack", feedback_id=1) == "acknowledged"
    assert states.feedback_move("new", "acted", feedback_id=1) == "acted_on"
    assert states.feedback_move("acknowledged", "acted", feedback_id=1) == "acted_on"
    for state, move, text in [
        ("acknowledged", "ack", "Feedback 1 is already acknowledged; it cannot be acknowledged."),
        ("acted_on", "ack", "Feedback 1 is already acted on; it cannot be acknowledged."),
        ("acted_on", "acted", "Feedback 1 is already acted on; it cannot be marked acted on."),
    ]:
        with pytest.raises(UserError) as info:
            states.feedback_move(state, move, feedback_id=1)
        assert str(info.value) == text
    assert states.check_choice("amends", states.REPAIR_KINDS, field="kind") == "amends"
    with pytest.raises(UserError, match="The kind 'x' is not one of: concern, appreciation, suggestion."):
        states.check_choice("x", states.FEEDBACK_KINDS, field="kind")


# Streak


def test_streak_counts_back_from_today_and_paused_days_bridge_gaps():
    never = lambda d: False  # noqa: E731
    assert streak(D, set(), never) == 0
    assert streak(D, {D}, never) == 1
    assert streak(D, {D - DAY, D - 2 * DAY}, never) == 2  # today not yet reflected: not broken
    assert streak(D, {D, D - 2 * DAY}, never) == 1  # yesterday missed
    paused = {D - 2 * DAY, D - 3 * DAY}
    assert streak(D, {D, D - DAY, D - 4 * DAY, D - 5 * DAY}, lambda d: d in paused) == 4
    assert streak(D, {D - 4 * DAY}, lambda d: d in paused | {D - DAY}) == 1
    assert streak(D, {D - 2 * DAY}, lambda d: d in paused | {D - DAY}) == 1  # reflected on a paused day: it counts
    assert streak(D, set(), lambda d: True, horizon=50) == 0  # an endless pause ends the search, no hang
    long = {D - n * DAY for n in range(400)}
    assert streak(D, long, never) == 400


# Settings


def test_settings_defaults_parsing_and_their_stored_form():
    default = rules.Settings()
    assert (default.pick_strategy, default.growth_edge, default.day_starts_at, default.timezone) == (
        "rotation", False, time(4, 0), ""
    )
    assert rules.from_stored({}) == default
    stored = {"pick_strategy": "weighted", "growth_edge": "on", "day_starts_at": "05:30", "timezone": "Asia/Tokyo",
              "reminder_at": "off", "evening_prompt_at": "20:15", "theme": "dark", "unknown_future_key": "x"}
    s = rules.from_stored(stored)
    assert (s.pick_strategy, s.growth_edge, s.day_starts_at, s.timezone, s.reminder_at, s.evening_prompt_at, s.theme) == (
        "weighted", True, time(5, 30), "Asia/Tokyo", None, time(20, 15), "dark"
    )
    for key, raw, rendered in [
        ("growth_edge", "YES", "on"), ("growth_edge", "0", "off"), ("day_starts_at", "4:05", "04:05"),
        ("timezone", " system ", ""), ("timezone", "America/New_York", "America/New_York"),
        ("evening_prompt_at", "OFF", "off"),
    ]:
        assert rules.render(rules.parse(key, raw)) == rendered
    for key in ("pick_strategy", "growth_edge", "day_starts_at", "timezone", "reminder_at", "evening_prompt_at"):
        assert key in rules.KEYS
    for key, raw in [("pick_strategy", "Rotation"), ("day_starts_at", "24:00"), ("day_starts_at", "12:60"),
                     ("reminder_at", "noon"), ("timezone", "Berlin"), ("theme", "pink"), ("nope", "1")]:
        with pytest.raises(UserError):
            rules.parse(key, raw)


# Limits


def test_text_limits_and_cleaning():
    assert clean_text("a\r\nb\rc", field="note", max_len=10) == "a\nb\nc"
    assert clean_text(None, field="note", max_len=10) == ""
    assert clean_text("tab\tok", field="note", max_len=10) == "tab\tok"
    with pytest.raises(UserError, match="The note is 11 characters long; the limit is 10."):
        clean_text("x" * 11, field="note", max_len=10)
    with pytest.raises(UserError, match="must be text"):
        clean_text(5, field="note", max_len=10)
    with pytest.raises(UserError, match="control characters"):
        clean_text("a\x1bb", field="note", max_len=10)
    assert clean_title("  Kindness  ") == "Kindness"
    assert clean_title(" " * 500 + "x" * 120 + " " * 500) == "x" * 120
    with pytest.raises(UserError, match="^The title is 2000 characters long; the limit is 120.$"):
        clean_title("x" * 2000)
    with pytest.raises(UserError, match="^The person is 5000 characters long; the limit is 200.$"):
        clean_name("p" * 5000, field="person")
    assert clean_name("  Sam ") == "Sam"


def test_ratings_dates_times_and_day_counts():
    assert [check_rating(n) for n in (None, 1, 3, 5)] == [None, 1, 3, 5]
    for bad in (0, 6, True, 2.0, "4"):
        with pytest.raises(UserError, match="from 1 to 5"):
            check_rating(bad)
    assert parse_date(" 2026-02-28 ") == date(2026, 2, 28)
    for bad in ("2026-02-30", "yesterday", "02/03/2026", ""):
        with pytest.raises(UserError, match="is not a date; use YYYY-MM-DD"):
            parse_date(bad)
    assert parse_hhmm("7:05", field="Morning reminder") == time(7, 5)
    with pytest.raises(UserError, match="^Morning reminder: '7' is not a time of day; use HH:MM, such as 04:00.$"):
        parse_hhmm("7", field="Morning reminder")
    assert check_positive_days(366) == 366
    for bad in (0, 367, True, 1.5):
        with pytest.raises(UserError, match="from 1 to 366"):
            check_positive_days(bad)


def test_not_found_names_the_kind_and_id():
    err = NotFound("repair", 12)
    assert isinstance(err, UserError) and str(err) == "There is no repair with id 12." and err.message == str(err)


# Clock and prompts


def test_the_practice_day_turns_at_the_chosen_local_hour():
    berlin, four = ZoneInfo("Europe/Berlin"), time(4, 0)
    at = lambda *a: datetime(*a, tzinfo=timezone.utc)  # noqa: E731
    assert practice_day(at(2026, 3, 2, 2, 59), berlin, four) == date(2026, 3, 1)  # 03:59 CET
    assert practice_day(at(2026, 3, 2, 3, 0), berlin, four) == date(2026, 3, 2)  # 04:00 CET
    assert practice_day(at(2026, 7, 2, 1, 59), berlin, four) == date(2026, 7, 1)  # 03:59 CEST
    assert practice_day(at(2026, 7, 2, 2, 0), berlin, four) == date(2026, 7, 2)
    assert practice_day(at(2026, 3, 2, 23, 30), berlin, time(0, 0)) == date(2026, 3, 3)
    # The autumn night repeats 02:00-03:00 in Berlin; both passes belong to the evening before.
    assert practice_day(at(2026, 10, 25, 0, 30), berlin, four) == date(2026, 10, 24)  # 02:30 CEST
    assert practice_day(at(2026, 10, 25, 1, 30), berlin, four) == date(2026, 10, 24)  # 02:30 CET
    assert practice_day(at(2026, 10, 25, 3, 0), berlin, four) == date(2026, 10, 25)  # 04:00 CET


def test_the_fixed_clock_moves_only_when_told_and_needs_a_zone():
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert clock.now() == clock.now() == datetime(2026, 1, 1, tzinfo=timezone.utc)
    clock.advance(timedelta(hours=5))
    assert clock.now().hour == 5
    with pytest.raises(ValueError):
        clock.set(datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 1, 1))


def test_a_values_own_prompts_are_asked_in_turn_and_the_general_ones_vary_by_value_and_day():
    mine = ["Mine 1", "Mine 2"]
    assert [prompt_for(D + n * DAY, 4, mine) for n in range(4)] in (["Mine 1", "Mine 2"] * 2, ["Mine 2", "Mine 1"] * 2)
    assert prompt_for(D, 4, mine) == prompt_for(D, 4, mine)
    # Without prompts of its own, a value meets every general question within a week of its days ...
    assert {prompt_for(D + n * DAY, 4, []) for n in range(len(GENERAL_PROMPTS))} == set(GENERAL_PROMPTS)
    # ... and on one day, values side by side are asked different questions (they all got one before).
    assert len({prompt_for(D, value_id, []) for value_id in range(1, len(GENERAL_PROMPTS) + 1)}) == len(GENERAL_PROMPTS)
