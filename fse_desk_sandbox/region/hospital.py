"""Emergency department reports (59258-4) and hospital discharge letters (34105-7)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from fse_desk_sandbox.region.cda_entries import Arrival, Coded, Discharge, Triage, VisitReason
from fse_desk_sandbox.region.clock import cda_ts
from fse_desk_sandbox.region.conditions import CHRONIC_LABEL, DRUGS, MINOR, Profile
from fse_desk_sandbox.region.facilities import FACILITIES, SPECIALTIES, pick_clinician
from fse_desk_sandbox.region.model import Doc, Section, bullets, para


@dataclass(frozen=True, slots=True)
class EdCase:
    complaint: str
    findings: str
    tests: str
    diagnosis: str
    icd9: str
    admit_to: str | None  # ward specialty when admitted
    triage: str


ED_CASES: dict[str, EdCase] = {
    "distorsione": EdCase(
        "Trauma distorsivo caviglia sinistra",
        "Tumefazione perimalleolare esterna, dolore alla digitopressione.",
        "RX caviglia: non lesioni ossee traumatiche.",
        "Distorsione di caviglia sinistra",
        "845.00",
        None,
        "4",
    ),
    "colica": EdCase(
        "Dolore lombare destro irradiato all'inguine",
        "Giordano positivo a destra. Addome trattabile.",
        "Esame urine: microematuria. Ecografia: lieve dilatazione pielica destra.",
        "Colica renale destra",
        "788.0",
        None,
        "3",
    ),
    "toracico": EdCase(
        "Dolore toracico",
        "PA 145/85 mmHg, FC 82 bpm, SpO2 98%. Toni validi.",
        "ECG: ritmo sinusale, non alterazioni della ripolarizzazione. Troponina"
        " hs seriata negativa (4 - 5 ng/L).",
        "Dolore toracico non cardiaco",
        "786.50",
        None,
        "2",
    ),
    "ferita": EdCase(
        "Ferita lacero-contusa mano destra (attrezzo da giardinaggio)",
        "Ferita di 3 cm al dorso della mano, non lesioni tendinee.",
        "Sutura con 4 punti staccati. Profilassi antitetanica eseguita.",
        "Ferita lacero-contusa della mano",
        "882.0",
        None,
        "4",
    ),
    "gastroenterite": EdCase(
        "Vomito e diarrea da 2 giorni",
        "Mucose asciutte, addome trattabile, peristalsi vivace.",
        "Esami ematici: lieve ipokaliemia (3,3 mmol/L). Reidratazione e.v.",
        "Gastroenterite acuta",
        "558.9",
        None,
        "4",
    ),
    "lombalgia": EdCase(
        "Lombalgia acuta dopo sforzo",
        "Lasègue negativo, non deficit neurologici.",
        "Terapia antalgica e.v. con beneficio.",
        "Lombalgia acuta",
        "724.2",
        None,
        "5",
    ),
    "crisi_ipertensiva": EdCase(
        "Cefalea e valori pressori elevati",
        "PA 195/105 mmHg, esame neurologico negativo.",
        "ECG nei limiti. Dopo terapia PA 150/90 mmHg.",
        "Urgenza ipertensiva",
        "401.9",
        None,
        "3",
    ),
    "caduta": EdCase(
        "Caduta accidentale a domicilio con trauma cranico minore",
        "GCS 15, non deficit focali. Ecchimosi frontale.",
        "TC encefalo: non lesioni traumatiche endocraniche.",
        "Trauma cranico minore",
        "850.0",
        None,
        "3",
    ),
    "scompenso": EdCase(
        "Dispnea ingravescente ed edemi declivi",
        "SpO2 89% in aria ambiente, crepitii bibasali, edemi improntabili.",
        "NT-proBNP 6.850 pg/mL. RX torace: congestione del piccolo circolo.",
        "Scompenso cardiaco acuto su cronico",
        "428.0",
        "medicina",
        "2",
    ),
    "bpco": EdCase(
        "Dispnea e tosse produttiva da 4 giorni",
        "SpO2 87% in aria ambiente, sibili diffusi, uso dei muscoli accessori.",
        "EGA: pH 7,36, pCO2 52 mmHg, pO2 54 mmHg. RX torace: non addensamenti.",
        "Riacutizzazione di BPCO",
        "491.21",
        "medicina",
        "2",
    ),
    "frattura_femore": EdCase(
        "Caduta a domicilio con impotenza funzionale arto inferiore",
        "Arto inferiore destro extraruotato e accorciato.",
        "RX bacino: frattura sottocapitata del femore destro.",
        "Frattura del collo del femore destro",
        "820.8",
        "ortopedia",
        "2",
    ),
    "polmonite": EdCase(
        "Febbre e tosse da 5 giorni",
        "Crepitii basali destri, SpO2 92%.",
        "RX torace: addensamento basale destro. PCR 98 mg/L.",
        "Polmonite comunitaria",
        "486",
        "medicina",
        "2",
    ),
}

# ward specialty -> (discharge procedures, extra days range)
_WARD_COURSE = {
    "medicina": "Impostata terapia e.v. con progressivo miglioramento clinico e dei parametri"
    " di laboratorio. Mobilizzato precocemente.",
    "ortopedia": "Intervento di endoprotesi cefalica dell'anca destra in seconda giornata."
    " Avviata la riabilitazione con carico concesso.",
    "chirurgia": "Intervento in elezione senza complicanze. Decorso post-operatorio regolare,"
    " canalizzato in prima giornata.",
}
_FOLLOW_UP = {
    "medicina": "Controllo dal medico curante entro 7 giorni con emocromo, creatinina ed"
    " elettroliti. Pesarsi ogni mattina e contattare il curante se aumento > 2 kg"
    " in 3 giorni.",
    "ortopedia": "Controllo ortopedico con RX a 40 giorni. Prosegue la riabilitazione"
    " domiciliare; rimozione dei punti a 14 giorni.",
    "chirurgia": "Rimozione dei punti di sutura a 10 giorni presso il curante. Controllo"
    " ambulatoriale chirurgico a 30 giorni. Evitare sforzi per 4 settimane.",
}
ELECTIVE = {
    "colecistectomia": ("Colecistectomia videolaparoscopica", "Colelitiasi sintomatica", "574.20"),
    "ernia": (
        "Ernioplastica inguinale destra secondo Lichtenstein",
        "Ernia inguinale destra",
        "550.90",
    ),
}


# The emergency report guide (VPS): each section's templateId.
VPS_TEMPLATES = {
    "11459-5": "2.16.840.1.113883.2.9.10.1.6.20",
    "46239-0": "2.16.840.1.113883.2.9.10.1.6.42",
    "54094-8": "2.16.840.1.113883.2.9.10.1.6.21",
    "78337-3": "2.16.840.1.113883.2.9.10.1.6.56",
    "11329-0": "2.16.840.1.113883.2.9.10.1.6.55",  # its Anamnesi
    "29545-1": "2.16.840.1.113883.2.9.10.1.6.58",  # its Esame obiettivo
    "30954-2": "2.16.840.1.113883.2.9.10.1.6.27",
    "28574-2": "2.16.840.1.113883.2.9.10.1.6.24",
    "18776-5": "2.16.840.1.113883.2.9.10.1.6.34",
}
# case -> EMUR problema principale
ED_PROBLEM = {
    "distorsione": "10",
    "colica": "22",
    "toracico": "05",
    "ferita": "10",
    "gastroenterite": "23",
    "lombalgia": "23",
    "crisi_ipertensiva": "15",
    "caduta": "26",
    "scompenso": "06",
    "bpco": "06",
    "frattura_femore": "26",
    "polmonite": "29",
}
ED_PROBLEM_LABEL = {
    "05": "Dolore toracico",
    "06": "Dispnea",
    "10": "Trauma",
    "15": "Ipertensione arteriosa",
    "22": "Sintomi o disturbi urologici",
    "23": "Altri sintomi o disturbi",
    "26": "Caduta da altezza inferiore o uguale alla statura del soggetto",
    "29": "Pneumologia/ Patologia Respiratoria",
}
TRIAGE_LABEL = {
    "1": "Rosso - emergenza",
    "2": "Arancione - urgenza",
    "3": "Azzurro - urgenza differibile",
    "4": "Verde - urgenza minore",
    "5": "Bianco - non urgenza",
}


def ed_report(rng: random.Random, profile: Profile, when: datetime, case_key: str) -> Doc:
    case = ED_CASES[case_key]
    site = rng.choice(SPECIALTIES["urgenza"][1])
    author = pick_clinician(rng, "urgenza", site)
    history = [CHRONIC_LABEL[c] for c in profile.chronic] + [MINOR[m][0] for m in profile.minor]
    # EMUR codes: the worst triage levels come by 118 ambulance, the rest on their own.
    by_ambulance = case.triage in ("1", "2")
    means = Coded("1", "Ambulanza 118") if by_ambulance else Coded("3", "Autonomo")
    sender = Coded("5", "intervento C.O. 118") if by_ambulance else Coded("6", "decisione propria")
    problem = Coded(ED_PROBLEM[case_key], ED_PROBLEM_LABEL[ED_PROBLEM[case_key]])
    outcome = (
        Coded("2", "ricovero in reparto di degenza")
        if case.admit_to
        else Coded("1", "dimissione a domicilio")
    )
    plan = (
        f"Prosegue le cure in {SPECIALTIES[case.admit_to][0]}."
        if case.admit_to
        else "Controllo dal medico curante; ritorno in pronto soccorso se peggioramento."
    )
    sections = [
        Section(
            "11459-5",
            "Modalità di trasporto",
            (para(f"{means.display}; inviato da: {sender.display}."),),
            entries=(Arrival(means, sender),),
            template=VPS_TEMPLATES["11459-5"],
        ),
        Section(
            "46239-0",
            "Motivo della visita",
            (para(f"{problem.display}. {case.complaint}"),),
            entries=(VisitReason(problem, case.complaint),),
            template=VPS_TEMPLATES["46239-0"],
        ),
        Section(
            "54094-8",
            "Triage",
            (
                para(
                    f"Codice {TRIAGE_LABEL[case.triage]} all'accesso"
                    f" delle ore {when.strftime('%H:%M')}."
                ),
            ),
            entries=(Triage(Coded(case.triage, TRIAGE_LABEL[case.triage])),),
            template=VPS_TEMPLATES["54094-8"],
        ),
        Section(
            "78337-3",
            "Inquadramento clinico iniziale",
            (),
            template=VPS_TEMPLATES["78337-3"],
            subsections=(
                Section(
                    "11329-0",
                    "Anamnesi",
                    (bullets(history) if history else para("Nulla di rilevante."),),
                    template=VPS_TEMPLATES["11329-0"],
                ),
                Section(
                    "29545-1",
                    "Esame obiettivo",
                    (para(case.findings),),
                    template=VPS_TEMPLATES["29545-1"],
                ),
            ),
        ),
        Section(
            "30954-2",
            "Accertamenti e trattamenti",
            (para(case.tests),),
            template=VPS_TEMPLATES["30954-2"],
        ),
    ]
    leave = when + timedelta(hours=rng.randint(2, 9))
    sections += [
        Section(
            "28574-2",
            "Dimissione",
            (
                para(f"Diagnosi: {case.diagnosis} (ICD-9-CM {case.icd9})."),
                para(f"Esito: {outcome.display}."),
            ),
            entries=(
                Discharge(
                    outcome,
                    Coded(case.icd9, case.diagnosis),
                    author.cf,
                    author.given,
                    author.family,
                    cda_ts(leave),
                ),
            ),
            template=VPS_TEMPLATES["28574-2"],
        ),
        Section(
            "18776-5",
            "Piano di cura alla dimissione",
            (para(plan),),
            template=VPS_TEMPLATES["18776-5"],
        ),
    ]
    return Doc(
        "59258-4",
        f"Pronto soccorso: {case.diagnosis.lower()}",
        author,
        FACILITIES[site],
        when,
        leave,
        sections,
    )


def discharge_letter(
    rng: random.Random,
    profile: Profile,
    admitted: datetime,
    ward: str,
    diagnosis: str,
    icd9: str,
    reason: str,
    from_ed: bool = True,
) -> Doc:
    days = rng.randint(2, 4) if ward == "chirurgia" else rng.randint(5, 14)
    discharged = (admitted + timedelta(days=days)).replace(hour=rng.randint(10, 13))
    site = rng.choice(SPECIALTIES[ward][1])
    author = pick_clinician(rng, ward, site)
    therapy = [f"{DRUGS[k].name}: {DRUGS[k].posology}" for k in profile.therapy]
    if ward == "ortopedia":
        therapy.append("Enoxaparina 4000 UI sottocute una volta al giorno per 35 giorni")
    comorbid = [f"{CHRONIC_LABEL[c]}" for c in profile.chronic if CHRONIC_LABEL[c] not in diagnosis]
    sections = [
        Section("46241-6", "Motivo del ricovero", (para(reason),)),
        Section(
            "47039-3",
            "Inquadramento clinico iniziale",
            (
                para(
                    (
                        "Paziente giunto dal Pronto Soccorso. "
                        if from_ed
                        else "Ricovero programmato. "
                    )
                    + ("Comorbidità: " + ", ".join(comorbid) + "." if comorbid else "")
                ),
            ),
        ),
        Section(
            "8648-8",
            "Decorso ospedaliero",
            (para(_WARD_COURSE.get(ward, _WARD_COURSE["medicina"])),),
        ),
        Section(
            "11535-2",
            "Diagnosi di dimissione",
            (bullets([f"{diagnosis} (ICD-9-CM {icd9})", *comorbid]),),
        ),
        Section(
            "10183-2",
            "Terapia farmacologica alla dimissione",
            (bullets(therapy) if therapy else para("Nessuna."),),
        ),
        Section("18776-5", "Istruzioni di follow-up", (para(_FOLLOW_UP[ward]),)),
    ]
    label = SPECIALTIES[ward][0]
    return Doc(
        "34105-7",
        f"Lettera di dimissione - {label}: {diagnosis.lower()}",
        author,
        FACILITIES[site],
        admitted,
        discharged,
        sections,
        extra={"discharged": discharged.isoformat()},
    )


def elective_surgery(rng: random.Random, profile: Profile, admitted: datetime, key: str) -> Doc:
    procedure, diagnosis, icd9 = ELECTIVE[key]
    return discharge_letter(
        rng,
        profile,
        admitted,
        "chirurgia",
        diagnosis,
        icd9,
        f"Ricovero programmato per {procedure.lower()}.",
        from_ed=False,
    )
