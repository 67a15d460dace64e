"""Excel cell values as the model reads them: clock times in every form Excel keeps them, numbers in
text columns as the text they show."""

from __future__ import annotations

import datetime

import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from wasteopt.scenario.field_kinds import CLOCK, OTHER, TEXT
from wasteopt.scenario.models import parse_clock
from wasteopt.scenario.xlsx_values import CellError, convert

EPOCH = CALENDAR_WINDOWS_1900


@pytest.mark.parametrize(("value", "clock"), [
    (datetime.time(6, 30), "06:30"),
    (datetime.time(6, 29, 59, 999_990), "06:30"),  # Excel's binary fractions, rounded to the second
    (0.25, "06:00"),
    (0.2708333333333333, "06:30"),
    (0, "00:00"),
    (1, "24:00"),
    ("06:30", "06:30"),
    (" 7:05 ", "7:05"),
    (datetime.timedelta(hours=25, minutes=30), "25:30"),  # [h]:mm past midnight
    (datetime.datetime(1900, 1, 1, 1, 30), "25:30"),  # 1.0625 in an hh:mm cell: day 1 of Excel's calendar
    (datetime.time(10, 30, 30), "10:30:30"),
])
def test_clock_cells(value: object, clock: str) -> None:
    assert convert(value, CLOCK, EPOCH) == clock
    parse_clock(clock)  # the model reads what comes out


def test_clock_past_midnight_in_a_1904_workbook() -> None:
    assert convert(datetime.datetime(1904, 1, 2, 1, 30), CLOCK, CALENDAR_MAC_1904) == "25:30"


@pytest.mark.parametrize(("value", "message"), [
    (630, "a number in a clock column is a fraction of a day (0.25 = 06:00), got 630; "
          "write the time as 06:30 or format the cell as a time"),
    (-0.1, "a number in a clock column is a fraction of a day (0.25 = 06:00), got -0.1; "
           "write the time as 06:30 or format the cell as a time"),
    (datetime.datetime(2026, 3, 1, 6, 30), "is a date (2026-03-01 06:30), not a clock time; "
                                           "write the time as 06:30 or format the cell as a time"),
])
def test_clock_cells_that_are_no_time_are_refused(value: object, message: str) -> None:
    with pytest.raises(CellError) as caught:
        convert(value, CLOCK, EPOCH)
    assert str(caught.value) == message


@pytest.mark.parametrize(("value", "text"), [(1001, "1001"), (1001.0, "1001"), (12.5, "12.5"), ("R1", "R1"),
                                              (datetime.date(2026, 3, 1), "2026-03-01")])
def test_numbers_in_text_columns_are_the_text_they_show(value: object, text: str) -> None:
    assert convert(value, TEXT, EPOCH) == text


@pytest.mark.parametrize("kind", [CLOCK, TEXT, OTHER])
def test_empty_cells_are_not_given(kind: str) -> None:
    assert convert(None, kind, EPOCH) is None
    assert convert("   ", kind, EPOCH) is None


def test_other_values_pass_to_the_model() -> None:
    assert convert(120, OTHER, EPOCH) == 120
    assert convert("80.5", OTHER, EPOCH) == "80.5"
    assert convert(True, OTHER, EPOCH) is True
