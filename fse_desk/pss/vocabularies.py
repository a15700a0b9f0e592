"""Coded vocabularies for the PSS editor: load, type-ahead search, administrator import.

Shipped lists live in ``fse_desk/resources/vocabularies/`` (small curated subsets). An
administrator may replace any of them with the complete official list: a UTF-8
CSV (a BOM is accepted), comma-separated, first row the header, one term a row.

Columns (header names exact, lower case; extra columns are refused):

============  ======================  =========================================================
vocabulary    columns                 rules
============  ======================  =========================================================
``icd9cm``    ``code,display``        ICD-9-CM diagnosis: ``250.00``, ``V10.3``, ``E888.9``
``atc``       ``code,display,aic``    ATC code at any level (``A10BA02``); ``aic`` empty or 9
                                      digits (the AIC of a representative pack)
``allergens`` ``code,system,display`` ``system`` is ``ATC`` (drug allergen, ATC code) or
                                      ``FSE-DESK`` (non-drug allergen, our own code)
``vaccines``  ``code,display``        ATC code of the vaccine (J07…)
============  ======================  =========================================================

Every code is unique in its file and every display non-empty. A malformed file is
refused whole with :class:`~fse_desk.errors.VocabularyFileError` naming the line
and the column; nothing is installed.
"""

from __future__ import annotations

import bisect
import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fse_desk.errors import VocabularyFileError
from fse_desk.pss import codes
from fse_desk.pss.model import Coded
from fse_desk.resources import resource

SHIPPED = resource("vocabularies")  # the curated lists, package data
MAX_FILE_BYTES = 32 * 1024 * 1024

_ICD9 = re.compile(r"^(\d{3}(\.\d{1,2})?|V\d{2}(\.\d{1,2})?|E\d{3}(\.\d)?)$")
_ATC = re.compile(r"^[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?$")
_AIC = re.compile(r"^\d{9}$")
_LOCAL = re.compile(r"^[A-Z][A-Z0-9-]{1,40}$")


@dataclass(frozen=True, slots=True)
class VocabularyKind:
    name: str
    columns: tuple[str, ...]
    system: str


KINDS: dict[str, VocabularyKind] = {
    "icd9cm": VocabularyKind("icd9cm", ("code", "display"), codes.ICD9CM),
    "atc": VocabularyKind("atc", ("code", "display", "aic"), codes.ATC),
    "allergens": VocabularyKind("allergens", ("code", "system", "display"), codes.ALLERGENS),
    "vaccines": VocabularyKind("vaccines", ("code", "display"), codes.ATC),
}
_ALLERGEN_SYSTEMS = {"ATC": codes.ATC, "FSE-DESK": codes.ALLERGENS}


