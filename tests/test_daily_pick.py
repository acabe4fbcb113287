"""Stories about the day's value: given this list of values, when the day turns, then this card."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from valuesapp.core.errors import UserError
from valuesapp.services import build_services
from valuesapp.store.tables import DailyPick

DAY = timedelta(days=1)


def next_day(app, clock):
    clock.advance(DAY)
    return app.practice.card()


def days_of_cards(app, clock, n):
    """Today's card, then the card of each of the next n - 1 days."""
    cards = [app.practice.card()]
    for _ in range(n - 1):
        cards.append(next_day(app, clock))
    return cards


def stored_picks(store) -> list[tuple[date, int]]:
    with store.session() as session:
        return [(p.day, p.value_id) for p in session.exec(select(DailyPick).order_by(DailyPick.day))]


def test_given_no_values_the_card_has_no_value_and_says_how_to_add_one(app, store):
    card = app.practice.card()
    assert card.value is None and card.strategy is None and not card.paused
    assert card.date == date(2026, 3, 2)
    assert "valuesapp values add" in card.message
    assert stored_picks(store) == []

    # The same once every value has been snipped: no crash, no pick, the same advice.
    v = app.values.add("Honesty")
    app.values.archive(v.id, "rethinking")
    card = app.practice.card()
    assert card.value is None and "values add" in card.message
    assert stored_picks(store) == []

    # Adding a value later the same day: now there is something to pick.
    app.values.restore(v.id)
    assert app.practice.card().value.id == v.id


def test_the_pick_is_stored_and_asking_again_the_same_day_gives_the_same_value(app, store, clock):
    ids = [app.values.add(t).id for t in ("A", "B", "C", "D", "E", "F")]
    first = app.practice.card()
    assert first.value.id in ids and first.date == date(2026, 3, 2)
    assert first.value.title == app.values.get(first.value.id).title
    assert first.prompt and first.reason

    # Again, later that day, from a new Services object with a different random source on the same store.
    for seed in range(5):
        clock.advance(timedelta(hours=2))
        other = build_services(store, clock=clock, rng=random.Random(seed), system_timezone="Europe/Berlin")
        card = other.practice.card()
        assert (card.date, card.value.id, card.strategy, card.reason) == (
            first.date, first.value.id, first.strategy, first.reason
        )
    # Changing the strategy or the list does not re-pick a day already picked.
    app.settings.set("pick_strategy", "random")
    app.values.move(first.value.id, 6)
    app.values.add("G", rank=1)
    card = app.practice.card()
    assert card.value.id == first.value.id and card.value.rank == 7
    assert stored_picks(store) == [(date(2026, 3, 2), first.value.id)]

    # The past day's card still shows what was picked then.
    clock.set(datetime(2026, 3, 3, 12, tzinfo=timezone.utc))
    assert app.practice.card().date == date(2026, 3, 3)
    assert app.practice.card(date(2026, 3, 2)).value.id == first.value.id
    assert len(stored_picks(store)) == 2
    # A past day that never got a pick shows none (and asking does not make one); the future is refused.
    past = app.practice.card(date(2026, 2, 20))
    assert past.value is None and "No value was picked" in past.reason
    with pytest.raises(UserError, match="future"):
        app.practice.card(date(2026, 3, 4))
    assert len(stored_picks(store)) == 2


def test_rotation_shows_every_value_once_per_round_in_random_order_and_never_twice_running(app, store, clock):
    ids = [app.values.add(t).id for t in ("A", "B", "C", "D", "E")]
    cards = days_of_cards(app, clock, 20)
    picked = [c.value.id for c in cards]
    assert all(c.strategy == "rotation" for c in cards)
    rounds = [picked[i:i + 5] for i in range(0, 20, 5)]
    for r in rounds:
        assert sorted(r) == sorted(ids), rounds
    for yesterday, today in zip(picked, picked[1:]):
        assert yesterday != today
    # In random order: not simply the ranking, and not the same order every round.
    assert any(r != ids for r in rounds)
    assert len({tuple(r) for r in rounds}) > 1
    assert "round 1" in cards[0].reason and "4 left" in cards[0].reason
    assert "round 2" in cards[5].reason and "0 left in round 4" in cards[19].reason
    assert [d for d, _ in stored_picks(store)] == [date(2026, 3, 2) + n * DAY for n in range(20)]


