"""The vocabularies the editor searches, by the kind named in :data:`fields.CODING`."""

from __future__ import annotations

from collections.abc import Callable

from fse_desk.pss import codes
from fse_desk.pss.drafting import VITAL_DISPLAY
from fse_desk.pss.vocabularies import Term, Vocabulary, load_vocabulary

FILE_KINDS = ("icd9cm", "atc", "allergens", "vaccines")

LIFESTYLE_TERMS = tuple(
    Term(code, codes.LOINC, display) for code, display in codes.LIFESTYLE_ASPECTS
)


class EditorVocabularies:
    """The shipped (or administrator's) lists plus two short LOINC lists of our own:
    lifestyle aspects and the vital signs the workstation records."""

    def __init__(self, vocabularies: dict[str, Vocabulary]) -> None:
        self._vocabularies = {
            "lifestyle": Vocabulary("lifestyle", list(LIFESTYLE_TERMS)),
            "vital_signs": Vocabulary(
                "vital_signs",
                [Term(code, codes.LOINC, display) for code, display in VITAL_DISPLAY.items()],
            ),
            **vocabularies,
        }

    @classmethod
    def load(cls, load: Callable[[str], Vocabulary] = load_vocabulary) -> EditorVocabularies:
        """Read the vocabulary files (a full official list takes a moment: use a worker)."""
        return cls({kind: load(kind) for kind in FILE_KINDS})

    def get(self, kind: str) -> Vocabulary | None:
        return self._vocabularies.get(kind) if kind else None
