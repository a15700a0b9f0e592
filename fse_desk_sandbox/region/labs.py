"""Laboratory panels: LOINC analytes, UCUM units, reference ranges, plausible values.

Each patient has individual set points (z-scores drawn once), so the same patient's
results are consistent across years; chronic conditions shift them (diabetics have
high HbA1c that improves after diagnosis and then drifts up, heart failure raises
NT-proBNP and creatinine, statins lower LDL).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date

from fse_desk_sandbox.region.conditions import Profile
from fse_desk_sandbox.region.model import LabResult, Section, table, years_between


@dataclass(frozen=True, slots=True)
class Analyte:
    loinc: str
    name: str
    unit: str
    decimals: int
    range_m: tuple[float | None, float | None]
    range_f: tuple[float | None, float | None]
    mean_m: float
    mean_f: float
    sd: float


def _a(
    loinc: str,
    name: str,
    unit: str,
    dec: int,
    rm: tuple[float | None, float | None],
    rf: tuple[float | None, float | None] | None,
    mm: float,
    mf: float | None,
    sd: float,
) -> Analyte:
    return Analyte(loinc, name, unit, dec, rm, rf or rm, mm, mm if mf is None else mf, sd)


ANALYTES: dict[str, Analyte] = {
    a.loinc: a
    for a in (
        _a("6690-2", "Leucociti (WBC)", "10*3/uL", 2, (4.0, 10.0), None, 6.6, None, 1.4),
        _a("789-8", "Eritrociti (RBC)", "10*6/uL", 2, (4.5, 5.9), (3.9, 5.2), 5.0, 4.5, 0.3),
        _a("718-7", "Emoglobina", "g/dL", 1, (13.5, 17.5), (12.0, 15.5), 15.0, 13.4, 0.9),
        _a("4544-3", "Ematocrito", "%", 1, (40.0, 52.0), (35.0, 46.0), 45.0, 40.5, 2.5),
        _a(
            "787-2", "Volume corpuscolare medio (MCV)", "fL", 1, (80.0, 98.0), None, 89.0, None, 4.0
        ),
        _a("777-3", "Piastrine", "10*3/uL", 0, (150.0, 450.0), None, 245.0, 265.0, 50.0),
        _a("2345-7", "Glucosio", "mg/dL", 0, (70.0, 100.0), None, 88.0, 86.0, 8.0),
        _a("4548-4", "Emoglobina glicata (HbA1c)", "%", 1, (4.0, 6.0), None, 5.4, None, 0.3),
        _a("2160-0", "Creatinina", "mg/dL", 2, (0.67, 1.17), (0.51, 0.95), 0.92, 0.72, 0.12),
        _a(
            "62238-1",
            "Filtrato glomerulare stimato (eGFR CKD-EPI)",
            "mL/min/{1.73_m2}",
            0,
            (60.0, None),
            None,
            95.0,
            None,
            0.0,
        ),
        _a("3084-1", "Acido urico", "mg/dL", 1, (3.4, 7.0), (2.4, 5.7), 5.6, 4.4, 1.0),
        _a("2093-3", "Colesterolo totale", "mg/dL", 0, (None, 200.0), None, 200.0, 205.0, 32.0),
        _a("2085-9", "Colesterolo HDL", "mg/dL", 0, (40.0, None), (50.0, None), 49.0, 61.0, 11.0),
        _a(
            "13457-7",
            "Colesterolo LDL (calcolato)",
            "mg/dL",
            0,
            (None, 115.0),
            None,
            125.0,
            None,
            0.0,
        ),
        _a("2571-8", "Trigliceridi", "mg/dL", 0, (None, 150.0), None, 115.0, 100.0, 40.0),
        _a(
            "1742-6",
            "Alanina aminotransferasi (ALT)",
            "U/L",
            0,
            (None, 41.0),
            (None, 33.0),
            24.0,
            18.0,
            8.0,
        ),
        _a(
            "1920-8",
            "Aspartato aminotransferasi (AST)",
            "U/L",
            0,
            (None, 40.0),
            (None, 32.0),
            23.0,
            20.0,
            6.0,
        ),
        _a(
            "2324-2",
            "Gamma-glutamiltransferasi (GGT)",
            "U/L",
            0,
            (8.0, 61.0),
            (5.0, 36.0),
            30.0,
            20.0,
            12.0,
        ),
        _a("2951-2", "Sodio", "mmol/L", 0, (136.0, 145.0), None, 140.0, None, 2.0),
        _a("2823-3", "Potassio", "mmol/L", 1, (3.5, 5.1), None, 4.3, None, 0.3),
        _a("3016-3", "Tireotropina (TSH)", "m[IU]/L", 2, (0.27, 4.2), None, 1.7, 1.9, 0.7),
        _a(
            "2857-1",
            "Antigene prostatico specifico (PSA) totale",
            "ng/mL",
            2,
            (None, 4.0),
            None,
            1.0,
            None,
            0.5,
        ),
        _a("33762-6", "NT-proBNP", "pg/mL", 0, (None, 125.0), None, 60.0, 80.0, 30.0),
        _a("2276-4", "Ferritina", "ng/mL", 0, (30.0, 400.0), (13.0, 150.0), 150.0, 60.0, 50.0),
        _a("1989-3", "25-idrossi-vitamina D", "ng/mL", 1, (30.0, 100.0), None, 24.0, None, 8.0),
        _a("14957-5", "Microalbuminuria", "mg/L", 1, (None, 20.0), None, 8.0, None, 5.0),
        _a("5803-2", "pH urinario", "[pH]", 1, (5.0, 7.5), None, 6.0, None, 0.5),
        _a("5811-5", "Peso specifico urinario", "1", 3, (1.005, 1.030), None, 1.018, None, 0.005),
    )
}

# panel key -> (label for the description, analytes, section key)
PANELS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "emocromo": ("emocromo", ("6690-2", "789-8", "718-7", "4544-3", "787-2", "777-3"), "ema"),
    "glicemia": ("glicemia", ("2345-7",), "chim"),
    "hba1c": ("emoglobina glicata", ("4548-4",), "chim"),
    "renale": ("creatinina con eGFR", ("2160-0", "62238-1"), "chim"),
    "uricemia": ("uricemia", ("3084-1",), "chim"),
    "lipidi": ("profilo lipidico", ("2093-3", "2085-9", "13457-7", "2571-8"), "chim"),
    "epatico": ("transaminasi e GGT", ("1742-6", "1920-8", "2324-2"), "chim"),
    "elettroliti": ("sodio e potassio", ("2951-2", "2823-3"), "chim"),
    "tiroide": ("TSH", ("3016-3",), "chim"),
    "psa": ("PSA", ("2857-1",), "chim"),
    "ntprobnp": ("NT-proBNP", ("33762-6",), "chim"),
    "ferritina": ("ferritina", ("2276-4",), "chim"),
    "vitd": ("vitamina D", ("1989-3",), "chim"),
    "microalb": ("microalbuminuria", ("14957-5",), "urine"),
    "urine": ("esame urine", ("5803-2", "5811-5"), "urine"),
}
SECTIONS = {
    "ema": ("18723-7", "Ematologia"),
    "chim": ("18719-5", "Chimica clinica"),
    "urine": ("18729-4", "Esame delle urine"),
}


def choose_panels(rng: random.Random, profile: Profile, day: date) -> list[str]:
    """The panels an MMG (or the specialist's follow-up plan) would order today."""
    age = profile.age_on(day)
    panels = ["emocromo", "glicemia", "renale", "lipidi"]
    if rng.random() < 0.5:
        panels.append("epatico")
    if profile.has("diabete"):
        panels += ["hba1c", "microalb"]
    if profile.has("scompenso"):
        panels += ["elettroliti", "ntprobnp"]
    elif profile.has("ipertensione") or age >= 70 or rng.random() < 0.2:
        panels.append("elettroliti")
    if "ipotiroidismo" in profile.minor or (profile.person.sex == "F" and rng.random() < 0.3):
        panels.append("tiroide")
    if profile.person.sex == "M" and age >= 50 and rng.random() < 0.45:
        panels.append("psa")
    for key, p in (("uricemia", 0.2), ("urine", 0.25), ("ferritina", 0.1), ("vitd", 0.08)):
        if rng.random() < p:
            panels.append(key)
    return panels


def describe(panels: list[str]) -> str:
    text = ", ".join(PANELS[p][0] for p in panels)
    return text[0].upper() + text[1:]


def _ckd_epi(creatinine: float, age: int, female: bool) -> float:
    """eGFR by CKD-EPI 2009 (without the race coefficient)."""
    kappa, alpha = (0.7, -0.329) if female else (0.9, -0.411)
    ratio = creatinine / kappa
    egfr = 141 * min(ratio, 1) ** alpha * max(ratio, 1) ** -1.209 * 0.993**age
    return egfr * (1.018 if female else 1.0)


def _hba1c(profile: Profile, day: date, base: float) -> float:
    onset = profile.onset.get("diabete")
    if onset is None or day < onset:
        return base
    years = years_between(onset, day)
    peak = 8.6 + 0.4 * profile.set_points["4548-4"]
    settled = 6.9 + 0.35 * profile.set_points["4548-4"]
    # improves in the first year of therapy, then drifts up about 0.12 %/year
    return settled + (peak - settled) * math.exp(-3 * years) + 0.12 * max(years - 1, 0)


def _mean(profile: Profile, analyte: Analyte, day: date) -> float:
    female = profile.person.sex == "F"
    age = profile.age_on(day)
    z = profile.set_points.get(analyte.loinc, 0.0)
    mean = (analyte.mean_f if female else analyte.mean_m) + 0.7 * z * analyte.sd
    code = analyte.loinc
    if code == "2160-0":
        mean *= 1 + 0.006 * max(age - 40, 0) + (0.35 if profile.has("scompenso") else 0)
    elif code == "2345-7" and profile.has("diabete") and day >= profile.onset["diabete"]:
        mean = 95 + 16 * (_hba1c(profile, day, 5.4) - 5.4) + 8 * z
    elif code == "4548-4":
        mean = _hba1c(profile, day, mean)
    elif code == "2857-1" and age > 50:
        mean *= 1 + 0.06 * (age - 50)
    elif code == "33762-6":
        mean *= 1 + 0.04 * max(age - 50, 0)
        if profile.has("scompenso") and day >= profile.onset["scompenso"]:
            mean = math.exp(7.0 + 0.6 * z)
    elif code == "2093-3" and "atorvastatina" in profile.therapy:
        mean -= 45
    elif code == "2571-8" and profile.has("diabete"):
        mean += 45
    elif code == "718-7" and profile.has("scompenso"):
        mean -= 1.0
    elif code == "14957-5" and profile.has("diabete"):
        mean += 15 + 10 * z
    elif code == "1989-3" and age > 70:
        mean -= 6
    return mean


def _interpret(value: float, low: float | None, high: float | None) -> str:
    if low is not None and value < low:
        return "L"
    if high is not None and value > high:
        return "H"
    return "N"


def _result(a: Analyte, value: float, female: bool) -> LabResult:
    low, high = a.range_f if female else a.range_m
    value = round(value, a.decimals)
    return LabResult(
        a.loinc, a.name, value, a.unit, a.decimals, low, high, _interpret(value, low, high)
    )


def draw_results(
    rng: random.Random, profile: Profile, day: date, panels: list[str]
) -> list[LabResult]:
    female = profile.person.sex == "F"
    values: dict[str, float] = {}
    for panel in panels:
        for code in PANELS[panel][1]:
            a = ANALYTES[code]
            if code in ("62238-1", "13457-7"):
                continue
            noise = 0.5 * a.sd * rng.gauss(0.0, 1.0)
            if code == "33762-6" and profile.has("scompenso"):
                noise = _mean(profile, a, day) * 0.35 * rng.gauss(0.0, 1.0)
            values[code] = max(_mean(profile, a, day) + noise, a.sd * 0.1 or 0.1)
    if "2160-0" in values:
        values["62238-1"] = min(_ckd_epi(values["2160-0"], profile.age_on(day), female), 130.0)
    if "2093-3" in values:
        values["13457-7"] = max(values["2093-3"] - values["2085-9"] - values["2571-8"] / 5, 40.0)
    ordered = [code for p in panels for code in PANELS[p][1]]
    return [_result(ANALYTES[code], values[code], female) for code in ordered]


def result_sections(panels: list[str], results: list[LabResult]) -> list[Section]:
    """One CDA section per laboratory specialty, each with its table and entries."""
    by_code = {r.loinc: r for r in results}
    out: list[Section] = []
    for key, (code, title) in SECTIONS.items():
        rows = [by_code[c] for p in panels if PANELS[p][2] == key for c in PANELS[p][1]]
        if not rows:
            continue
        body = table(
            ["Esame", "Risultato", "Unità di misura", "Valori di riferimento", "Note"],
            [
                [
                    r.name,
                    r.shown_value_it,
                    r.unit,
                    r.shown_range,
                    {"H": "Alto", "L": "Basso"}.get(r.flag, ""),
                ]
                for r in rows
            ],
        )
        out.append(Section(code, title, (body,), tuple(rows)))
    return out
