""" "Aggiorna dal fascicolo": propose problems, therapies and allergies found in the
patient's documents since the last PSS.

A pure function over the previous PSS and the cached documents with their bodies:
nothing is fetched, nothing enters the PSS. Each :class:`Suggestion` carries the
entry it would add, its source document (id, title, date) and the text it came
from; :func:`accept` returns a new draft with that one entry added.

What is read (CDA bodies only; PDF bodies are skipped and counted):

* problems — "(ICD-9-CM 428.0)" anywhere in diagnosis, history, conclusion and problem
  sections; uncoded list items of those sections matched to the ICD-9-CM vocabulary
  (``inferred=True``);
* therapies — table rows with an ATC column (prescriptions: ATC, AIC, posology),
  "(ATC C09AA05)" in the text, and list items of therapy sections matched to the ATC
  vocabulary by the drug name (``inferred=True``);
* allergies — items of allergy sections (48765-2) matched to the allergen vocabulary.

Each document is read on its own into :class:`Findings` (:func:`document_findings`),
the form the cache keeps beside the body (see :mod:`fse_desk.pss.refresh`), and
:func:`collect` merges the documents' findings; :func:`suggest_updates` is the two
together, over bodies in memory. Merging also settles each entry's state and its
:class:`~fse_desk.pss.course.Reason` (ongoing therapy or short course, active or resolved
problem; rules in :mod:`fse_desk.pss.course`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from fse_desk.documents.cda import CdaDocument, ListBlock, Paragraph, TableBlock, parse_cda
from fse_desk.domain import loinc
from fse_desk.domain.document import DocumentMeta, DocumentStatus
from fse_desk.domain.identifiers import ROME
from fse_desk.errors import DocumentError
from fse_desk.pss import codes
from fse_desk.pss._findings import Entry, Findings, Found, Missed, entry_fields, entry_from
from fse_desk.pss.cda_reader import read_cda
from fse_desk.pss.course import (
    ONGOING_THERAPY,
    Reason,
    problem_reason,
    procedure_stems,
    therapy_reason,
    treated,
)
from fse_desk.pss.model import NONE_FLAGS, Allergy, Coded, Problem, ProblemStatus, Pss, Therapy
from fse_desk.pss.vocabularies import Vocabulary, fold, shared_vocabulary

CDA_TYPES = frozenset(
    {
        loinc.HOSPITAL_DISCHARGE_LETTER,
        loinc.DISCHARGE_LETTER,
        loinc.SPECIALIST_REPORT,
        loinc.TELEVISIT_REPORT,
        loinc.TELECONSULT_REPORT,
        loinc.EMERGENCY_REPORT,
        loinc.DRUG_PRESCRIPTION,
        loinc.PSS,
        loinc.EXEMPTION,
        loinc.CARE_PLAN,
    }
)
"""Document types read for suggestions (discharge letters, reports, ED, prescriptions,
a PSS written elsewhere, exemptions, care plans)."""

PROBLEM_SECTIONS = frozenset(
    {
        loinc.HOSPITAL_DISCHARGE_DIAGNOSIS,
        loinc.DIAGNOSIS,
        loinc.PROBLEM_LIST,
        loinc.PAST_ILLNESS,
        loinc.HISTORY,
        loinc.CONCLUSIONS,
        loinc.PRESENT_ILLNESS,
    }
)
THERAPY_SECTIONS = frozenset(
    {
        loinc.DISCHARGE_MEDICATIONS,
        loinc.MEDICATION_HISTORY,
        loinc.PRESCRIPTION_LIST,
        loinc.MEDICATIONS_93341,
    }
)
ALLERGY_SECTIONS = frozenset({loinc.ALLERGIES})

_ICD_REF = re.compile(r"\(\s*ICD-?9(?:-CM)?\s+([VE]?\d{2,3}(?:\.\d{1,2})?)\s*\)", re.I)
_ATC_REF = re.compile(r"\(\s*ATC\s+([A-Z]\d{2}[A-Z]{2}\d{2})\s*\)")
_STRENGTH = re.compile(
    r"\d[\d.,/]*\s*(?:mg|g|microgrammi|mcg|µg|UI|U/ml|ml|%)(?:/\d[\d.,]*\s*"
    r"(?:mg|microgrammi|mcg))?",
    re.I,
)
_WORDS = re.compile(r"[0-9a-z]+")
_NOT_NAME = re.compile(r"\d")
READER_VERSION = 3  # 3: a therapy's strength apart from its dose
"""Part of every :attr:`Vocabularies.fingerprint`: bump it when what a document yields
changes, so that findings kept in caches are read again."""


@dataclass(frozen=True, slots=True)
class Source:
    document_id: str
    title: str
    date: str  # ISO date of the document

    @classmethod
    def of(cls, meta: DocumentMeta) -> Source:
        return cls(str(meta.id), meta.title, meta.date.date().isoformat())


@dataclass(frozen=True, slots=True)
class Suggestion:
    section: str  # "problems" | "therapies" | "allergies"
    entry: Problem | Therapy | Allergy
    source: Source
    evidence: str  # the text it was read from
    inferred: bool  # True: the code was matched from words, not written in the document
    reason: Reason = Reason.RECENT  # why ongoing / a course, active / resolved

    @property
    def code(self) -> str:
        return _key(self.entry)


@dataclass(frozen=True, slots=True)
class Unmatched:
    section: str
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class SuggestionSet:
    suggestions: tuple[Suggestion, ...]
    unmatched: tuple[Unmatched, ...]  # items found but not coded: shown for manual coding
    documents_read: int
    documents_skipped: int  # not CDA (PDF) or unreadable
    not_downloaded: int = 0  # cached documents whose body was never fetched (not read)
    short_courses: tuple[Suggestion, ...] = ()  # therapies not proposed: courses that ended
    # The FSE could not be reached to download them: ``not_downloaded`` waits for a
    # connection, it is not a choice to make.
    offline: bool = False


@dataclass(frozen=True, slots=True)
class Vocabularies:
    icd9cm: Vocabulary
    atc: Vocabulary
    allergens: Vocabulary
    fingerprint: str = field(init=False, compare=False)
    """Digest of every term and of :data:`READER_VERSION`: findings kept with another
    fingerprint were read with other vocabularies (an administrator's import)."""

    def __post_init__(self) -> None:
        digest = hashlib.sha256(f"reader {READER_VERSION}".encode())
        for vocabulary in (self.icd9cm, self.atc, self.allergens):
            digest.update(f"\x1d{vocabulary.kind}".encode())
            for t in vocabulary.terms:
                digest.update(f"\x1e{t.code}\x1f{t.system}\x1f{t.display}\x1f{t.aic}".encode())
        object.__setattr__(self, "fingerprint", digest.hexdigest())


@lru_cache(maxsize=4)
def suggestion_vocabularies(override_dir: Path | None = None) -> Vocabularies:
    """The lists documents are read with: the administrator's in ``override_dir`` when
    installed, else the shipped ones (loaded once per folder and process)."""
    return Vocabularies(
        *(shared_vocabulary(kind, override_dir) for kind in ("icd9cm", "atc", "allergens"))
    )


def _key(entry: Entry) -> str:
    if isinstance(entry, Problem):
        return entry.code.code
    if isinstance(entry, Therapy):
        return entry.drug.code
    return f"{entry.agent.system}|{entry.agent.code}"


@lru_cache(maxsize=65_536)  # letters repeat the same lines document after document
def _best(vocabulary: Vocabulary, text: str, min_share: float = 2 / 3) -> Coded | None:
    """The term with a display word starting with each word of ``text`` (fewest extra
    words wins), else the same for shorter leading parts of ``text`` as long as they keep
    ``min_share`` of its words."""
    words = _WORDS.findall(fold(text))
    for n in range(len(words), 0, -1):
        if n < len(words) * min_share:
            break
        hits = vocabulary.word_matches(" ".join(words[:n]))
        if hits:
            return hits[0].coded()
    return None


def _drug_name(text: str) -> str:
    """``Metformina 1000 mg compresse`` → ``Metformina``; ``Sacubitril/valsartan 49 mg``
    → ``Sacubitril valsartan``."""
    match = _NOT_NAME.search(text)
    name = text[: match.start()] if match else text
    return name.replace("/", " ").strip(" ,:-")


class _Collector:
    """Reads one document into :class:`Findings`."""

    def __init__(self, vocab: Vocabularies, meta: DocumentMeta) -> None:
        self.vocab = vocab
        self.start = meta.date.date()
        self.stems: set[str] = set()  # what the letter's procedures treat (discharge letters)
        self.found: list[Found] = []
        self.unmatched: list[Missed] = []

    def findings(self) -> Findings:
        return Findings(tuple(self.found), tuple(self.unmatched))

    def add(
        self, section: str, entry: Entry, evidence: str, inferred: bool, reason: str = ""
    ) -> None:
        self.found.append(
            Found(section, _key(entry), inferred, evidence, entry_fields(entry), reason)
        )

    def miss(self, section: str, text: str) -> None:
        self.unmatched.append(Missed(section, text))

    # -- problems --------------------------------------------------------------------------

    def problem(self, coded: Coded, text: str, inferred: bool, discharge: bool) -> None:
        """A discharge diagnosis a procedure of the same letter treated is resolved on
        the letter's date; the others' state is settled when merging (age, chronic)."""
        if discharge and treated(text, self.stems):
            entry = Problem(coded, status=ProblemStatus.RESOLVED, end=self.start)
            self.add("problems", entry, text, inferred, Reason.TREATED.value)
        else:
            self.add("problems", Problem(coded), text, inferred)

    def problem_text(self, text: str, listed: bool, discharge: bool = False) -> None:
        refs = _ICD_REF.findall(text)
        for code in refs:
            term = self.vocab.icd9cm.get(code)
            label = _ICD_REF.sub("", text).strip(" .;,") if len(refs) == 1 else ""
            display = term.display if term else label or code
            self.problem(Coded(code, codes.ICD9CM, display), text, False, discharge)
        if refs or not listed:
            return
        coded = _best(self.vocab.icd9cm, text)
        if coded is None:
            self.miss("problems", text)
        else:
            self.problem(coded, text, True, discharge)

    # -- therapies -------------------------------------------------------------------------

    def therapy_row(self, header: tuple[str, ...], row: tuple[str, ...]) -> None:
        cells = {fold(h): v for h, v in zip(header, row, strict=False)}
        atc, name = cells.get("atc", ""), cells.get("farmaco", row[0] if row else "")
        aic = cells.get("aic", "")
        term = self.vocab.atc.get(atc)
        drug = Coded(atc, codes.ATC, term.display if term else _drug_name(name))
        strength = _STRENGTH.search(name)
        self.add(
            "therapies",
            Therapy(
                drug=drug,
                aic=Coded(aic, codes.AIC, name) if re.fullmatch(r"\d{9}", aic) else None,
                strength=strength.group(0) if strength else "",
                frequency=cells.get("posologia", ""),
                start=self.start,
            ),
            " | ".join(row),
            False,
        )

    def therapy_text(self, text: str) -> None:
        product, _sep, posology = text.partition(":")
        stated = _ATC_REF.search(text)
        if stated:
            term = self.vocab.atc.get(stated.group(1))
            drug = Coded(stated.group(1), codes.ATC, term.display if term else _drug_name(product))
            inferred = False
            posology = posology or _ATC_REF.sub("", product.partition(" - ")[2]).strip()
        else:
            found = _best(self.vocab.atc, _drug_name(product), min_share=0.0)
            if found is None:
                self.miss("therapies", text)
                return
            drug, inferred = found, True
        strength = _STRENGTH.search(product)
        self.add(
            "therapies",
            Therapy(
                drug=drug,
                strength=strength.group(0) if strength else "",
                frequency=posology.strip(),
                start=self.start,
            ),
            text,
            inferred,
        )

    # -- allergies -------------------------------------------------------------------------

    def allergy_text(self, text: str) -> None:
        agent, _sep, reaction = text.partition(":")
        if fold(agent).startswith("nessun"):
            return
        coded = _best(self.vocab.allergens, agent)
        if coded is None:
            self.miss("allergies", text)
            return
        self.add("allergies", Allergy(coded, reaction.strip()), text, True)


def _items(block: object) -> list[str]:
    if isinstance(block, ListBlock):
        return list(block.items)
    if isinstance(block, Paragraph):
        return [block.text]
    return []


def _coded_pss(body: bytes) -> Pss | None:
    """The PSS as records, or None for a PSS written as narrative only."""
    try:
        return read_cda(body)
    except DocumentError:
        return None


def _evidence(entry: Entry) -> str:
    coded = (
        entry.agent
        if isinstance(entry, Allergy)
        else entry.drug
        if isinstance(entry, Therapy)
        else entry.code
    )
    return f"{coded.display} ({coded.system_name} {coded.code})"


def document_findings(
    meta: DocumentMeta, body: bytes, vocab: Vocabularies, cda: CdaDocument | None = None
) -> Findings | None:
    """What one document of a type read for suggestions yields; None when it is skipped
    (a PDF, or a CDA that cannot be parsed). ``cda``: the body already parsed."""
    if "pdf" in meta.content_type or body[:256].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"<":
        return None
    if cda is None:
        try:
            cda = parse_cda(body)
        except DocumentError:
            return None
    c = _Collector(vocab, meta)
    letter = meta.type_code in (loinc.HOSPITAL_DISCHARGE_LETTER, loinc.DISCHARGE_LETTER)
    if letter:
        for section in cda.sections:
            if section.code not in THERAPY_SECTIONS:  # "rimozione dei punti" is no cure
                for block in section.blocks:
                    for text in _items(block):
                        c.stems |= procedure_stems(text)
    if meta.type_code == codes.PSS_LOINC:
        coded = _coded_pss(body)
        if coded is not None:  # a structured PSS: its coded entries, nothing guessed
            for key in ("problems", "therapies", "allergies"):
                for entry in coded.entries(key):
                    assert isinstance(entry, Problem | Therapy | Allergy)
                    c.add(key, entry, _evidence(entry), False)
            return c.findings()
    for section in cda.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock):
                header = tuple(fold(h) for h in block.header)
                for row in block.rows:
                    if "atc" in header and section.code in THERAPY_SECTIONS:
                        c.therapy_row(block.header, row)
                    elif "icd-9-cm" in header:
                        code = (
                            row[header.index("icd-9-cm")]
                            if len(row) > header.index("icd-9-cm")
                            else ""
                        )
                        c.problem_text(f"{row[0]} (ICD-9-CM {code})", False)
                continue
            listed = isinstance(block, ListBlock)
            for text in _items(block):
                if section.code in ALLERGY_SECTIONS:
                    c.allergy_text(text)
                elif section.code in THERAPY_SECTIONS and listed:
                    c.therapy_text(text)
                elif section.code in PROBLEM_SECTIONS:
                    discharge = letter and section.code == loinc.HOSPITAL_DISCHARGE_DIAGNOSIS
                    c.problem_text(text, listed, discharge)
                elif _ICD_REF.search(text):
                    c.problem_text(text, False)
    return c.findings()


