"""The reviews on the command line: the issue's JSON shapes, text for a person, and one line for bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)
from tests.test_reviews import a_list_with_gaps, at, live_a_week  # noqa: F401  (a fixture and story helpers)


def test_given_a_lived_week_when_asked_for_it_as_json_then_it_has_the_issues_shape(cli, app, clock):  # noqa: F811
    for title in ("Honesty", "Courage"):
        app.values.add(title)
    shown = live_a_week(app, clock, date(2026, 3, 2), [4, 3, None, 5, 2, 4, 1])
    app.repairs.add("Sam", "Snapped at Sam", kind="apology")
    week = cli.json("review", "week")
    assert {"from", "to", "values", "repairs", "feedback"} <= set(week)
    assert (week["from"], week["to"]) == ("2026-03-02", "2026-03-08")
    assert {"id", "title", "days_shown", "reflections", "average_rating", "previous_average"} <= set(week["values"][0])
    assert sorted(v["id"] for v in week["values"]) == sorted(set(shown))
    assert sum(v["days_shown"] for v in week["values"]) == 7
    assert all(len(v["days"]) == 7 for v in week["values"])
    assert week["repairs"] == {"opened": 1, "done": 0, "released": 0, "oldest_open_days": 0, "oldest_open_id": 1}
    assert week["feedback"]["received"] == 0
    earlier = cli.json("review", "week", "--date", "2026-02-25")
    assert (earlier["from"], earlier["values"]) == ("2026-02-23", [])
    text = cli.ok("review", "week")
    assert text.startswith("Week 2026-03-02 to 2026-03-08\n") and "Repairs: 1 opened, 0 done, 0 released" in text


def test_the_values_review_as_json_lists_each_value_and_each_gap(cli, a_list_with_gaps):  # noqa: F811
    review = cli.json("review", "values")
    assert {"from", "to", "values", "gaps"} <= set(review)
    assert [v["title"] for v in review["values"]] == ["Honesty", "Courage", "Patience"]
    assert {"id", "title", "rank", "days_shown", "reflections", "average_rating", "open_concerns"} <= set(review["values"][0])
    assert [g["kind"] for g in review["gaps"]] == ["ranked_high_lived_low", "never_reflected", "concerns_without_value"]
    assert review["gaps"][2]["value_id"] is None and len(review["gaps"][2]["feedback_ids"]) == 3
    assert cli.json("review", "values", "--weeks", "1")["from"] == "2026-03-09"
    assert "Is a value missing?" in cli.ok("review", "values")


def test_saving_a_values_review_keeps_it_and_reviews_lists_it(cli, a_list_with_gaps):  # noqa: F811
    assert cli.ok("reviews") == "No values review saved yet.\n"
    said = cli.ok("review", "save", "--note", "Add a value for repairing harm.")
    assert said.startswith("Saved the values review of 2025-12-22 to 2026-03-15 (3 gaps")
    (saved,) = cli.json("reviews")
    assert saved["note"] == "Add a value for repairing harm." and saved["period_to"] == "2026-03-15"
    assert [g["kind"] for g in saved["gaps"]][-1] == "concerns_without_value"
    assert "Add a value for repairing harm." in cli.ok("reviews")


def test_the_question_for_next_week_is_set_and_shows_in_the_week(cli, clock):  # noqa: F811
    clock.set(at(date(2026, 3, 8), 21))
    asked = cli.json("review", "question", "Whom do I owe a call?")
    assert (asked["week_start"], asked["text"]) == ("2026-03-09", "Whom do I owe a call?")
    assert cli.json("review", "week")["question"] == "Whom do I owe a call?"
    clock.advance(timedelta(days=1))  # Monday: the week just ended is still the one to review
    assert cli.json("review", "week")["question"] == "Whom do I owe a call?"
    clock.advance(timedelta(days=7))  # a week on, the review looks ahead to the week after
    assert cli.json("review", "week")["question"] is None


def test_bad_input_is_one_line_and_exit_2(cli):  # noqa: F811
    for args, says in ((("review", "week", "--date", "last week"), "is not a date"),
                       (("review", "values", "--weeks", "0"), "number of weeks"),
                       (("review", "question", " "), "The question cannot be empty."),
                       (("settings", "set", "review_day", "someday"), "Weekly review day")):
        outcome = cli.run(*args)
        assert outcome.code == 2, (args, outcome.err)
        assert len(outcome.err.strip().splitlines()) == 1, (args, outcome.err)
        (line,) = outcome.err.strip().splitlines()
        assert says in line, line


def test_the_real_program_says_a_word_for_weeks_in_one_line_with_exit_code_2(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "VALUESAPP_DB"}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), VALUESAPP_DB=str(tmp_path / "values.db"))
    done = subprocess.run([sys.executable, "-m", "valuesapp", "review", "values", "--weeks", "many"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "--weeks" in done.stderr, done.stderr
