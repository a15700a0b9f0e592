"""Prescriptions (57833-6 farmaceutica, 57832-8 specialistica) and vaccinations (87273-9)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from fse_desk_sandbox.region.cda_entries import (
    Exemption,
    Note,
    PrescribedDrug,
    PrescribedService,
    Vaccine,
)
from fse_desk_sandbox.region.conditions import CHRONIC_EXEMPTION, DRUGS, Profile
from fse_desk_sandbox.region.facilities import (
    FACILITIES,
    PRACTICE_ID,
    SPECIALTIES,
    demo_mmg,
    pick_clinician,
)
from fse_desk_sandbox.region.model import Doc, Paragraph, Section, para, table

# prestazione key -> (description, national nomenclatore code)
LAB_CODES: dict[str, tuple[tuple[str, str], ...]] = {
    "emocromo": (("Emocromo: Hb, GR, GB, HCT, PLT, indici derivati", "90.62.2"),),
    "glicemia": (("Glucosio", "90.27.1"),),
    "hba1c": (("Emoglobina glicata (HbA1c)", "90.28.1"),),
    "renale": (("Creatinina", "90.16.3"),),
    "uricemia": (("Urato", "90.43.5"),),
    "lipidi": (
        ("Colesterolo totale", "90.14.3"),
        ("Colesterolo HDL", "90.14.1"),
        ("Trigliceridi", "90.43.2"),
    ),
    "epatico": (
        ("Transaminasi ALT (GPT)", "90.04.5"),
        ("Transaminasi AST (GOT)", "90.09.2"),
        ("Gamma-glutamiltransferasi (GGT)", "90.25.5"),
    ),
    "elettroliti": (("Sodio", "90.40.4"), ("Potassio", "90.37.4")),
    "tiroide": (("Tireotropina (TSH)", "90.42.1"),),
    "psa": (("Antigene prostatico specifico (PSA)", "90.56.5"),),
    "ntprobnp": (("Peptide natriuretico NT-proBNP", "90.55.1"),),
    "ferritina": (("Ferritina", "90.22.5"),),
    "vitd": (("25-idrossi-vitamina D", "90.44.1"),),
    "microalb": (("Microalbuminuria", "90.33.4"),),
    "urine": (("Urine: esame chimico fisico e microscopico", "90.44.3"),),
}
RADIOLOGY_CODES = {
    "rx_torace": "87.44.1",
    "eco_addome": "88.76.1",
    "mammografia": "87.37.1",
    "eco_tiroide": "88.71.4",
    "rx_ginocchio": "88.27",
    "rx_lombare": "87.24",
    "tc_torace": "87.41",
    "doppler_tsa": "88.73.5",
    "moc": "88.99.2",
    "tc_encefalo": "87.03",
}
FIRST_VISIT, FOLLOW_UP_VISIT = "89.7", "89.01"
PRIORITY = {
    "U": "Urgente (entro 72 ore)",
    "B": "Breve (entro 10 giorni)",
    "D": "Differibile (entro 30 giorni per le visite, 60 per gli esami)",
    "P": "Programmata (entro 120 giorni)",
}


def nre(rng: random.Random) -> str:
    """Numero di ricetta elettronica: region 080, then a 10-digit progressive."""
    return f"080A0{rng.randrange(10**9, 10**10)}"


def _exemptions(profile: Profile, day: date) -> list[tuple[str, str]]:
    return [CHRONIC_EXEMPTION[c] for c in profile.chronic if profile.onset[c] <= day]


def _exemption_note(profile: Profile, day: date) -> str:
    codes = [code for code, _ in _exemptions(profile, day)]
    return ("Esenzione " + ", ".join(codes)) if codes else "Non esente"


def _exemption_section(profile: Profile, day: date, number: str) -> Section:
    """Esenzioni: the one exemption the prescription applies (the first the patient has),
    or "nessuna esenzione"."""
    held = _exemptions(profile, day)
    code, wording = held[0] if held else ("", "Nessuna esenzione")
    shown = f"{code} - {wording}" if code else wording
    return Section(
        "57827-8", "Esenzioni", (para(shown),), entries=(Exemption(code, wording),), nre=number
    )


# drug key -> the AIFA note that makes it reimbursable
AIFA_NOTES = {
    "atorvastatina": "13",
    "apixaban": "97",
    "pantoprazolo": "1",
    "alendronato": "79",
    "sitagliptin": "100",
    "empagliflozin": "100",
}


def drug_prescription(
    rng: random.Random, profile: Profile, when: datetime, keys: list[str], as_pdf: bool
) -> Doc:
    mmg = demo_mmg()
    rows = [
        [DRUGS[k].name, DRUGS[k].aic, DRUGS[k].atc, str(rng.choice((1, 2))), DRUGS[k].posology]
        for k in keys
    ]
    number = nre(rng)
    drugs = tuple(
        PrescribedDrug(
            DRUGS[k].name, DRUGS[k].aic, DRUGS[k].atc, int(row[3]), AIFA_NOTES.get(k, "")
        )
        for k, row in zip(keys, rows, strict=True)
    )
    sections = [
        _exemption_section(profile, when.date(), number),
        Section(
            "57828-6",
            "Prescrizione",
            (
                para(
                    f"Ricetta dematerializzata NRE {number}."
                    f" {_exemption_note(profile, when.date())}."
                ),
                table(["Farmaco", "AIC", "ATC", "Confezioni", "Posologia"], rows),
            ),
            entries=drugs,
            nre=number,
        ),
    ]
    applied = sorted({f"Nota AIFA {d.aifa_note}" for d in drugs if d.aifa_note})
    if applied:
        sections.append(
            Section(
                "48767-8",
                "Note",
                (Paragraph("; ".join(applied), ident="note-1"),),
                entries=(Note("note-1"),),
                nre=number,
            )
        )
    first = DRUGS[keys[0]].name.split(" ")[0]
    more = f" e altri {len(keys) - 1}" if len(keys) > 1 else ""
    return Doc(
        "57833-6",
        f"Ricetta farmaceutica: {first}{more}",
        mmg,
        FACILITIES[PRACTICE_ID],
        when,
        when,
        sections,
        pdf=as_pdf,
        heading="Promemoria per l'assistito - Ricetta elettronica farmaceutica",
        extra={"nre": number},
    )


def referral(
    rng: random.Random,
    profile: Profile,
    when: datetime,
    items: list[tuple[str, str]],
    quesito: str,
    priority: str,
    as_pdf: bool,
) -> Doc:
    """Prescrizione specialistica for ``items`` = [(description, nomenclatore code)]."""
    number = nre(rng)
    rows = [[code, desc, "1"] for desc, code in items]
    services = tuple(
        PrescribedService(desc, priority, follow_up=code == FOLLOW_UP_VISIT) for desc, code in items
    )
    sections = [
        _exemption_section(profile, when.date(), number),
        Section(
            "57828-6",
            "Prestazioni richieste",
            (
                para(
                    f"Ricetta dematerializzata NRE {number}."
                    f" {_exemption_note(profile, when.date())}."
                    f" Classe di priorità: {PRIORITY[priority]}."
                ),
                table(["Codice", "Prestazione", "Quantità"], rows),
                para(f"Quesito diagnostico: {quesito}"),
            ),
            entries=services,
            nre=number,
        ),
    ]
    first = items[0][0]
    title = first if len(items) == 1 else f"{first} e altre {len(items) - 1} prestazioni"
    return Doc(
        "57832-8",
        f"Impegnativa: {title}",
        demo_mmg(),
        FACILITIES[PRACTICE_ID],
        when,
        when,
        sections,
        pdf=as_pdf,
        heading="Promemoria per l'assistito - Ricetta elettronica specialistica",
        extra={"nre": number},
    )


def lab_items(panels: list[str]) -> list[tuple[str, str]]:
    items = [("Prelievo di sangue venoso", "91.49.2")]
    return items + [item for p in panels for item in LAB_CODES[p]]


def visit_items(specialty: str, follow_up: bool) -> list[tuple[str, str]]:
    label = SPECIALTIES[specialty][0].lower()
    if follow_up:
        return [(f"Visita {label} di controllo", FOLLOW_UP_VISIT)]
    return [(f"Prima visita {label}", FIRST_VISIT)]


# vaccine key -> (name, ATC, AIC of the pack the region's centres use; demo values of
# the AIC's nine-digit form)
VACCINES = {
    "influenza": ("Vaccino antinfluenzale quadrivalente inattivato", "J07BB02", "045345017"),
    "covid_pfizer": (
        "Comirnaty (vaccino COVID-19 a mRNA, Pfizer-BioNTech)",
        "J07BN01",
        "049269018",
    ),
    "covid_moderna": ("Spikevax (vaccino COVID-19 a mRNA, Moderna)", "J07BN01", "049283017"),
    "tetano": ("Vaccino difterite-tetano (dT) adulti", "J07AM51", "035243013"),
    "pneumococco": ("Vaccino pneumococcico coniugato 20-valente", "J07AL02", "050102014"),
    "zoster": ("Vaccino herpes zoster ricombinante adiuvato", "J07BK03", "046599014"),
}
VACCINATION_SECTION_TEMPLATE = "2.16.840.1.113883.2.9.10.1.11.3.1"
DOSE_ML = {"covid_pfizer": "0.3"}
"""The volume of one dose where it is not the usual 0.5 ml."""
DELTOID = {"Deltoide sinistro": "LD", "Deltoide destro": "RD"}
"""Where the dose goes, with its HL7 ActSite code."""


def vaccination(
    rng: random.Random, profile: Profile, when: datetime, key: str, dose: int, by_mmg: bool
) -> Doc:
    name, atc, aic = VACCINES[key]
    if by_mmg:
        author, custodian = demo_mmg(), FACILITIES[PRACTICE_ID]
    else:
        author = pick_clinician(rng, "igiene")
        custodian = FACILITIES[author.facility_id]
    lot = f"{rng.choice('ABCDEFHKLMNRTW')}{rng.choice('ABCDEFHKLMNRTW')}{rng.randint(1000, 9999)}"
    expiry = (when + timedelta(days=rng.randint(90, 400))).strftime("%m/%Y")
    site = rng.choice(list(DELTOID))
    sections = [
        Section(
            "11369-6",
            "Vaccinazione",
            (
                table(
                    ["Vaccino", "ATC", "Dose", "Lotto", "Scadenza", "Sede", "Via"],
                    [
                        [
                            name,
                            atc,
                            str(dose),
                            lot,
                            expiry,
                            site,
                            "Intramuscolare",
                        ]
                    ],
                ),
                para("Nessuna reazione avversa nei 15 minuti di osservazione."),
            ),
            # The single-vaccination guide: one entry, the administered dose.
            entries=(Vaccine(name, aic, atc, dose, DELTOID[site], DOSE_ML.get(key, "0.5")),),
            template=VACCINATION_SECTION_TEMPLATE,
        )
    ]
    label = {
        "influenza": f"Vaccinazione antinfluenzale {when.year}/{when.year + 1 - 2000:02d}",
        "tetano": "Vaccinazione antitetanica (richiamo)",
        "pneumococco": "Vaccinazione anti-pneumococcica",
        "zoster": f"Vaccinazione anti-herpes zoster, dose {dose}",
    }
    title = label.get(key, f"Vaccinazione anti COVID-19, dose {dose}")
    return Doc("87273-9", title, author, custodian, when, when, sections)
