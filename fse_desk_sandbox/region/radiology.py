"""Radiology reports (68604-8), each naming the DICOM study it reports."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from fse_desk_sandbox.region.cda_entries import Performed
from fse_desk_sandbox.region.conditions import Profile
from fse_desk_sandbox.region.facilities import FACILITIES, SPECIALTIES, pick_clinician
from fse_desk_sandbox.region.model import Doc, Section, para

# key -> (description, modality, specialty site preference, normal findings, impression)
RADIOLOGY: dict[str, tuple[str, str, str, str]] = {
    "rx_torace": (
        "RX torace 2 proiezioni",
        "CR",
        "Non lesioni pleuro-parenchimali in atto. Seni costo-frenici liberi. Ombra"
        " cardiaca nei limiti per forma e dimensioni.",
        "Non alterazioni pleuro-parenchimali evidenti.",
    ),
    "eco_addome": (
        "Ecografia addome completo",
        "US",
        "Fegato di dimensioni nei limiti, a ecostruttura omogenea. Colecisti distesa,"
        " alitiasica. Vie biliari non dilatate. Pancreas e milza nella norma. Reni in"
        " sede, non dilatazione delle vie escretrici. Vescica a pareti regolari.",
        "Esame nei limiti della norma.",
    ),
    "mammografia": (
        "Mammografia bilaterale di screening",
        "MG",
        "Mammelle a prevalente componente fibroghiandolare (densità ACR B). Non"
        " opacità nodulari né microcalcificazioni sospette.",
        "BI-RADS 1: negativo. Prossimo controllo nel programma di screening.",
    ),
    "eco_tiroide": (
        "Ecografia tiroide",
        "US",
        "Tiroide in sede, di dimensioni nei limiti. Nodulo isoecogeno del lobo destro"
        " di 8 mm, margini regolari, senza microcalcificazioni.",
        "Nodulo tiroideo EU-TIRADS 3, da controllare a 12 mesi.",
    ),
    "rx_ginocchio": (
        "RX ginocchio destro 2 proiezioni",
        "CR",
        "Riduzione dell'interlinea articolare femoro-tibiale mediale, osteofiti"
        " marginali, sclerosi subcondrale.",
        "Gonartrosi di grado moderato (Kellgren-Lawrence 3).",
    ),
    "rx_lombare": (
        "RX rachide lombosacrale 2 proiezioni",
        "CR",
        "Riduzione dello spazio intersomatico L4-L5 e L5-S1, osteofitosi marginale.",
        "Spondiloartrosi lombare.",
    ),
    "tc_torace": (
        "TC torace senza mezzo di contrasto",
        "CT",
        "Enfisema centrolobulare prevalente ai lobi superiori. Ispessimento delle pareti"
        " bronchiali. Non noduli sospetti né addensamenti.",
        "Enfisema centrolobulare in BPCO nota.",
    ),
    "doppler_tsa": (
        "Ecocolordoppler tronchi sovraortici",
        "US",
        "Ispessimento medio-intimale diffuso. Placca fibrocalcifica alla biforcazione"
        " carotidea destra, stenosi < 50% (NASCET).",
        "Ateromasia carotidea non emodinamicamente significativa.",
    ),
    "moc": (
        "MOC DEXA colonna lombare e femore",
        "DX",
        "Colonna L1-L4: T-score -2,7. Collo femorale: T-score -2,1.",
        "Osteoporosi lombare, osteopenia femorale.",
    ),
    "tc_encefalo": (
        "TC encefalo senza mezzo di contrasto",
        "CT",
        "Non lesioni emorragiche intra o extra-assiali. Sistema ventricolare in asse,"
        " di ampiezza nei limiti.",
        "Non lesioni traumatiche endocraniche.",
    ),
}


def study_uid(rng: random.Random) -> str:
    """A DICOM UID under the 2.25 (UUID-derived) root."""
    return f"2.25.{rng.getrandbits(120)}"


def radiology_report(
    rng: random.Random, profile: Profile, when: datetime, exam: str, site: str | None = None
) -> Doc:
    title, modality, findings, impression = RADIOLOGY[exam]
    if exam == "rx_torace" and profile.has("scompenso"):
        findings = (
            "Aumento dell'ombra cardiaca. Ridistribuzione del circolo polmonare verso i"
            " campi superiori. Minimo versamento pleurico basale destro."
        )
        impression = "Quadro compatibile con scompenso cardiaco."
    elif exam == "rx_torace" and profile.has("bpco"):
        findings = (
            "Iperdiafania dei campi polmonari con appiattimento degli emidiaframmi."
            " Non addensamenti parenchimali."
        )
        impression = "Segni di iperinsufflazione come da BPCO."
    elif exam == "eco_addome" and rng.random() < 0.35:
        findings = findings.replace(
            "a ecostruttura omogenea", "a ecostruttura iperecogena per steatosi di grado lieve"
        )
        impression = "Steatosi epatica lieve."
    site = site or rng.choice(SPECIALTIES["radiologia"][1])
    author = pick_clinician(rng, "radiologia", site)
    technique = {
        "CR": "Radiografia digitale.",
        "US": "Esame ecografico con sonda convex/lineare.",
        "CT": "Acquisizione volumetrica multistrato.",
        "MG": "Mammografia digitale con tomosintesi.",
        "DX": "Densitometria a doppio raggio X.",
    }[modality]
    reason = (
        "Screening mammografico"
        if exam == "mammografia"
        else rng.choice(["Controllo clinico", "Approfondimento diagnostico", "Follow-up"])
    )
    sections = [
        Section("18785-6", "Quesito diagnostico", (para(reason),)),
        Section(
            "55111-9",
            "Esame eseguito",
            (para(f"{title}. {technique}"),),
            entries=(Performed(title),),
        ),
        Section("18782-3", "Referto", (para(findings),)),
        Section("55110-1", "Conclusioni", (para(impression),)),
    ]
    return Doc(
        "68604-8",
        title,
        author,
        FACILITIES[site],
        when,
        when + timedelta(hours=rng.randint(1, 72)),
        sections,
        study_uid=study_uid(rng),
        extra={"modality": modality},
    )
