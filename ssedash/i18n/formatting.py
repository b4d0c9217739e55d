"""Numbers, dates and percentages written for the reader's locale, with Babel (CLDR data).

`format_message("{n:,} rows", Language.FR, {"n": 5700})` -> "5 700 rows": in a message, a `,` in a number's
format spec means "group the thousands the way this locale does" and a `.Nf` spec writes N decimals with the
locale's decimal sign; a date (`{day}`) is written in the locale's medium form ("1 nov. 2019"). Any other value or
spec is formatted as Python would. Years (`{year}`, no comma) stay "2019".
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
import string
from functools import lru_cache
from typing import Any

from babel.dates import format_date, format_datetime, format_interval
from babel.numbers import format_decimal, format_percent, get_group_symbol

from ssedash.i18n import Language, current

_FIXED = re.compile(r"^(?P<group>,)?\.(?P<digits>\d+)f$")


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@lru_cache(maxsize=8)
def _group_symbol(locale: str) -> str:
    return get_group_symbol(locale=locale)


def number(value: float | int, language: Language | None = None, *, decimals: int | None = None) -> str:
    """`value` with the locale's grouping ("5,700", "5 700", "5.700", "5,700"); `decimals` fixes the decimals."""
    locale = (language or current()).value
    if decimals is None and isinstance(value, numbers.Integral):  # a count (numpy's too): 50x faster than Babel
        return f"{int(value):,}".replace(",", _group_symbol(locale))
    if decimals is None:
        return format_decimal(value, locale=locale)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale, decimal_quantization=True)


def percent(share: float, language: Language | None = None) -> str:
    """A share (0.25) as a percentage for the locale ("25 %" in French, "25%" in English)."""
    return format_percent(share, locale=(language or current()).value)


def day(value: dt.date, language: Language | None = None) -> str:
    """A date in the locale's medium form: "Nov 1, 2019", "1 nov. 2019", "1 nov 2019", "2019. 11. 1."."""
    return format_date(value, format="medium", locale=(language or current()).value)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:  # missing (None, NaN, "") or not a date
        return None


def period(start: object, end: object, language: Language | None = None) -> str | None:
    """An event's dates for the locale, one day or a span: "Jun 26 – 30, 2017", "26–30 juin 2017",
    "2017년 6월 26일~30일"; None when the start is not known. Dates may be given as ISO text."""
    first, last = _as_date(start), _as_date(end)
    if first is None:
        return None
    locale = (language or current()).value
    if last is None or last <= first:
        return day(first, language)
    return format_interval(first, last, skeleton="yMMMd", locale=locale)


def moment(value: object, language: Language | None = None) -> str:
    """A stored time (ISO text, UTC) for the locale, to the second: "Nov 25, 2026, 5:38:05 PM UTC",
    "25 nov. 2026, 17:38:05 UTC"; text that is not a time is returned as it is."""
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    when = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    locale = (language or current()).value
    written = format_datetime(when, format="medium", tzinfo=dt.timezone.utc, locale=locale)
    return f"{written} UTC"


class _LocaleFormatter(string.Formatter):
    def __init__(self, language: Language):
        super().__init__()
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if _is_number(value) and format_spec in (",", ",d"):
            return number(value.item() if hasattr(value, "item") else value, self.language)  # numpy too
        if _is_number(value) and (fixed := _FIXED.match(format_spec)):
            digits = int(fixed["digits"])
            if fixed["group"]:
                return number(value, self.language, decimals=digits)
            return format_decimal(
                value, format="0" + ("." + "0" * digits if digits else ""), locale=self.language.value
            )
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and not format_spec:
            return day(value, self.language)
        return super().format_field(value, format_spec)


def format_message(message: str, language: Language, values: dict[str, object]) -> str:
    """`message.format(**values)` with numbers and dates written for `language`."""
    return _LocaleFormatter(language).vformat(message, (), values)
