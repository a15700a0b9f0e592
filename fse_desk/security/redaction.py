"""Patient data kept out of logs and error reports.

:func:`redact` removes what can be recognised by its shape: codici fiscali, and
the values of URL query parameters that name a patient (``PatientID=…``,
``patient=…``, ``identifier=…``, ``name=…``). Names have no shape, so the
:class:`PatientDataFilter` at the logging boundary also removes the names and
identifiers the application tells it about (the patients in the cache).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

CF_MASK = "[CF]"
VALUE_MASK = "[…]"
NAME_MASK = "[PAZIENTE]"

# 16-character codice fiscale, omocodia letters included (case-insensitive).
_CF = re.compile(
    r"\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b",
    re.IGNORECASE,
)
_PATIENT_PARAMS = re.compile(
    r"(?i)\b(PatientID|PatientName|patient(?:\.identifier)?|subject|identifier|"
    r"family|given|name|person_id)=([^&\s'\"]+)"
)


def redact(text: str) -> str:
    """``text`` without codici fiscali and patient-naming URL query values."""
    text = _PATIENT_PARAMS.sub(lambda m: f"{m.group(1)}={VALUE_MASK}", text)
    return _CF.sub(CF_MASK, text)


class PatientDataFilter(logging.Filter):
    """A logging filter (for handlers) that rewrites each record without patient data.

    The record's message is formatted, redacted and frozen (``args`` cleared); an
    exception's traceback text is redacted the same way. ``set_terms`` gives the
    names and ids to remove besides what :func:`redact` recognises.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._terms: re.Pattern[str] | None = None

    def set_terms(self, terms: Iterable[str]) -> None:
        """Names and identifiers to mask (words shorter than three letters are ignored)."""
        words = sorted({t.strip() for t in terms if len(t.strip()) >= 3}, key=len, reverse=True)
        pattern = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
            if words
            else None
        )
        with self._lock:
            self._terms = pattern

    def clean(self, text: str) -> str:
        text = redact(text)
        terms = self._terms
        return text if terms is None else terms.sub(NAME_MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.clean(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = self.clean(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = self.clean(record.stack_info)
        return True


PATIENT_DATA_FILTER = PatientDataFilter()
"""The process's one filter: ``main`` puts it on every log handler, the workstation
feeds it the patients' names."""


def install_on(handlers: Iterable[logging.Handler]) -> None:
    for handler in handlers:
        if PATIENT_DATA_FILTER not in handler.filters:
            handler.addFilter(PATIENT_DATA_FILTER)