def _known(previous: Pss | None) -> set[str]:
    if previous is None:
        return set()
    listed: tuple[Problem | Therapy | Allergy, ...] = (
        *previous.problems,
        *previous.therapies,
        *previous.allergies,
    )
    return {_key(e) for e in listed}


def read_filter(previous: Pss | None) -> Callable[[DocumentMeta], bool]:
    """Whether a document is read for suggestions: current (a replaced version's content
    lives on in its replacement), dated after ``previous`` (all when None), of a type in
    :data:`CDA_TYPES`, and not ``previous`` itself."""
    since = previous.effective_time if previous is not None else None
    own = {previous.full_id, previous.document_id} if previous is not None else set()

    def wanted(meta: DocumentMeta) -> bool:
        return (
            meta.status is DocumentStatus.CURRENT
            and (since is None or meta.date > since)
            and meta.type_code in CDA_TYPES
            and meta.master_identifier not in own
        )

    return wanted


def _classified(item: Found, meta: DocumentMeta, days: int, today: date) -> Suggestion:
    """The suggestion of the newest finding of a code stated on ``days`` different days,
    with its state (ongoing / course, active / resolved) and the reason for it."""
    entry = entry_from(item.section, item.fields)
    reason = Reason(item.reason) if item.reason else Reason.RECENT
    if isinstance(entry, Therapy):
        # the length may be in the posology or only in the line it was read from
        posology = f"{entry.frequency} {item.evidence}"
        reason = therapy_reason(entry.drug.code, posology, days)
    elif isinstance(entry, Problem) and entry.status is ProblemStatus.RESOLVED:
        reason = reason if reason is Reason.TREATED else Reason.CLOSED
    elif isinstance(entry, Problem):
        stated = meta.date.date()
        reason = problem_reason(entry.code.code, stated, today)
        if reason is Reason.STALE:  # the validator wants an end: the last time it was stated
            entry = replace(entry, status=ProblemStatus.RESOLVED, end=stated)
    return Suggestion(item.section, entry, Source.of(meta), item.evidence, item.inferred, reason)


