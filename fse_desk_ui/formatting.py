"""Italian display conventions: dd/mm/yyyy, Europe/Rome time, decimal comma."""

from __future__ import annotations

from datetime import date, datetime

from fse_desk.domain.identifiers import ROME


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime) -> str:
    """An aware datetime in Rome local time, ``dd/mm/yyyy HH:MM``."""
    return value.astimezone(ROME).strftime("%d/%m/%Y %H:%M")


def format_decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def sentence_case(text: str) -> str:
    """The first letter upper case, the rest as written ("medico ... (MMG)" keeps MMG)."""
    return text[:1].upper() + text[1:]
