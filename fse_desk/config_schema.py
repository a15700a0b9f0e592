"""The schema of the configuration file: every key it accepts, its type and range.

The messages here are Italian and user-facing although this is the headless core: the
CLI prints them before any Qt exists, so they cannot live in ``fse_desk_ui/messages.py``. They are
kept in this one module. Each is one sentence naming the file, the line and the key, so a
practice's IT person can fix the file without reading code.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codicefiscale import codicefiscale

from fse_desk.connectors._guarded import check_service_url
from fse_desk.domain.postal_address import parse_address
from fse_desk.domain.roles import Role
from fse_desk.errors import ConfigError

# A check returns None when the value is good, or the Italian predicate of the sentence.
Check = Callable[[Any], str | None]

_PROFILE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
ADDRESS_MAX = 120  # "Via …, CAP Comune (PR)" fits one line of the PDF's A4 header
LANGUAGES = ("it", "en")  # the UI languages FSE Desk ships (source strings are English)


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    return "deve essere un testo non vuoto tra virgolette"


def _postal_address(value: Any) -> str | None:
    """One line (it is printed as one) in the form of letterhead: the CDA needs the
    street and the city apart."""
    on_one_line = _text(value) is None and "\n" not in value and len(value.strip()) <= ADDRESS_MAX
    if on_one_line and parse_address(value) is not None:
        return None
    return (
        "deve essere un testo su una riga, tra virgolette, di al massimo "
        f'{ADDRESS_MAX} caratteri, nella forma "Via Roma 1, 40038 Vergato (BO)"'
    )


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "deve essere true oppure false"


def _number(low: float, high: float) -> Check:
    """A finite number in (low, high]: ``inf`` and ``nan`` are numbers TOML accepts."""

    def check(value: Any) -> str | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and math.isfinite(value) and low < value <= high:
            return None
        return f"deve essere un numero maggiore di {low:g} e al massimo {high:g}"

    return check


def _integer(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return None
        return f"deve essere un numero intero da {low} a {high}"

    return check


def _choice(*options: str) -> Check:
    def check(value: Any) -> str | None:
        if value in options:
            return None
        return "deve essere uno tra " + ", ".join(f'"{o}"' for o in options)

    return check


def _service_url(value: Any) -> str | None:
    if _text(value) is None:
        try:
            check_service_url(value)
        except ConfigError:
            return _BAD_SERVICE_URL
        return None
    return _BAD_SERVICE_URL


_BAD_SERVICE_URL = (
    "deve essere un indirizzo https:// valido senza nome utente né password "
    "(http solo verso questo computer)"
)


def _https_url(value: Any) -> str | None:
    if _service_url(value) is None and value.startswith("https://"):
        return None
    return "deve essere un indirizzo https:// valido"


def _readable_file(value: Any) -> str | None:
    if _text(value) is not None:
        return "deve essere il percorso di un file tra virgolette"
    file = Path(value).expanduser()
    if not file.exists():
        return f'indica il file "{file}", che non esiste'
    if not file.is_file():
        return f'indica "{file}", che non è un file'
    if not os.access(file, os.R_OK):
        return f'indica il file "{file}", che questo utente non può leggere'
    return None


def _codice_fiscale(value: Any) -> str | None:
    if isinstance(value, str) and codicefiscale.is_valid(value.strip().upper()):
        return None
    return "deve essere un codice fiscale valido di 16 caratteri, carattere di controllo compreso"


def _profile(value: Any) -> str | None:
    if isinstance(value, str) and _PROFILE.match(value):
        return None
    return "deve contenere solo lettere, cifre, - e _ (al massimo 64)"


def _ae_title(value: Any) -> str | None:
    # An AE title is 1-16 characters, no backslash (DICOM PS3.5).
    if isinstance(value, str) and 0 < len(value.strip()) <= 16 and "\\" not in value:
        return None
    return "deve essere un titolo AE da 1 a 16 caratteri"


@dataclass(frozen=True, slots=True)
class Section:
    keys: dict[str, Check]
    required: tuple[str, ...] = ()


_PORT = _integer(1, 65535)

SECTIONS: dict[str, Section] = {
    "region": Section(
        {
            "fhir_base_url": _service_url,
            "timeout_s": _number(0, 600),
            "ca_bundle": _readable_file,
            "client_cert": _readable_file,
            "client_key": _readable_file,
            "request_deadline_s": _number(0, 3600),
            "max_response_mb": _number(0, 4096),
            "use_environment_proxy": _flag,
            "gateway_base_url": _service_url,
            "gateway_validation_environment": _flag,
        },
        required=("fhir_base_url",),
    ),
    "pacs": Section(
        {
            "dicomweb_base_url": _service_url,
            "timeout_s": _number(0, 600),
            "protocol": _choice("dicomweb", "dimse"),
            "host": _text,
            "port": _PORT,
            "called_ae": _ae_title,
            "calling_ae": _ae_title,
            "retrieve": _choice("get", "move"),
            "storage_port": _PORT,
            "tls": _flag,
            "ca_bundle": _readable_file,
        }
    ),
    "televisit": Section(
        {"video_server_url": _https_url, "jwt_app_id": _text, "jwt_audience": _text},
        required=("video_server_url",),
    ),
    "user": Section(
        {
            "profile": _profile,
            "display_name": _text,
            "codice_fiscale": _codice_fiscale,
            "role": _choice(*(r.value for r in Role)),
            "practitioner_id": _text,
            "certificate": _readable_file,
            "given_name": _text,
            "family_name": _text,
            "phone": _text,
            "email": _text,
            "organization_id": _text,
            "organization_name": _text,
            "address": _postal_address,
            "lock_minutes": _integer(5, 15),  # the screen lock after inactivity, minutes
        },
        required=("profile", "display_name", "codice_fiscale", "role"),
    ),
    "demo": Section({"seed": _integer(0, 2**31 - 1), "patients": _integer(1, 100_000)}),
    # The workstation itself, whatever the region: the language of the window.
    "ui": Section({"language": _choice(*LANGUAGES)}),
}
TOP_LEVEL: dict[str, Check] = {"data_dir": _text}
# The operator's own data: the message, which may reach a log or a support call, does not
# repeat what was written.
_PERSONAL = frozenset(
    {"codice_fiscale", "display_name", "given_name", "family_name", "phone", "email"}
)
# Which keys a DICOM-networking PACS needs instead of a DICOMweb root.
_PACS_REQUIRED = {"dicomweb": ("dicomweb_base_url",), "dimse": ("host", "called_ae")}


def validate(raw: dict[str, Any], text: str, path: Path) -> None:
    """Raise :class:`ConfigError` with one Italian sentence at the first mistake."""
    lines = Lines(text, path)
    for key, value in raw.items():
        if key in SECTIONS:
            if not isinstance(value, dict):
                raise lines.error(None, key, "deve essere una sezione [" + key + "]")
            check_section(key, value, lines)
        elif key in TOP_LEVEL:
            if (problem := TOP_LEVEL[key](value)) is not None:
                raise lines.error(None, key, problem)
        else:
            raise lines.unknown(None, key, [*SECTIONS, *TOP_LEVEL])
    if "region" in raw and "user" not in raw:
        raise lines.error(
            None, "region", "richiede anche una sezione [user] con l'operatore che accede"
        )


def check_section(name: str, table: dict[str, Any], lines: Lines) -> None:
    schema = SECTIONS[name]
    for key, value in table.items():
        if key not in schema.keys:
            raise lines.unknown(name, key, list(schema.keys))
        if (problem := schema.keys[key](value)) is not None:
            if key not in _PERSONAL:
                problem += f" (trovato {_shown(value)})"
            raise lines.error(name, key, problem)
    required = schema.required
    if name == "pacs":
        required = _PACS_REQUIRED[table.get("protocol", "dicomweb")]
    for key in required:
        if key not in table:
            raise lines.error(name, key, "manca ed è obbligatoria in questa sezione")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


class Lines:
    """Finds where a key is written, so the message can point at the line."""

    def __init__(self, text: str, path: Path) -> None:
        self._lines = text.splitlines()
        self._path = path

    def line_of(self, section: str | None, key: str) -> int:
        header = re.compile(r"^\s*\[\s*" + re.escape(section) + r"\s*\]") if section else None
        assignment = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
        # A key may also be written as a table of its own: [demo] key -> [demo.key].
        dotted = f"{section}.{key}" if section else key
        own_header = re.compile(r"^\s*\[\s*" + re.escape(dotted) + r"\s*[\].]")
        inside, header_line = section is None, 0
        for number, line in enumerate(self._lines, start=1):
            if line.lstrip().startswith("["):
                if header is not None and header.match(line):
                    inside, header_line = True, number
                    continue
                if own_header.match(line):
                    return number
                inside = False
            elif inside and assignment.match(line):
                return number
        return header_line or 1

    def error(self, section: str | None, key: str, problem: str) -> ConfigError:
        where = f"{section}.{key}" if section else key
        line = self.line_of(section, key)
        return ConfigError(
            f'Nel file {self._path}, riga {line}, la chiave "{where}" {problem}.', key=where
        )

    def unknown(self, section: str | None, key: str, known: list[str]) -> ConfigError:
        close = difflib.get_close_matches(key, known, n=1)
        hint = f": forse intendevi {close[0]}?" if close else f" (valide: {', '.join(known)})."
        where = f"nella sezione [{section}]" if section else "fuori dalle sezioni"
        line = self.line_of(section, key)
        return ConfigError(
            f'Nel file {self._path}, riga {line}, la chiave "{key}" non esiste {where}{hint}',
            key=f"{section}.{key}" if section else key,
        )


def syntax_error(path: Path, exc: Exception) -> ConfigError:
    """The TOML parser's complaint (English, from tomllib) inside an Italian sentence."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    where = f"riga {found.group(1)}, colonna {found.group(2)}" if found else "alla fine del file"
    detail = re.sub(r"\s*\(at (line .*|end of document)\)$", "", str(exc))
    return ConfigError(f"Nel file {path}, {where}, la sintassi TOML non è valida ({detail}).")


def unreadable(path: Path, exc: OSError | UnicodeDecodeError) -> ConfigError:
    if isinstance(exc, UnicodeDecodeError):
        line = exc.object[: exc.start].count(b"\n") + 1
        return ConfigError(
            f"Nel file {path}, riga {line}, c'è un carattere che non è UTF-8: "
            "salvalo con la codifica UTF-8."
        )
    return ConfigError(f"Il file {path} esiste ma non si può leggere ({exc.strerror}).")
