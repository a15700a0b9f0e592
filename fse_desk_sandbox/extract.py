"""Index rows extracted from a resource, one rule per search parameter kind.

A row is ``(param, system, value, low, high)``:

- token: ``system`` and ``value`` of a code, Coding, CodeableConcept or Identifier;
- reference: ``system`` is the target type and ``value`` its id (so both
  ``Patient/x`` and bare ``x`` can be searched);
- date: ``low``/``high`` are the UTC range (see :mod:`fse_desk_sandbox.dates`);
- string: ``system`` keeps the original text (for ``:exact``) and ``value`` the
  folded form (lower case, no accents) matched by prefix.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from fse_desk_sandbox.dates import MAX_INSTANT, MIN_INSTANT, date_range
from fse_desk_sandbox.resource_types import ParamKind, ResourceTypeSpec, SearchParam

IndexRow = tuple[str, str | None, str | None, str | None, str | None]


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for string search ("Niccolò" → "niccolo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def split_reference(reference: str) -> tuple[str | None, str] | None:
    """``(type, id)`` of a literal reference; ``None`` for contained or empty ones.

    Accepts ``Patient/x``, absolute ``http://…/fhir/Patient/x`` and versioned
    ``Patient/x/_history/2``; a bare ``x`` gives ``(None, "x")``.
    """
    text = reference.strip()
    if not text or text.startswith("#"):
        return None
    parts = text.split("/")
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    if len(parts) == 1:
        return None, parts[0]
    return parts[-2], parts[-1]


def index_rows(spec: ResourceTypeSpec, resource: dict[str, Any]) -> list[IndexRow]:
    """Every index row of ``resource`` for the parameters of its type."""
    rows: list[IndexRow] = []
    for param in spec.indexed_params:
        for element in _elements(resource, param.paths):
            rows.extend(_rows_for(param, element))
    return rows


@lru_cache(maxsize=512)
def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def _elements(resource: dict[str, Any], paths: tuple[str, ...]) -> Iterator[Any]:
    for path in paths:
        current: list[Any] = [resource]
        for step in _steps(path):
            following: list[Any] = []
            for node in current:
                if not isinstance(node, dict):
                    continue
                value = node.get(step)
                if isinstance(value, list):
                    following.extend(value)
                elif value is not None:
                    following.append(value)
            current = following
        yield from current


def _rows_for(param: SearchParam, element: Any) -> Iterator[IndexRow]:
    name = param.name
    if param.kind is ParamKind.TOKEN:
        for system, code in _tokens(element):
            yield name, system, code, None, None
    elif param.kind is ParamKind.REFERENCE:
        if isinstance(element, dict) and isinstance(element.get("reference"), str):
            split = split_reference(element["reference"])
            if split is not None:
                yield name, split[0], split[1], None, None
    elif param.kind is ParamKind.DATE:
        span = _date_span(element)
        if span is not None:
            yield name, None, None, span[0], span[1]
    elif param.kind is ParamKind.STRING:
        for text in _strings(element):
            yield name, text, fold(text), None, None


def _tokens(element: Any) -> Iterator[tuple[str | None, str]]:
    if isinstance(element, bool):
        yield None, "true" if element else "false"
    elif isinstance(element, str):
        yield None, element
    elif isinstance(element, dict):
        if "coding" in element:
            for coding in element.get("coding") or ():
                if isinstance(coding, dict) and coding.get("code") is not None:
                    yield coding.get("system"), str(coding["code"])
        elif "code" in element:
            yield element.get("system"), str(element["code"])
        elif "value" in element:  # Identifier
            yield element.get("system"), str(element["value"])


def _date_span(element: Any) -> tuple[str, str] | None:
    try:
        if isinstance(element, str):
            return date_range(element)
        if isinstance(element, dict) and ("start" in element or "end" in element):
            low = date_range(element["start"])[0] if element.get("start") else MIN_INSTANT
            high = date_range(element["end"])[1] if element.get("end") else MAX_INSTANT
            return low, high
    except ValueError:
        return None  # an unparseable date is simply not searchable
    return None


def _strings(element: Any) -> Iterator[str]:
    if isinstance(element, str):
        yield element
    elif isinstance(element, dict):  # HumanName, Address: every textual part
        for key, value in element.items():
            if key == "use":
                continue
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
