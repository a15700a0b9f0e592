"""Write the configuration file back: what the settings dialog and the first-run wizard save.

The tables are those :func:`fse_desk.config.read_config_file` returns (section → key →
value). Before anything touches the disk the text is rendered and checked by the same
schema that checks it at start (:mod:`fse_desk.config_schema`), so a file FSE Desk writes
always opens again; a mistake raises :class:`~fse_desk.errors.ConfigError` with its
Italian sentence and ``key``, and the file on disk stays as it was.

The file is replaced whole (a temporary file beside it, flushed, then renamed), mode
0600: it names the operator. It never holds a secret: the schema has no key for one,
and passphrases go to the OS keyring (:mod:`fse_desk.security.certificates`). Comments
of a hand-written file are not kept; keys follow the schema's order.
"""

from __future__ import annotations

import contextlib
import math
import os
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fse_desk import config_schema

_ROME = ZoneInfo("Europe/Rome")


def save_config(raw: dict[str, Any], path: Path, *, now: datetime | None = None) -> str:
    """Check ``raw`` and write it to ``path`` atomically; return the text written.

    Empty sections are left out (an empty ``[pacs]`` means no PACS).
    """
    tables = {
        name: dict(value) if isinstance(value, dict) else value
        for name, value in raw.items()
        if not (isinstance(value, dict) and not value)
    }
    text = render_toml(tables, now=now)
    config_schema.validate(tables, text, path)
    _replace(path, text.encode("utf-8"))
    return text


def check_section(name: str, table: dict[str, Any], path: Path) -> None:
    """Check one section alone (a page of the first-run wizard) as it would be written."""
    text = render_toml({name: table})
    lines = config_schema.Lines(text, path)
    config_schema.check_section(name, table, lines)


def render_toml(raw: dict[str, Any], *, now: datetime | None = None) -> str:
    """The TOML text of ``raw``: top-level keys, then one table per section, known keys
    in the schema's order (unknown ones after them, for the schema to name)."""
    moment = (now or datetime.now(_ROME)).astimezone(_ROME)
    lines = [f"# FSE Desk configuration, saved by FSE Desk on {moment:%d/%m/%Y %H:%M}."]
    lines += [
        f"{key} = {_value(value)}" for key, value in raw.items() if not isinstance(value, dict)
    ]
    order = [*config_schema.SECTIONS, *(k for k in raw if k not in config_schema.SECTIONS)]
    for name in order:
        table = raw.get(name)
        if not isinstance(table, dict):
            continue
        known = config_schema.SECTIONS[name].keys if name in config_schema.SECTIONS else {}
        keys = [k for k in known if k in table] + [k for k in table if k not in known]
        lines += ["", f"[{name}]"]
        lines += [f"{_key(key)} = {_value(table[key])}" for key in keys]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else _string(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # TOML spells these inf and nan; the schema refuses them with its sentence.
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str | Path):
        return _string(str(value))
    raise TypeError(f"a configuration value must be text, a number or true/false, not {value!r}")


def _string(text: str) -> str:
    """A TOML basic string: backslash, quote and control characters escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _replace(path: Path, data: bytes) -> None:
    """Write ``path`` complete or not at all: a crash leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    if hasattr(os, "O_DIRECTORY"):  # the rename itself survives a power cut (POSIX)
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
