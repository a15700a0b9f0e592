"""Compile FHIR search parameters into SQL over the store's tables.

The store keeps one row per current resource (``resources r``) and index rows
(``search_index``) extracted by :mod:`fse_desk_sandbox.extract`. Each search
parameter becomes one ``AND`` condition; comma-separated values inside it are
``OR``-ed, as FHIR says. Unknown parameters are ignored (HAPI's lenient default)
unless ``strict`` is set, then they are a :class:`BadRequest`.

Paging: when the first sort key is ``_lastUpdated`` (also the default order)
the next page is found by *keyset* — "after the last ``lastUpdated`` seen" —
which never skips a resource that is updated while a client walks the pages
(an update only moves it later). Other orders page by offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fse_desk_sandbox.dates import date_range, parse_instant
from fse_desk_sandbox.exceptions import BadRequest
from fse_desk_sandbox.extract import fold, split_reference
from fse_desk_sandbox.resource_types import ParamKind, ResourceTypeSpec, SearchParam

DEFAULT_COUNT = 50
MAX_COUNT = 1000
PAGE_PARAM = "_page"
"""Our own parameter carrying the paging position in ``next`` links."""

# Result parameters we honour or safely ignore (they do not filter).
_RESULT_PARAMS = {
    "_count",
    "_sort",
    PAGE_PARAM,
    "_format",
    "_pretty",
    "_summary",
    "_total",
    "_elements",
}
_UNSUPPORTED = {
    "_include",
    "_revinclude",
    "_contained",
    "_containedType",
    "_has",
    "_list",
    "_text",
    "_content",
    "_query",
    "_filter",
    "_tag",
    "_profile",
    "_security",
}
_DATE_PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")
_MAX_CHAR = "\U0010ffff"


@dataclass(frozen=True, slots=True)
class SortKey:
    name: str
    descending: bool
    sql: str


@dataclass(slots=True)
class CompiledSearch:
    """SQL conditions (``AND``-ed, on alias ``r``) and paging for one search."""

    conditions: list[str] = field(default_factory=list)
    args: list[object] = field(default_factory=list)
    sort: list[SortKey] = field(default_factory=list)
    count: int = DEFAULT_COUNT
    summary_count: bool = False
    keyset_after: str | None = None
    offset: int = 0
    force_offset: bool = False

    @property
    def keyset(self) -> bool:
        """True when paging by position in ``lastUpdated`` instead of by offset."""
        if self.force_offset:
            return False
        return not self.sort or self.sort[0].name == "_lastUpdated"

    @property
    def descending(self) -> bool:
        return bool(self.sort) and self.sort[0].descending

    def where(self) -> str:
        return "".join(f" AND {c}" for c in self.conditions)

    def order_by(self) -> str:
        keys = self.sort or [SortKey("_lastUpdated", False, "r.last_updated")]
        parts = [f"{k.sql} {'DESC' if k.descending else 'ASC'}" for k in keys]
        return ", ".join([*parts, "r.rid ASC"])


def compile_search(
    spec: ResourceTypeSpec, params: Sequence[tuple[str, str]], *, strict: bool = False
) -> CompiledSearch:
    """Turn ``(name, value)`` pairs into a :class:`CompiledSearch`; ``BadRequest`` if wrong."""
    search = CompiledSearch()
    for raw_name, value in params:
        name, _, modifier = raw_name.partition(":")
        if name in _RESULT_PARAMS:
            _result_param(spec, search, name, value)
        elif name == "_id":
            _id_condition(search, value, modifier)
        elif name == "_lastUpdated":
            _date_condition(search, "r.last_updated", "r.last_updated", value, raw_name)
        elif name in spec.params_by_name:
            _param_condition(spec, spec.params_by_name[name], search, value, modifier, raw_name)
        elif strict:
            kind = "unsupported" if name in _UNSUPPORTED else "unknown"
            raise BadRequest(f"{kind} search parameter {raw_name!r} for {spec.name}")
    return search


def _result_param(spec: ResourceTypeSpec, search: CompiledSearch, name: str, value: str) -> None:
    if name == "_count":
        try:
            count = int(value)
        except ValueError:
            raise BadRequest(f"_count must be a whole number, got {value!r}") from None
        if count < 0:
            raise BadRequest(f"_count must not be negative, got {value!r}")
        search.count = min(count, MAX_COUNT)
    elif name == "_sort":
        search.sort = [_sort_key(spec, item.strip()) for item in value.split(",") if item.strip()]
    elif name == "_summary":
        search.summary_count = value == "count"
    elif name == PAGE_PARAM:
        _page_position(search, value)


def _sort_key(spec: ResourceTypeSpec, item: str) -> SortKey:
    descending = item.startswith("-")
    name = item.lstrip("-")
    if name == "_lastUpdated":
        return SortKey(name, descending, "r.last_updated")
    if name == "_id":
        return SortKey(name, descending, "r.id")
    param = spec.params_by_name.get(name)
    if param is None:
        raise BadRequest(f"cannot sort {spec.name} by unknown parameter {name!r}")
    column = {ParamKind.DATE: "low", ParamKind.STRING: "val"}.get(param.kind, "val")
    if param.kind is ParamKind.DATE and descending:
        column = "high"
    aggregate = "MAX" if descending else "MIN"
    # The parameter name comes from the registry, never from the request text.
    sql = (
        f"(SELECT {aggregate}(s.{column}) FROM search_index s "
        f"WHERE s.rid = r.rid AND s.param = '{param.index_name}')"
    )
    return SortKey(name, descending, sql)


def _page_position(search: CompiledSearch, token: str) -> None:
    kind, rest = token[:1], token[1:]
    if kind == "k":
        try:
            parse_instant(rest)
        except ValueError:
            raise BadRequest(f"invalid paging position {token!r}") from None
        search.keyset_after = rest
    elif kind == "o" and rest.isdigit():
        search.offset = int(rest)
    else:
        raise BadRequest(f"invalid paging position {token!r}")


def _split_values(value: str) -> list[str]:
    """Comma-separated alternatives, honouring ``\\,`` as a literal comma."""
    items, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item for item in items if item != ""]


def _id_condition(search: CompiledSearch, value: str, modifier: str) -> None:
    if modifier:
        raise BadRequest(f"modifier :{modifier} is not supported on _id")
    ids = _split_values(value)
    if not ids:
        raise BadRequest("_id needs a value")
    search.conditions.append(f"r.id IN ({', '.join('?' * len(ids))})")
    search.args.extend(ids)


def _date_condition(search: CompiledSearch, low: str, high: str, value: str, name: str) -> None:
    """FHIR date comparison of a stored range ``[low, high]`` against each value's range."""
    alternatives: list[str] = []
    for item in _split_values(value):
        prefix = item[:2] if item[:2] in _DATE_PREFIXES else "eq"
        text = item[2:] if item[:2] in _DATE_PREFIXES else item
        try:
            p_low, p_high = date_range(text)
        except ValueError:
            raise BadRequest(f"{name}: {item!r} is not a valid FHIR date") from None
        inside = f"({low} >= ? AND {high} <= ?)"
        sql, args = {
            "eq": (inside, [p_low, p_high]),
            "ne": (f"NOT {inside}", [p_low, p_high]),
            "gt": (f"{high} > ?", [p_high]),
            "lt": (f"{low} < ?", [p_low]),
            "ge": (f"({high} > ? OR {inside})", [p_high, p_low, p_high]),
            "le": (f"({low} < ? OR {inside})", [p_low, p_low, p_high]),
            "sa": (f"{low} > ?", [p_high]),
            "eb": (f"{high} < ?", [p_low]),
            "ap": (f"({low} <= ? AND {high} >= ?)", [p_high, p_low]),
        }[prefix]
        alternatives.append(sql)
        search.args.extend(args)
    if not alternatives:
        raise BadRequest(f"{name} needs a value")
    search.conditions.append("(" + " OR ".join(alternatives) + ")")


