"""Whether a suggested therapy is ongoing or a short course, and a suggested problem
active or resolved, with the reason in a word the UI turns into Italian.

Rules (heuristics a doctor can overrule; each suggestion says which one applied):

* therapies — prescribed in :data:`REPEATED_PRESCRIPTIONS` or more documents on
  different days: ongoing, whatever the class. Otherwise a posology that states a
  length ("per 6 giorni", "per 2 settimane") of at most :data:`SHORT_COURSE_DAYS`, or
  an ATC class given in bursts (:data:`SHORT_COURSE_ATC`), is a short course; the
  chronic classes (:data:`CHRONIC_ATC`) are ongoing; any other drug is ongoing
  because nothing states an end.
* problems — a diagnosis of a discharge letter whose stem a procedure of the same
  letter repairs or removes (``Ernia inguinale`` / ``Ernioplastica inguinale``) is
  resolved on the letter's date; a problem stated last more than
  :data:`STALE_YEARS` years ago is resolved (end unknown) unless its ICD-9-CM category
  is a chronic disease (:data:`CHRONIC_ICD9`); any other is active.
"""

from __future__ import annotations

import enum
import re
from datetime import date

from fse_desk.pss.vocabularies import fold


class Reason(enum.Enum):
    """Why a suggestion is proposed as it is (the UI's Italian text is keyed by it)."""

    REPEATED = "repeated"  # therapy: prescribed again and again
    CHRONIC_CLASS = "chronic_class"  # therapy: a class taken long term
    NO_END = "no_end"  # therapy: nothing states an end
    SHORT_DURATION = "short_duration"  # therapy: the posology states a few days
    SHORT_CLASS = "short_class"  # therapy: a class given in courses, prescribed once
    TREATED = "treated"  # problem: repaired or removed by a procedure in the letter
    STALE = "stale"  # problem: last stated more than STALE_YEARS ago
    CLOSED = "closed"  # problem: the source itself states it resolved (a PSS)
    RECENT = "recent"  # problem: stated recently, or a chronic disease


ONGOING_THERAPY = frozenset({Reason.REPEATED, Reason.CHRONIC_CLASS, Reason.NO_END})

REPEATED_PRESCRIPTIONS = 3
"""Three prescriptions on different days: a drug renewed, not a course repeated by
chance (two antibiotic courses in a year are still courses)."""
SHORT_COURSE_DAYS = 90
"""A stated length up to three months is a course that ends by itself: antibiotics,
steroid bursts, heparin for 35 days after hip surgery (a drug of a chronic class, so the
stated length is read first). A therapy taken for good states no length."""
SHORT_COURSE_ATC = ("J01", "J02", "J05", "H02", "M01", "A07", "R05", "P01")
"""Antibacterials, antimycotics, antivirals, systemic steroids, NSAIDs, antidiarrhoeals,
cough medicines, antiprotozoals: given for days unless renewed."""
CHRONIC_ATC = ("C", "A10", "A02B", "B01", "N03", "N05", "N06A", "R03", "H03", "M05", "G04C")
"""Cardiovascular, diabetes, PPIs, antithrombotics, antiepileptics, psycholeptics,
antidepressants, inhaled airway drugs, thyroid, bone, prostate: taken long term."""

STALE_YEARS = 5
"""A problem the patient still has is restated within five years in a followed patient's
FSE (yearly checks, renewed exemptions and prescriptions, letters); one not restated for
longer is past history. Five, not less, so that a problem seen at a check every few
years is not closed."""
CHRONIC_ICD9 = (
    "250",
    "272",
    "274",
    "401",
    "402",
    "403",
    "404",
    "405",
    "414",
    "427",
    "428",
    "491",
    "492",
    "493",
    "496",
    "585",
    "714",
    "715",
    "332",
    "340",
    "345",
    "290",
    "294",
    "296",
    "311",
)
"""ICD-9-CM categories of chronic diseases (diabetes, dyslipidaemia, gout, hypertension,
ischaemic heart disease, arrhythmias, heart failure, COPD/asthma, CKD, arthritis,
Parkinson, MS, epilepsy, dementia, mood disorders): never closed by age alone."""

_LENGTH = re.compile(r"\bper\s+(\d+)\s+(giorn|settiman|mes)", re.I)
_DAYS_PER = {"giorn": 1, "settiman": 7, "mes": 30}
_PROCEDURE = re.compile(
    r"\b([a-z]{4,}?)(?:plastica|ectomia|tomia|stomia|pessia|rrafia|sintesi)\b|"
    r"\b(?:riparazione|asportazione|exeresi|rimozione)\s+(?:di\s+|dell[a']?\s*|del\s+)?([a-z]{4,})"
)
_STEM = 4


def stated_days(posology: str) -> int | None:
    """The length a posology states ("per 6 giorni" → 6), or None."""
    match = _LENGTH.search(posology)
    if match is None:
        return None
    return int(match.group(1)) * _DAYS_PER[match.group(2).lower()]


def therapy_reason(atc: str, posology: str, prescriptions: int) -> Reason:
    """Why a therapy found in ``prescriptions`` documents is ongoing or a course."""
    if prescriptions >= REPEATED_PRESCRIPTIONS:
        return Reason.REPEATED
    days = stated_days(posology)
    if days is not None and days <= SHORT_COURSE_DAYS:
        return Reason.SHORT_DURATION
    if atc.startswith(SHORT_COURSE_ATC):
        return Reason.SHORT_CLASS
    if atc.startswith(CHRONIC_ATC):
        return Reason.CHRONIC_CLASS
    return Reason.NO_END


def procedure_stems(text: str) -> set[str]:
    """The first letters of what a procedure in ``text`` treats: "ernioplastica" and
    "riparazione dell'ernia" → "erni"; "colecistectomia" → "cole"."""
    return {(a or b)[:_STEM] for a, b in _PROCEDURE.findall(fold(text)) if len(a or b) >= _STEM}


def treated(diagnosis: str, stems: set[str]) -> bool:
    """Whether a procedure with one of ``stems`` treats the ``diagnosis``."""
    return any(
        len(word) >= _STEM and word[:_STEM] in stems
        for word in re.findall(r"[a-z]+", fold(diagnosis))
    )


def problem_reason(code: str, stated: date, today: date) -> Reason:
    """Why a problem last stated on ``stated`` (and treated by no procedure) is active or
    resolved."""
    years = (today - stated).days / 365.25
    if years > STALE_YEARS and not code.startswith(CHRONIC_ICD9):
        return Reason.STALE
    return Reason.RECENT