def test_rotation_with_two_values_alternates_and_with_one_repeats_it(app, clock):
    a = app.values.add("A").id
    assert {c.value.id for c in days_of_cards(app, clock, 3)} == {a}
    b = app.values.add("B").id
    picked = [c.value.id for c in days_of_cards(app, clock, 8)[1:]]
    for yesterday, today in zip(picked, picked[1:]):
        assert yesterday != today
    assert set(picked) == {a, b}


def test_rotation_takes_in_new_values_and_never_picks_snipped_ones(app, clock):
    ids = [app.values.add(t).id for t in ("A", "B", "C", "D")]
    first = app.practice.card().value.id
    snipped = next(i for i in ids if i != first)
    app.values.archive(snipped, "not mine any more")
    newcomer = app.values.add("E").id
    picked = [first] + [next_day(app, clock).value.id for _ in range(11)]
    assert snipped not in picked
    active = {i for i in ids if i != snipped} | {newcomer}
    # The first round (4 days) is made of the values active during it, each once.
    assert len(set(picked[:4])) == 4 and set(picked[:4]) <= active
    assert set(picked) == active
    for yesterday, today in zip(picked, picked[1:]):
        assert yesterday != today


def test_weighted_and_random_never_pick_snipped_values_and_say_why(app, clock):
    ids = [app.values.add(t).id for t in ("A", "B", "C", "D")]
    app.values.archive(ids[0], "snip the top one")
    app.values.archive(ids[2], "and a middle one")
    for strategy in ("weighted", "random"):
        view = app.settings.set("pick_strategy", strategy)
        assert view.value == strategy
        cards = [next_day(app, clock) for _ in range(25)]
        assert {c.value.id for c in cards} == {ids[1], ids[3]}
        assert {c.strategy for c in cards} == {strategy}
        if strategy == "weighted":
            assert all("rank" in c.reason and "of 2" in c.reason for c in cards)
        else:
            assert all("random" in c.reason for c in cards)


def test_unknown_settings_are_refused_and_change_nothing(app):
    for key, raw, needle in [
        ("pick_strategy", "alphabetical", "rotation, weighted or random"),
        ("growth_edge", "maybe", "on or off"),
        ("day_starts_at", "25:00", "HH:MM"),
        ("day_starts_at", "4am", "HH:MM"),
        ("timezone", "Mars/Olympus_Mons", "IANA"),
        ("colour", "blue", "no setting"),
    ]:
        before = app.settings.show()
        with pytest.raises(UserError, match=needle):
            app.settings.set(key, raw)
        assert app.settings.show() == before
    assert app.settings.get().pick_strategy == "rotation"


def test_a_focus_pin_overrides_the_strategy_for_n_days_then_ends(app, clock):
    ids = [app.values.add(t).id for t in ("A", "B", "C")]
    app.settings.set("pick_strategy", "weighted")
    pinned = ids[2]
    pin = app.values.focus(pinned, 3)
    assert (pin.value_id, pin.value_title, pin.start, pin.end) == (pinned, "C", date(2026, 3, 2), date(2026, 3, 4))
    assert app.values.current_focus() == pin

    cards = days_of_cards(app, clock, 4)
    assert [c.value.id for c in cards[:3]] == [pinned] * 3
    assert all(c.strategy == "focus" and "2026-03-04" in c.reason for c in cards[:3])
    assert cards[3].strategy == "weighted"
    assert app.values.current_focus() is None

    # Pinned when today's value is already picked (say, by the morning reminder): today's card stays,
    # and the pin starts tomorrow so it still lasts the days asked for.
    today = cards[3]
    other = next(i for i in ids if i != today.value.id)
    pin = app.values.focus(other, 2)
    assert (pin.start, pin.end) == (today.date + DAY, today.date + 2 * DAY)
    assert app.practice.card().value.id == today.value.id
    # Back on rotation, the day after a pin never repeats the pinned value.
    app.settings.set("pick_strategy", "rotation")
    cards = [next_day(app, clock) for _ in range(3)]
    assert [c.value.id for c in cards[:2]] == [other, other]
    assert cards[2].strategy == "rotation" and cards[2].value.id != other
    # Pinning the value today already shows counts today as the first day.
    pin = app.values.focus(cards[2].value.id, 1)
    assert pin.start == pin.end == cards[2].date
    assert next_day(app, clock).strategy == "rotation"

    # A new pin replaces the old one; clearing it ends it at once.
    app.values.focus(ids[1], 10)
    app.values.focus(ids[2], 10)
    assert next_day(app, clock).value.id == ids[2]
    assert app.values.clear_focus().value_id == ids[2]
    assert app.values.current_focus() is None and app.values.clear_focus() is None
    assert next_day(app, clock).strategy == "rotation"