def _param_condition(
    spec: ResourceTypeSpec,
    param: SearchParam,
    search: CompiledSearch,
    value: str,
    modifier: str,
    raw_name: str,
) -> None:
    head = "r.rid IN (SELECT s.rid FROM search_index s WHERE s.type = ? AND s.param = ?"
    head_args: list[object] = [spec.name, param.index_name]
    if modifier == "missing":
        if value not in ("true", "false"):
            raise BadRequest(f"{raw_name} must be true or false")
        negate = "NOT " if value == "true" else ""
        search.conditions.append(f"{negate}{head})")
        search.args.extend(head_args)
        return
    matcher = {
        ParamKind.TOKEN: _token_match,
        ParamKind.REFERENCE: _reference_match,
        ParamKind.STRING: _string_match,
        ParamKind.DATE: _date_match,
    }[param.kind]
    # token:not keeps the resources that have none of the given codes
    negate = "NOT " if modifier == "not" and param.kind is ParamKind.TOKEN else ""
    if negate:
        modifier = ""
    alternatives: list[str] = []
    args: list[object] = []
    listed = _reference_list(param, _split_values(value)) if not modifier else None
    if listed is not None:
        # patient=<id>,<id>,… as one IN list: SQLite then walks search_by_value once per id
        # instead of testing every indexed reference against every alternative.
        ref_type, ids = listed
        marks = ", ".join("?" for _ in ids)
        search.conditions.append(f"{head} AND s.sys = ? AND s.val IN ({marks}))")
        search.args.extend([*head_args, ref_type, *ids])
        return
    for item in _split_values(value):
        sql, item_args = matcher(param, item, modifier, raw_name)
        alternatives.append(sql)
        args.extend(item_args)
    if not alternatives:
        raise BadRequest(f"{raw_name} needs a value")
    search.conditions.append(f"{negate}{head} AND ({' OR '.join(alternatives)}))")
    search.args.extend([*head_args, *args])


