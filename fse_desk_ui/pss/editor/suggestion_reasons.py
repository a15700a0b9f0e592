"""The doctor's words for why a suggestion is proposed as ongoing or a short course,
active or resolved (:class:`fse_desk.pss.course.Reason`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fse_desk.pss.course import STALE_YEARS, Reason
from fse_desk.pss.suggestions import Suggestion


def reason_text(suggestion: Suggestion) -> str:
    """Why the entry is proposed as it is; empty for allergies (no state to explain)."""
    if suggestion.section == "allergies":
        return ""
    match suggestion.reason:
        case Reason.REPEATED:
            return QCoreApplication.translate(
                "SuggestionReason", "Ongoing: prescribed again and again"
            )
        case Reason.CHRONIC_CLASS:
            return QCoreApplication.translate(
                "SuggestionReason", "Ongoing: a drug class taken long term"
            )
        case Reason.NO_END:
            return QCoreApplication.translate(
                "SuggestionReason", "Ongoing: no end of treatment stated"
            )
        case Reason.SHORT_DURATION:
            return QCoreApplication.translate(
                "SuggestionReason", "Short course: the prescription states a few days"
            )
        case Reason.SHORT_CLASS:
            return QCoreApplication.translate(
                "SuggestionReason", "Short course: a drug class given in courses, prescribed once"
            )
        case Reason.TREATED:
            return QCoreApplication.translate(
                "SuggestionReason", "Resolved: treated by a procedure named in the same letter"
            )
        case Reason.STALE:
            return QCoreApplication.translate(
                "SuggestionReason", "Resolved: not mentioned for more than {years} years"
            ).format(years=STALE_YEARS)
        case Reason.CLOSED:
            return QCoreApplication.translate("SuggestionReason", "Resolved, as the source states")
        case Reason.RECENT:
            return QCoreApplication.translate(
                "SuggestionReason", "Active: stated recently, or a chronic disease"
            )