def test_a_pinned_value_that_is_snipped_is_no_longer_picked(app, clock):
    a, b = (app.values.add(t).id for t in ("A", "B"))
    app.values.focus(a, 5)
    assert app.practice.card().value.id == a
    app.values.archive(a, "done with it")
    assert {c.value.id for c in days_of_cards(app, clock, 4)[1:]} == {b}


def test_after_a_pin_on_the_last_value_of_a_round_rotation_does_not_show_it_again_the_next_day(app, clock):
    ids = [app.values.add(t).id for t in ("A", "B", "C")]
    shown = [app.practice.card().value.id, next_day(app, clock).value.id]  # two of the round's three
    last = next(i for i in ids if i not in shown)
    app.values.focus(last, 1)  # today is picked already, so the pin is for tomorrow
    pinned = next_day(app, clock)
    assert (pinned.value.id, pinned.strategy) == (last, "focus")
    after = next_day(app, clock)
    assert after.strategy == "rotation" and after.value.id != last
    # The same after a day picked by another strategy.
    app.settings.set("pick_strategy", "random")
    other = next_day(app, clock).value.id
    app.settings.set("pick_strategy", "rotation")
    for _ in range(6):
        card = next_day(app, clock)
        assert card.value.id != other
        other = card.value.id


def test_growth_edge_favours_a_value_with_open_concerns_and_low_ratings(app, clock):
    """Which signals count, on both stores. How much they count is checked in test_weighted_odds."""
    top, low = (app.values.add(t).id for t in ("Top", "Struggling"))
    app.settings.set("pick_strategy", "weighted")
    app.settings.set("growth_edge", "on")

    def growth_days(n):
        cards = [next_day(app, clock) for _ in range(n)]
        assert not any("Growth edge" in c.reason for c in cards if c.value.id == top)
        return [c for c in cards if c.value.id == low], [c for c in cards if "Growth edge" in c.reason]

    # No low ratings and no concerns: the growth edge changes nothing and says nothing.
    app.journal.reflect("Lived it fully.", rating=5, value_id=low)
    app.feedback.add("Tom", "Lovely!", kind="appreciation", value_id=low)  # only concerns count
    app.feedback.add("Tom", "Try this.", kind="suggestion", value_id=low)
    assert growth_days(8)[1] == []

    # Three open concerns: each day "Struggling" comes up, the growth edge is why.
    concerns = [app.feedback.add(f"Friend {n}", "You were short with me.", value_id=low).id for n in range(3)]
    low_days, growth = growth_days(12)
    assert low_days and growth == low_days
    # Acknowledged concerns are still open; acted-on ones are not.
    app.feedback.acted(concerns[0])
    app.feedback.acted(concerns[1])
    app.feedback.ack(concerns[2])
    low_days, growth = growth_days(8)
    assert low_days and growth == low_days
    app.feedback.acted(concerns[2])
    assert growth_days(8)[1] == []

    # Low recent ratings count too (the rating of 5 above is still within the last 28 days).
    today = app.practice.today()
    for n in (1, 2):
        app.journal.reflect("Not great.", rating=1, day=today - n * DAY, value_id=low)
    low_days, growth = growth_days(10)
    assert low_days and growth == low_days
    # Turned off, it says nothing again.
    app.settings.set("growth_edge", "off")
    assert growth_days(6)[1] == []