Match = tuple[str, list[object]]


def _reference_list(param: SearchParam, items: list[str]) -> tuple[str, list[str]] | None:
    """``(type, ids)`` when several references name one resource type, else None."""
    if param.kind is not ParamKind.REFERENCE or len(items) < 2:
        return None
    types: set[str] = set()
    ids: list[str] = []
    for item in items:
        split = split_reference(item)
        if split is None:
            return None
        ref_type, ref_id = split
        resolved = ref_type or param.target
        if not resolved or (ref_type and param.target and ref_type != param.target):
            return None
        types.add(resolved)
        ids.append(ref_id)
    return (types.pop(), ids) if len(types) == 1 else None


def _token_match(param: SearchParam, item: str, modifier: str, name: str) -> Match:
    if modifier:
        raise BadRequest(f"modifier :{modifier} is not supported on token {name!r}")
    if "|" not in item:
        return "s.val = ?", [item]
    system, _, code = item.partition("|")
    if not system:
        return "(s.sys IS NULL AND s.val = ?)", [code]
    if not code:
        return "s.sys = ?", [system]
    return "(s.sys = ? AND s.val = ?)", [system, code]


def _reference_match(param: SearchParam, item: str, modifier: str, name: str) -> Match:
    wanted_type = param.target
    if modifier:
        if not modifier[:1].isupper():
            raise BadRequest(f"modifier :{modifier} is not supported on reference {name!r}")
        wanted_type = modifier
    split = split_reference(item)
    if split is None:
        raise BadRequest(f"{name}: {item!r} is not a reference")
    ref_type, ref_id = split
    if ref_type and wanted_type and ref_type != wanted_type:
        return "0", []
    ref_type = ref_type or wanted_type
    if ref_type:
        return "(s.sys = ? AND s.val = ?)", [ref_type, ref_id]
    return "s.val = ?", [ref_id]


def _string_match(param: SearchParam, item: str, modifier: str, name: str) -> Match:
    if modifier == "exact":
        return "s.sys = ?", [item]
    folded = fold(item)
    if modifier == "contains":
        escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "s.val LIKE ? ESCAPE '\\'", [f"%{escaped}%"]
    if modifier:
        raise BadRequest(f"modifier :{modifier} is not supported on string {name!r}")
    return "(s.val >= ? AND s.val < ?)", [folded, folded + _MAX_CHAR]


def _date_match(param: SearchParam, item: str, modifier: str, name: str) -> Match:
    if modifier:
        raise BadRequest(f"modifier :{modifier} is not supported on date {name!r}")
    probe = CompiledSearch()
    _date_condition(probe, "s.low", "s.high", item, name)
    return probe.conditions[0], probe.args
