"""What the patient reads in the PSS PDF: the :class:`PssPrintout` of a :class:`Pss`.

The same facts as the CDA narrative (:mod:`fse_desk.pss.cda_writer`), laid out for
paper: a patient header, every section that has entries as a table with Italian
column labels, the required sections always (with their "nessuno" sentence).
"""

from __future__ import annotations

from fse_desk.domain.units import unit_display
from fse_desk.pss import codes
from fse_desk.pss._cda_xml import shown
from fse_desk.pss._entries import FIELD_LABELS, field_types
from fse_desk.pss._kept import as_written
from fse_desk.pss.cda_writer import write_cda
from fse_desk.pss.model import NONE_TEXT, AdministrativeSex, Coded, Pss
from fse_desk.pss.pdf import PdfSection, PssPrintout, render_pss_pdf

_SEX = {
    AdministrativeSex.MALE: "Maschio",
    AdministrativeSex.FEMALE: "Femmina",
    AdministrativeSex.UNDIFFERENTIATED: "Non specificato",
}


# Columns that hold only a code (the drug's AIC): they stay in the CDA, not on paper.
_CODE_ONLY = frozenset({"aic"})

# Column labels for the patient where the editor's label names the code system or says
# "Codice": the column holds the problem, the drug, the test, read by its name.
_PATIENT_LABELS: dict[str, dict[str, str]] = {
    "therapies": {"drug": "Farmaco"},
    "problems": {"code": "Problema"},
    "vital_signs": {"code": "Parametro"},
    "devices": {"code": "Tipo"},
    "procedures": {"code": "Trattamento"},
    "diagnostics": {"code": "Indagine"},
    "exemptions": {"code": "Esenzione"},
}


def _columns(item_type: type) -> list[str]:
    names = [name for name in field_types(item_type) if name not in _CODE_ONLY]
    if "strength" in names:  # read before the dose, as on the box and the prescription
        names.remove("strength")
        names.insert(names.index("dose"), "strength")
    return names


def _cells(item: object) -> tuple[str, ...]:
    return tuple(_words(name, getattr(item, name)) for name in _columns(type(item)))


def _words(name: str, value: object) -> str:
    """A value as the patient reads it: units in their printed form (mmHg, not UCUM's
    mm[Hg]), a coded value by its name alone (the ATC, LOINC or ICD-9-CM code stays in
    the CDA); the code only when the entry has no name at all, rather than lose the entry."""
    if name == "unit":
        return unit_display(value if isinstance(value, str) else None)
    if isinstance(value, Coded):
        return value.display or value.code
    return shown(value)


def _section(pss: Pss, spec: codes.SectionSpec) -> PdfSection | None:
    items = pss.entries(spec.key)
    kept = as_written(pss, spec.key)
    if any(kept) or pss.read_only(spec.key):
        # Entries another vendor wrote print as their narrative, one line each, as the
        # CDA's narrative has them.
        lines = [
            (k.summary,) if k is not None else _cells(item)
            for item, k in zip(items, kept, strict=True)
        ]
        lines += [(k.summary,) for k in pss.read_only(spec.key)]
        return PdfSection(spec.title, tuple(lines))
    if not items:
        none = pss.is_none(spec.key)
        if not spec.required and not none:
            return None
        return PdfSection(
            spec.title,
            (),
            empty_text=NONE_TEXT[spec.key] if none else "Nessuna informazione registrata.",
        )
    names = _columns(type(items[0]))
    rows = [_cells(item) for item in items]
    used = [i for i, name in enumerate(names) if any(row[i] for row in rows)]
    return PdfSection(
        spec.title,
        tuple(tuple(row[i] for i in used) for row in rows),
        header=tuple(_label(spec.key, names[i]) for i in used),
    )


def _label(section: str, name: str) -> str:
    return _PATIENT_LABELS.get(section, {}).get(name) or FIELD_LABELS.get(name, name)


def publication_pdf(pss: Pss, cda: bytes | None = None) -> bytes:
    """The PDF that is signed and published, as the patient will receive it from the FSE
    (``cda`` is ``write_cda(pss)``, passed when the caller already has it)."""
    return render_pss_pdf(pss_printout(pss), cda if cda is not None else write_cda(pss))


def patient_copy(pss: Pss) -> bytes:
    """An unsigned PDF of ``pss`` for the patient or for print, marked as a copy of the
    signed document the FSE holds, with the CDA embedded as ``cda.xml`` like the original."""
    return render_pss_pdf(pss_printout(pss, signed=False), write_cda(pss))


def pss_printout(pss: Pss, *, signed: bool = True) -> PssPrintout:
    """The printable PSS: patient header, sections, author, custodian, version, date."""
    patient = pss.patient
    name = f"{patient.given} {patient.family}".strip()
    sections = (_section(pss, spec) for spec in codes.SECTIONS)
    return PssPrintout(
        title=codes.PSS_TITLE,
        patient_lines=(
            ("Nome e cognome", name),
            ("Codice fiscale", patient.cf),
            ("Data di nascita", shown(patient.birth_date)),
            ("Sesso", _SEX[patient.sex]),
        ),
        sections=tuple(s for s in sections if s is not None),
        author=f"{pss.author.given} {pss.author.family}".strip(),
        organization=pss.custodian.name,
        version=pss.version,
        date=pss.effective_time,
        patient_name=name,
        address=pss.custodian.address,
        contacts=contact_line(pss.author.telecom),
        signed=signed,
    )


def contact_line(telecom: tuple[str, ...]) -> str:
    """The author's phone and e-mail (from the configuration, via the PSS header) for the
    patient to read: "Tel. +39 051 6543210 · E-mail rossi@example.it"."""
    labels = {"tel:": "Tel.", "mailto:": "E-mail"}
    parts = [
        f"{label} {value[len(scheme) :]}"
        for value in telecom
        for scheme, label in labels.items()
        if value.startswith(scheme)
    ]
    # The configuration keeps the number without spaces; set the country code apart.
    return " · ".join(_spaced_prefix(p, "Tel. +39") for p in parts)


def _spaced_prefix(text: str, prefix: str) -> str:
    return f"{prefix} {text[len(prefix) :]}" if text.startswith(prefix) else text