def test_the_day_turns_at_four_in_the_morning_local_time(app, store, clock):
    ids = [app.values.add(t).id for t in ("A", "B", "C")]
    assert app.settings.get().day_starts_at.strftime("%H:%M") == "04:00"
    for zone, utc_before, utc_after in [
        # New York is UTC-5 before 8 March and UTC-4 after it.
        ("America/New_York", datetime(2026, 3, 5, 8, 59, 59), datetime(2026, 3, 5, 9, 0)),
        # Berlin in March is UTC+1 until the 29th: 04:00 local is 03:00 UTC.
        ("Europe/Berlin", datetime(2026, 3, 10, 2, 59, 59), datetime(2026, 3, 10, 3, 0)),
        ("America/New_York", datetime(2026, 3, 20, 7, 59, 59), datetime(2026, 3, 20, 8, 0)),
        # Berlin in summer is UTC+2.
        ("Europe/Berlin", datetime(2026, 7, 1, 1, 59, 59), datetime(2026, 7, 1, 2, 0)),
    ]:
        app.settings.set("timezone", zone)
        before = utc_before.replace(tzinfo=timezone.utc)
        assert before.astimezone(ZoneInfo(zone)).strftime("%H:%M") == "03:59"
        clock.set(before)
        late_night = app.practice.card()
        assert late_night.date == utc_before.date() - DAY
        clock.set(utc_after.replace(tzinfo=timezone.utc))
        morning = app.practice.card()
        assert morning.date == utc_after.date()
        assert morning.value.id != late_night.value.id and morning.value.id in ids
        assert [d for d, _ in stored_picks(store)][-2:] == [late_night.date, morning.date]


def test_the_day_start_hour_and_the_time_zone_are_settings(app, clock):
    app.values.add("A")
    # No time zone set: the system's (Europe/Berlin in these tests). 23:30 UTC is 00:30 in Berlin.
    clock.set(datetime(2026, 3, 2, 23, 30, tzinfo=timezone.utc))
    assert app.practice.today() == date(2026, 3, 2)
    assert app.settings.effective_timezone() == "Europe/Berlin"
    app.settings.set("day_starts_at", "00:00")
    assert app.practice.today() == date(2026, 3, 3)
    app.settings.set("timezone", "America/New_York")  # 18:30 the same day
    assert app.practice.today() == date(2026, 3, 2)
    app.settings.set("day_starts_at", "18:31")
    assert app.practice.today() == date(2026, 3, 1)
    app.settings.set("day_starts_at", "18:30")
    assert app.practice.today() == date(2026, 3, 2)
    app.settings.set("timezone", "Pacific/Kiritimati")  # UTC+14: 13:30 on 3 March
    assert app.practice.today() == date(2026, 3, 2)
    app.settings.set("day_starts_at", "6:00")
    assert app.practice.today() == date(2026, 3, 3)
    assert app.practice.card().date == date(2026, 3, 3)
    app.settings.set("timezone", "system")
    assert app.settings.get().timezone == "" and app.settings.effective_timezone() == "Europe/Berlin"
    shown = {s.key: (s.value, s.default) for s in app.settings.show()}
    assert shown["day_starts_at"] == ("06:00", "04:00") and shown["pick_strategy"] == ("rotation", "rotation")

    # New York skips 02:00-03:00 on 8 March 2026; with a 02:30 start the day turns at the jump.
    app.settings.set("timezone", "America/New_York")
    app.settings.set("day_starts_at", "02:30")
    clock.set(datetime(2026, 3, 8, 6, 59, tzinfo=timezone.utc))  # 01:59 EST
    assert app.practice.today() == date(2026, 3, 7)
    clock.set(datetime(2026, 3, 8, 7, 0, tzinfo=timezone.utc))  # 03:00 EDT
    assert app.practice.today() == date(2026, 3, 8)
