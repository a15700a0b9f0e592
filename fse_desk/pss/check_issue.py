"""One failed check of a PSS, structural or clinical (see :mod:`fse_desk.pss.validator`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CheckIssue:
    """One failed check: a stable ``code``, an English message, where it failed.

    ``location`` is an XPath-like path in the CDA for structural problems
    (``/ClinicalDocument/legalAuthenticator``); ``field`` is the model path for
    clinical problems (``therapies[0].start``), empty for structural ones.
    """

    code: str
    message: str
    location: str
    field: str = ""
