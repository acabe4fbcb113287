"""The small pieces of logic on the Settings screen that are worth checking without a browser."""

from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from valuesapp.ui.settings import when_label, zone_matches

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_zone_is_found_by_a_city_typed_with_spaces_and_any_case():
    zones = sorted(available_timezones())
    assert "America/New_York" in zone_matches(zones, "new york")
    assert zone_matches(zones, "BERL") == ["Europe/Berlin"]
    assert zone_matches(zones, "Atlantis") == []


def test_coming_up_times_read_as_today_tomorrow_or_a_date_on_the_practice_calendar():
    now = datetime(2026, 11, 27, 23, 30, tzinfo=ZoneInfo("UTC"))  # already the 28th in Berlin
    assert when_label(datetime(2026, 11, 28, 8, 0, tzinfo=BERLIN), now) == "today at 08:00"
    assert when_label(datetime(2026, 11, 29, 4, 0, tzinfo=BERLIN), now) == "tomorrow at 04:00"
    assert when_label(datetime(2026, 11, 30, 8, 0, tzinfo=BERLIN), now) == "Mon 30 Nov at 08:00"
