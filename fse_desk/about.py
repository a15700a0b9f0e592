"""What FSE Desk is: its version (written once, as ``version`` in ``pyproject.toml``) and the
third-party components it brings along, with their licences, for the *About* dialog.

Both are read from the installed distributions' metadata, so they are right in a wheel, in
the installer's bundle (which carries that metadata) and in a checkout alike; nothing here
is typed by hand a second time.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "fse-desk"
# The demo region ships in the installer's bundle, so its extra counts as bundled.
BUNDLED_EXTRAS = ("demo",)
_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")


@dataclass(frozen=True, slots=True)
class Component:
    """A third-party distribution FSE Desk runs with."""

    name: str
    version: str
    licence: str  # SPDX expression or the name the authors give; "" when they give none
    url: str  # the project's home page; "" when none is given


def app_version() -> str:
    """FSE Desk's version: the checkout's ``pyproject.toml`` when running from one (it wins
    over an install that may predate the last bump), else the installed metadata."""
    if _PYPROJECT.is_file():
        project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION and isinstance(project.get("version"), str):
            return str(project["version"])
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def app_licence() -> str:
    """FSE Desk's own licence, from the same place as its version."""
    try:
        return _licence(metadata.metadata(DISTRIBUTION)) or "EUPL-1.2"
    except metadata.PackageNotFoundError:
        return "EUPL-1.2"  # pyproject's [project] license: a checkout never installed


def bundled_components() -> list[Component]:
    """Every installed distribution FSE Desk (with its demo region) depends on, directly or
    not, sorted by name. Requirements of a platform that is not this one are not installed
    and so not listed; development tools are not requirements and never appear."""
    found: dict[str, Component] = {}
    pending: list[tuple[str, frozenset[str]]] = [(DISTRIBUTION, frozenset(BUNDLED_EXTRAS))]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        name, extras = pending.pop()
        key = (_canonical(name), extras)
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # optional or for another platform: not here, so not bundled
        if key[0] != _canonical(DISTRIBUTION):
            found[key[0]] = _component(dist)
        for requirement in dist.requires or []:
            wanted = _wanted(requirement, extras)
            if wanted is not None:
                pending.append(wanted)
    return sorted(found.values(), key=lambda c: c.name.casefold())


def _wanted(requirement: str, extras: frozenset[str]) -> tuple[str, frozenset[str]] | None:
    """The (name, extras) a requirement line asks for, or None when it belongs to an extra
    that was not asked for."""
    spec, _, marker = requirement.partition(";")
    extra = _EXTRA_MARKER.search(marker)
    if extra is not None and extra.group(1) not in extras:
        return None
    match = _NAME.match(spec)
    if match is None:
        return None
    asked = frozenset(e.strip() for e in (match.group(2) or "").split(",") if e.strip())
    return match.group(1), asked


def _component(dist: metadata.Distribution) -> Component:
    meta = dist.metadata
    url = _field(meta, "Home-page")
    if not url:
        for entry in meta.get_all("Project-URL") or []:
            label, _, link = entry.partition(",")
            if label.strip().casefold() in {"homepage", "home", "source", "repository"}:
                url = link.strip()
                break
    return Component(meta["Name"], dist.version, _licence(meta), url)


def _licence(meta: metadata.PackageMetadata) -> str:
    """The licence as the metadata states it: the SPDX expression, else a short ``License``
    field, else the licence classifiers (some put the whole licence text in ``License``)."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    text = _field(meta, "License")
    if text and "\n" not in text and len(text) <= 60 and text.upper() != "UNKNOWN":
        return text
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    if classifiers:
        return ", ".join(classifiers)
    return text.splitlines()[0].strip()[:60] if text else ""


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