def collect(
    previous: Pss | None,
    documents: Iterable[tuple[DocumentMeta, Findings | None]],
    not_downloaded: int = 0,
    today: date | None = None,
) -> SuggestionSet:
    """Merge the findings of documents that passed :func:`read_filter` (None: skipped).

    Entries already in ``previous`` (same code) are not suggested again; one suggestion
    per code, from the newest document that states it (a stated code beats an inferred
    one of the same day; the first document given wins a tie). Therapies that are short
    courses (:mod:`fse_desk.pss.course`) are set apart in ``short_courses``: the PSS
    lists what the patient takes, and a course of days is over by the time it is read.
    ``today`` (the age of a problem's source) defaults to the date in Rome.
    """
    known = _known(previous)
    found: dict[str, tuple[tuple[str, bool], DocumentMeta, Found]] = {}
    days: dict[str, set[str]] = {}  # the days each code is stated on (repeat prescriptions)
    unmatched: dict[tuple[str, str], Unmatched] = {}
    read = skipped = 0
    for meta, findings in documents:
        if findings is None:
            skipped += 1
            continue
        read += 1
        day = meta.date.date().isoformat()
        for item in findings.found:
            if item.key in known:
                continue
            days.setdefault(item.key, set()).add(day)
            rank = (day, not item.inferred)
            current = found.get(item.key)
            if current is None or rank > current[0]:
                found[item.key] = (rank, meta, item)
        for section, text in findings.unmatched:
            key = (section, fold(text))
            if key not in unmatched:
                unmatched[key] = Unmatched(section, text, Source.of(meta))
    now = today or datetime.now(ROME).date()
    proposed: list[Suggestion] = []
    courses: list[Suggestion] = []
    for code, (_rank, meta, item) in found.items():
        suggestion = _classified(item, meta, len(days[code]), now)
        ongoing = suggestion.section != "therapies" or suggestion.reason in ONGOING_THERAPY
        (proposed if ongoing else courses).append(suggestion)
    order = {"problems": 0, "therapies": 1, "allergies": 2}
    for listed in (proposed, courses):
        listed.sort(key=lambda s: (order[s.section], s.source.date, s.code))
    return SuggestionSet(
        tuple(proposed), tuple(unmatched.values()), read, skipped, not_downloaded, tuple(courses)
    )


def suggest_updates(
    previous: Pss | None,
    documents: Iterable[tuple[DocumentMeta, bytes]],
    vocabularies: Vocabularies | None = None,
) -> SuggestionSet:
    """Suggestions from the documents dated after ``previous`` (all when None): each
    document read with :func:`document_findings`, then merged by :func:`collect`."""
    vocab = vocabularies or suggestion_vocabularies()
    wanted = read_filter(previous)
    return collect(
        previous,
        ((meta, document_findings(meta, body, vocab)) for meta, body in documents if wanted(meta)),
    )


def accept(draft: Pss, suggestion: Suggestion) -> Pss:
    """A new draft with the suggested entry added (and its section no longer "none")."""
    key = suggestion.section
    listed = draft.entries(key)  # the section of the suggestion's entry type
    if any(isinstance(e, Entry) and _key(e) == suggestion.code for e in listed):
        return draft
    changes: dict[str, Any] = {key: (*listed, suggestion.entry)}
    flag = NONE_FLAGS.get(key)
    if flag:
        changes[flag] = False
    return replace(draft, **changes)