def fold(text: str) -> str:
    """Lower case without accents: ``Parità`` → ``parita``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    system: str
    display: str
    aic: str = ""  # ATC only: AIC of a representative pack, "" when unknown

    def coded(self) -> Coded:
        return Coded(self.code, self.system, self.display)

    def aic_coded(self) -> Coded | None:
        return Coded(self.aic, codes.AIC, self.display) if self.aic else None


class Vocabulary:
    """An immutable list of terms with a type-ahead index."""

    def __init__(self, kind: str, terms: list[Term]) -> None:
        self.kind = kind
        self.terms = tuple(terms)
        self._codes = [fold(t.code) for t in self.terms]
        self._words = [_WORD.findall(fold(t.display)) for t in self.terms]
        self._by_code = {t.code: t for t in self.terms}
        self._index = sorted({(w, i) for i, words in enumerate(self._words) for w in words})
        self._index_words = [w for w, _i in self._index]

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)

    def _prefixed(self, token: str) -> set[int]:
        """Indexes of the terms with a display word starting with ``token``."""
        lo = bisect.bisect_left(self._index_words, token)
        hi = bisect.bisect_left(self._index_words, token + "\uffff")
        return {i for _w, i in self._index[lo:hi]}

    def word_matches(self, query: str) -> list[Term]:
        """Terms with a display word starting with each word of ``query`` (indexed: no
        scan), fewest display words first, then code."""
        tokens = _WORD.findall(fold(query))
        if not tokens:
            return []
        found = self._prefixed(tokens[0])
        for token in tokens[1:]:
            found &= self._prefixed(token)
        return sorted(
            (self.terms[i] for i in found),
            key=lambda t: (len(_WORD.findall(fold(t.display))), t.code),
        )

    def search(self, query: str, limit: int = 20) -> list[Term]:
        """Terms matching ``query``, best first.

        Ranking: exact code; code prefix; every query word a prefix of a display word
        (earlier words first); every query word inside the display. Case and accents
        are ignored. Ties: code order (250.00 before 250.02).
        """
        q = fold(query).strip()
        if not q:
            return []
        tokens = _WORD.findall(q)
        scored: list[tuple[tuple[int, int, str], Term]] = []
        for i, term in enumerate(self.terms):
            code = self._codes[i]
            words = self._words[i]
            if code == q:
                rank, pos = 0, 0
            elif code.startswith(q):
                rank, pos = 1, len(code)
            elif tokens and all(any(w.startswith(t) for w in words) for t in tokens):
                rank = 2
                pos = min(j for j, w in enumerate(words) if w.startswith(tokens[0]))
            elif tokens and all(any(t in w for w in words) for t in tokens):
                rank, pos = 3, 0
            else:
                continue
            scored.append(((rank, pos, term.code), term))
        scored.sort(key=lambda item: item[0])
        return [term for _key, term in scored[:limit]]


def parse_vocabulary(kind: str, text: str) -> Vocabulary:
    """Validate and parse CSV text of vocabulary ``kind``; refuse it whole when malformed."""
    spec = KINDS.get(kind)
    if spec is None:
        raise VocabularyFileError(
            f"unknown vocabulary {kind!r}; expected one of {', '.join(KINDS)}", line=0, column=""
        )
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise VocabularyFileError(f"line 1: not valid CSV ({exc})", line=1, column="") from exc
    if header is None:
        raise VocabularyFileError(
            f"the file is empty; expected the header {','.join(spec.columns)}", line=0, column=""
        )
    header = [h.strip() for h in header]
    if tuple(header) != spec.columns:
        missing = [c for c in spec.columns if c not in header]
        extra = [c for c in header if c not in spec.columns]
        column = (missing or extra or [""])[0]
        raise VocabularyFileError(
            f"line 1: the header is {','.join(header)!r}, expected {','.join(spec.columns)!r}"
            + (f" (missing {', '.join(missing)})" if missing else "")
            + (f" (unexpected {', '.join(extra)})" if extra else ""),
            line=1,
            column=column,
        )
    terms: list[Term] = []
    seen: dict[str, int] = {}
    line = 1
    try:
        for row in reader:
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            terms.append(_term(spec, row, line, seen))
    except csv.Error as exc:
        raise VocabularyFileError(
            f"line {reader.line_num}: not valid CSV ({exc})", line=reader.line_num, column=""
        ) from exc
    if not terms:
        raise VocabularyFileError("the file has a header but no terms", line=line, column="")
    return Vocabulary(kind, terms)


def _term(spec: VocabularyKind, row: list[str], line: int, seen: dict[str, int]) -> Term:
    if len(row) != len(spec.columns):
        raise VocabularyFileError(
            f"line {line}: {len(row)} columns, expected "
            f"{len(spec.columns)} ({','.join(spec.columns)})",
            line=line,
            column="",
        )
    cells = dict(zip(spec.columns, (c.strip() for c in row), strict=True))
    code, display = cells["code"], cells["display"]
    system = spec.system

    def bad(column: str, why: str) -> VocabularyFileError:
        return VocabularyFileError(f"line {line}, column {column}: {why}", line=line, column=column)

    if not display:
        raise bad("display", "the display text is empty")
    if spec.name == "icd9cm" and not _ICD9.match(code):
        raise bad("code", f"{code!r} is not an ICD-9-CM diagnosis code (e.g. 250.00, V10.3)")
    if spec.name in ("atc", "vaccines") and not _ATC.match(code):
        raise bad("code", f"{code!r} is not an ATC code (e.g. A10BA02)")
    if spec.name == "vaccines" and not code.startswith("J07"):
        raise bad("code", f"{code!r} is not a vaccine ATC code (J07…)")
    aic = cells.get("aic", "")
    if aic and not _AIC.match(aic):
        raise bad("aic", f"{aic!r} is not an AIC code (9 digits)")
    if spec.name == "allergens":
        name = cells["system"]
        if name not in _ALLERGEN_SYSTEMS:
            raise bad("system", f"{name!r} is not ATC or FSE-DESK")
        system = _ALLERGEN_SYSTEMS[name]
        pattern = _ATC if name == "ATC" else _LOCAL
        if not pattern.match(code):
            raise bad("code", f"{code!r} is not a valid {name} code")
    if code in seen:
        raise bad("code", f"code {code!r} already appears on line {seen[code]}")
    seen[code] = line
    return Term(code, system, display, aic)


def read_vocabulary_file(kind: str, path: Path) -> Vocabulary:
    """Parse an administrator's CSV file (see the module docstring for its columns)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise VocabularyFileError(
            f"{path.name} is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}", line=0, column=""
        )
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise VocabularyFileError(
            f"line {line}: {path.name} is not UTF-8 ({exc.reason}); save it as CSV UTF-8",
            line=line,
            column="",
        ) from exc
    return parse_vocabulary(kind, text)


def install_vocabulary(kind: str, source: Path, target_dir: Path) -> Vocabulary:
    """Validate ``source`` and, only when it is valid, install it as ``target_dir/<kind>.csv``
    (atomic replace), which :func:`load_vocabulary` then prefers to the shipped list."""
    vocabulary = read_vocabulary_file(kind, source)
    target_dir.mkdir(parents=True, exist_ok=True)
    tmp = target_dir / f".{kind}.csv.tmp"
    tmp.write_bytes(source.read_bytes())
    os.replace(tmp, target_dir / f"{kind}.csv")
    return vocabulary


def load_vocabulary(kind: str, override_dir: Path | None = None) -> Vocabulary:
    """The administrator's list in ``override_dir`` when installed, else the shipped one."""
    if override_dir is not None and (override_dir / f"{kind}.csv").exists():
        return read_vocabulary_file(kind, override_dir / f"{kind}.csv")
    return parse_vocabulary(kind, (SHIPPED / f"{kind}.csv").read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def shared_vocabulary(kind: str, override_dir: Path | None = None) -> Vocabulary:
    """:func:`load_vocabulary`, read once per process and folder: the editor's type-ahead
    and "Aggiorna dal fascicolo" search the same lists (an import counts from the next
    start). Vocabularies are not changed after loading, so sharing them is safe."""
    return load_vocabulary(kind, override_dir)
