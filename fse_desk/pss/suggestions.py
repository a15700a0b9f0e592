""""Aggiorna dal fascicolo": propose problems, therapies and allergies found in the
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
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from fse_desk.documents.cda import ListBlock, Paragraph, TableBlock, parse_cda
from fse_desk.domain.document import DocumentMeta
from fse_desk.errors import DocumentError
from fse_desk.pss import codes
from fse_desk.pss.cda_reader import read_cda
from fse_desk.pss.model import NONE_FLAGS, Allergy, Coded, Problem, Pss, Therapy
from fse_desk.pss.vocabularies import Vocabulary, fold, load_vocabulary

CDA_TYPES = frozenset({"34105-7", "18842-5", "11488-4", "75496-0", "85208-7", "59258-4",
                       "57833-6", "60591-5", "57827-8", "18776-5"})
"""Document types read for suggestions (discharge letters, reports, ED, prescriptions,
a PSS written elsewhere, exemptions, care plans)."""

PROBLEM_SECTIONS = frozenset({"11535-2", "29548-5", "11450-4", "11348-0", "11329-0",
                              "55110-1", "10164-2"})
THERAPY_SECTIONS = frozenset({"10183-2", "10160-0", "57828-6", "93341-4"})
ALLERGY_SECTIONS = frozenset({"48765-2"})

_ICD_REF = re.compile(r"\(\s*ICD-?9(?:-CM)?\s+([VE]?\d{2,3}(?:\.\d{1,2})?)\s*\)", re.I)
_ATC_REF = re.compile(r"\(\s*ATC\s+([A-Z]\d{2}[A-Z]{2}\d{2})\s*\)")
_STRENGTH = re.compile(r"\d[\d.,/]*\s*(?:mg|g|microgrammi|mcg|µg|UI|U/ml|ml|%)(?:/\d[\d.,]*\s*"
                       r"(?:mg|microgrammi|mcg))?", re.I)
_WORDS = re.compile(r"[0-9a-z]+")
_NOT_NAME = re.compile(r"\d")


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


@dataclass(frozen=True, slots=True)
class Vocabularies:
    icd9cm: Vocabulary
    atc: Vocabulary
    allergens: Vocabulary


@lru_cache(maxsize=1)
def shipped_vocabularies() -> Vocabularies:
    return Vocabularies(load_vocabulary("icd9cm"), load_vocabulary("atc"),
                        load_vocabulary("allergens"))


def _key(entry: Problem | Therapy | Allergy) -> str:
    if isinstance(entry, Problem):
        return entry.code.code
    if isinstance(entry, Therapy):
        return entry.drug.code
    return f"{entry.agent.system}|{entry.agent.code}"


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


Finding = Suggestion | Unmatched


class FindingsCache:
    """What each document yielded, so that the next "Aggiorna dal fascicolo" parses only
    documents it has not seen. Keyed by document id, version, a CRC-32 of the body and
    the vocabularies used; bounded (the oldest entries leave first). Not thread-safe:
    one per editor."""

    def __init__(self, max_documents: int = 20_000) -> None:
        self._max = max_documents
        self._items: dict[tuple[str, str, int, int, int], tuple[Finding, ...] | None] = {}

    def __len__(self) -> int:
        return len(self._items)

    @staticmethod
    def key(meta: DocumentMeta, body: bytes,
            vocab: Vocabularies) -> tuple[str, str, int, int, int]:
        return (str(meta.id), meta.version_id, len(body), zlib.crc32(body), id(vocab))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: tuple[str, str, int, int, int]) -> tuple[Finding, ...] | None:
        """The findings of a document already read (None: it could not be parsed)."""
        return self._items[key]

    def put(self, key: tuple[str, str, int, int, int],
            findings: tuple[Finding, ...] | None) -> None:
        if len(self._items) >= self._max:
            del self._items[next(iter(self._items))]
        self._items[key] = findings


class _Collector:
    """Reads one document at a time into ``items`` (merged later by :func:`_merge`)."""

    def __init__(self, vocab: Vocabularies) -> None:
        self.vocab = vocab
        self.items: list[Finding] = []
        self._memo: dict[tuple[str, str, float], Coded | None] = {}

    def best(self, vocabulary: Vocabulary, text: str, min_share: float = 2 / 3) -> Coded | None:
        """:func:`_best`, remembered: letters repeat the same lines document after document."""
        key = (vocabulary.kind, text, min_share)
        if key not in self._memo:
            self._memo[key] = _best(vocabulary, text, min_share)
        return self._memo[key]

    def add(self, section: str, entry: Problem | Therapy | Allergy, source: Source,
            evidence: str, inferred: bool) -> None:
        self.items.append(Suggestion(section, entry, source, evidence, inferred))

    def miss(self, section: str, text: str, source: Source) -> None:
        self.items.append(Unmatched(section, text, source))

    # -- problems --------------------------------------------------------------------------

    def problem_text(self, text: str, source: Source, listed: bool) -> None:
        refs = _ICD_REF.findall(text)
        for code in refs:
            term = self.vocab.icd9cm.get(code)
            label = _ICD_REF.sub("", text).strip(" .;,") if len(refs) == 1 else ""
            display = term.display if term else label or code
            self.add("problems", Problem(Coded(code, codes.ICD9CM, display)), source, text,
                     False)
        if refs or not listed:
            return
        coded = self.best(self.vocab.icd9cm, text)
        if coded is None:
            self.miss("problems", text, source)
        else:
            self.add("problems", Problem(coded), source, text, True)

    # -- therapies -------------------------------------------------------------------------

    def therapy_row(self, header: tuple[str, ...], row: tuple[str, ...], source: Source) -> None:
        cells = {fold(h): v for h, v in zip(header, row, strict=False)}
        atc, name = cells.get("atc", ""), cells.get("farmaco", row[0] if row else "")
        aic = cells.get("aic", "")
        term = self.vocab.atc.get(atc)
        drug = Coded(atc, codes.ATC, term.display if term else _drug_name(name))
        strength = _STRENGTH.search(name)
        self.add("therapies", Therapy(
            drug=drug, aic=Coded(aic, codes.AIC, name) if re.fullmatch(r"\d{9}", aic) else None,
            dose=strength.group(0) if strength else "",
            frequency=cells.get("posologia", ""),
            start=_date(source)), source, " | ".join(row), False)

    def therapy_text(self, text: str, source: Source) -> None:
        product, _sep, posology = text.partition(":")
        stated = _ATC_REF.search(text)
        if stated:
            term = self.vocab.atc.get(stated.group(1))
            drug = Coded(stated.group(1), codes.ATC,
                         term.display if term else _drug_name(product))
            inferred = False
            posology = posology or _ATC_REF.sub("", product.partition(" - ")[2]).strip()
        else:
            found = self.best(self.vocab.atc, _drug_name(product), min_share=0.0)
            if found is None:
                self.miss("therapies", text, source)
                return
            drug, inferred = found, True
        strength = _STRENGTH.search(product)
        self.add("therapies", Therapy(drug=drug, dose=strength.group(0) if strength else "",
                                      frequency=posology.strip(), start=_date(source)),
                 source, text, inferred)

    # -- allergies -------------------------------------------------------------------------

    def allergy_text(self, text: str, source: Source) -> None:
        agent, _sep, reaction = text.partition(":")
        if fold(agent).startswith("nessun"):
            return
        coded = self.best(self.vocab.allergens, agent)
        if coded is None:
            self.miss("allergies", text, source)
            return
        self.add("allergies", Allergy(coded, reaction.strip()), source, text, True)


def _date(source: Source) -> date:
    return date.fromisoformat(source.date)


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


def _evidence(entry: Problem | Therapy | Allergy) -> str:
    coded = entry.agent if isinstance(entry, Allergy) else \
        entry.drug if isinstance(entry, Therapy) else entry.code
    return f"{coded.display} ({coded.system_name} {coded.code})"


def _read_document(c: _Collector, meta: DocumentMeta,
                   body: bytes) -> tuple[Finding, ...] | None:
    """Everything one CDA yields (None when it cannot be parsed)."""
    try:
        doc = parse_cda(body)
    except DocumentError:
        return None
    c.items = []
    source = Source.of(meta)
    if meta.type_code == codes.PSS_LOINC:
        coded = _coded_pss(body)
        if coded is not None:  # a structured PSS: its coded entries, nothing guessed
            for key in ("problems", "therapies", "allergies"):
                for entry in coded.entries(key):
                    assert isinstance(entry, Problem | Therapy | Allergy)
                    c.add(key, entry, source, _evidence(entry), False)
            return tuple(c.items)
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock):
                header = tuple(fold(h) for h in block.header)
                for row in block.rows:
                    if "atc" in header and section.code in THERAPY_SECTIONS:
                        c.therapy_row(block.header, row, source)
                    elif "icd-9-cm" in header:
                        code = row[header.index("icd-9-cm")] if len(row) > header.index(
                            "icd-9-cm") else ""
                        c.problem_text(f"{row[0]} (ICD-9-CM {code})", source, False)
                continue
            listed = isinstance(block, ListBlock)
            for text in _items(block):
                if section.code in ALLERGY_SECTIONS:
                    c.allergy_text(text, source)
                elif section.code in THERAPY_SECTIONS and listed:
                    c.therapy_text(text, source)
                elif section.code in PROBLEM_SECTIONS:
                    c.problem_text(text, source, listed)
                elif _ICD_REF.search(text):
                    c.problem_text(text, source, False)
    return tuple(c.items)


def _merge(findings: Iterable[Finding], known: set[str]) -> tuple[list[Suggestion],
                                                                  list[Unmatched]]:
    found: dict[str, Suggestion] = {}
    unmatched: dict[tuple[str, str], Unmatched] = {}
    for item in findings:
        if isinstance(item, Unmatched):
            unmatched.setdefault((item.section, fold(item.text)), item)
            continue
        key = item.code
        if key in known:
            continue
        current = found.get(key)
        # The newest document wins; a stated code beats an inferred one of the same day.
        if current is None or (item.source.date, not item.inferred) > (
                current.source.date, not current.inferred):
            found[key] = item
    order = {"problems": 0, "therapies": 1, "allergies": 2}
    return (sorted(found.values(), key=lambda s: (order[s.section], s.source.date, s.code)),
            list(unmatched.values()))


def _known(previous: Pss | None) -> set[str]:
    if previous is None:
        return set()
    return {_key(e) for key in ("problems", "therapies", "allergies")
            for e in previous.entries(key)}  # type: ignore[arg-type]


def suggest_updates(previous: Pss | None,
                    documents: Iterable[tuple[DocumentMeta, bytes]],
                    vocabularies: Vocabularies | None = None,
                    cache: FindingsCache | None = None) -> SuggestionSet:
    """Suggestions from the documents dated after ``previous`` (all when None).

    Entries already in ``previous`` (same code) are not suggested again; one suggestion
    per code, from the newest document that states it. ``cache`` (optional) remembers
    what each document yielded, so a later call re-parses only new documents; the
    result is the same with or without it.
    """
    vocab = vocabularies or shipped_vocabularies()
    collector = _Collector(vocab)
    findings: list[Finding] = []
    since = previous.effective_time if previous is not None else None
    own = {previous.full_id, previous.document_id} if previous is not None else set()
    read = skipped = 0
    for meta, body in documents:
        if since is not None and meta.date <= since:
            continue
        if meta.type_code not in CDA_TYPES or meta.master_identifier in own:
            continue
        if "pdf" in meta.content_type or body[:256].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"<":
            skipped += 1
            continue
        if cache is None:
            got = _read_document(collector, meta, body)
        else:
            key = FindingsCache.key(meta, body, vocab)
            if key not in cache:
                cache.put(key, _read_document(collector, meta, body))
            got = cache.get(key)
        if got is None:
            skipped += 1
            continue
        read += 1
        findings.extend(got)
    suggestions, unmatched = _merge(findings, _known(previous))
    return SuggestionSet(tuple(suggestions), tuple(unmatched), read, skipped)


def accept(draft: Pss, suggestion: Suggestion) -> Pss:
    """A new draft with the suggested entry added (and its section no longer "none")."""
    key = suggestion.section
    if any(_key(e) == suggestion.code for e in draft.entries(key)):  # type: ignore[arg-type]
        return draft
    changes: dict[str, object] = {key: (*draft.entries(key), suggestion.entry)}
    flag = NONE_FLAGS.get(key)
    if flag:
        changes[flag] = False
    return replace(draft, **changes)  # type: ignore[arg-type]
