"""A rejected setting is named as the person sees it on the Settings screen ("Day starts at"), never by
its key ("day_starts_at"): the screen's labels and the messages come from one table in the core."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.test_cli import cli  # noqa: F401  (the fixture: the CLI on a fresh store and a fixed clock)
from valuesapp.core.errors import UserError

BAD = {
    "pick_strategy": "sometimes",
    "growth_edge": "maybe",
    "day_starts_at": "25:00",
    "timezone": "Mars/Olympus_Mons",
    "reminder_at": "7am",
    "evening_prompt_at": "never",
    "theme": "sepia",
    "display_name": "Robin\nand a second line",
    "review_day": "someday",
    "values_review_weeks": "0",
    "public_url": "https://values.example.org/app",
    "push_hides_words": "sometimes",
}
SEEN_AS = {
    "pick_strategy": "How the day's value is picked",
    "growth_edge": "Growth edge",
    "day_starts_at": "Day starts at",
    "timezone": "Time zone",
    "reminder_at": "Morning reminder",
    "evening_prompt_at": "Evening prompt",
    "theme": "Theme",
    "display_name": "Your name",
    "review_day": "Weekly review day",
    "values_review_weeks": "Values review every (weeks)",
    "public_url": "Public address",
    "push_hides_words": "Hide words in phone notifications",
}


def test_every_setting_has_the_label_the_screen_shows():
    from valuesapp.core.settings import KEYS, LABELS

    assert set(BAD) == set(KEYS) == set(LABELS)
    assert LABELS == SEEN_AS


@pytest.mark.parametrize("key", list(BAD))
def test_the_services_refusal_names_the_setting_by_its_label_not_its_key(app, key):
    with pytest.raises(UserError) as refused:
        app.settings.set(key, BAD[key])
    message = refused.value.message
    assert message.startswith(f"{SEEN_AS[key]}: {BAD[key]!r} is not"), message
    assert key not in message and "\n" not in message


def test_the_cli_refusal_is_one_line_with_the_label(cli):  # noqa: F811
    for key, raw in BAD.items():
        outcome = cli.run("settings", "set", key, raw)
        assert outcome.code == 2, (key, outcome.err)
        (line,) = outcome.err.splitlines()
        assert line.startswith(f"valuesapp: {SEEN_AS[key]}: ") and key not in line, line


def test_the_real_program_says_day_starts_at_in_one_line_with_exit_code_2(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "VALUESAPP_DB"}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), VALUESAPP_DB=str(tmp_path / "values.db"))
    done = subprocess.run([sys.executable, "-m", "valuesapp", "settings", "set", "day_starts_at", "25:00"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "valuesapp: Day starts at: '25:00' is not a time of day; use HH:MM, such as 04:00.\n"


def test_the_settings_screen_labels_its_fields_from_the_same_table():
    from valuesapp.core.settings import LABELS
    from valuesapp.ui.settings import SettingField

    for key in ("day_starts_at", "timezone", "reminder_at", "evening_prompt_at"):
        assert SettingField(None, key, hint="", helper="").field.label == LABELS[key]
