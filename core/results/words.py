"""Figures as a French (or English) reader writes them: « 1 234,5 », « +12 % », « 4,5 % ».

Babel's CLDR formats (``fr_FR``: narrow no-break space between thousands and before « % »,
comma decimal mark; ``en_GB`` otherwise), the one formatter of the report, the screen and
the Word document, so that a figure reads the same everywhere.
"""

from __future__ import annotations

from babel.numbers import format_decimal

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def number(value: float | None, lang: str, digits: int = 0) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(round(value, digits), format=pattern, locale=LOCALES.get(lang, "fr_FR"))


def percent(fraction: float | None, lang: str, digits: int = 1) -> str:
    """0.045 -> « 4,5 % » (French) or "4.5%" (English)."""
    if fraction is None:
        return "—"
    text = number(100 * fraction, lang, digits)
    return f"{text}\u202f%" if lang == "fr" else f"{text}%"


def signed_percent(fraction: float | None, lang: str, digits: int = 0) -> str:
    """0.12 -> « +12 % »; -0.3 -> « −30 % » (a true minus sign)."""
    if fraction is None:
        return "—"
    text = percent(abs(fraction), lang, digits)
    rounded = round(100 * fraction, digits)
    return ("+" if rounded > 0 else "\u2212" if rounded < 0 else "") + text
