"""Specialist visit reports (11488-4) and televisits (75496-0)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from fse_desk_sandbox.region.cda_entries import Performed, VisitRecord
from fse_desk_sandbox.region.conditions import CHRONIC_LABEL, DRUGS, MINOR, Profile
from fse_desk_sandbox.region.facilities import FACILITIES, SPECIALTIES, pick_clinician
from fse_desk_sandbox.region.model import Doc, Section, bullets, para

# Section codes of the specialist report guide (RSA), which the televisit report shares.
QUESITO, ANAMNESI, OBIETTIVO = "29299-5", "11329-0", "29545-1"
ACCERTAMENTI, PRESTAZIONI, REFERTO = "30954-2", "62387-6", "47045-0"
SUGGERIMENTI, TERAPIA = "62385-0", "93341-6"


def _bp(rng: random.Random, profile: Profile) -> str:
    hyper = profile.has("ipertensione")
    return (
        f"{rng.randint(130, 155) if hyper else rng.randint(110, 138)}/"
        f"{rng.randint(78, 92) if hyper else rng.randint(65, 85)} mmHg"
    )


def _diabetologia(rng: random.Random, p: Profile) -> tuple[str, str, str, str]:
    a1c = round(rng.uniform(6.4, 8.6), 1)
    return (
        "Controllo periodico diabete mellito tipo 2",
        f"Esame obiettivo: peso {rng.randint(68, 104)} kg, PA {_bp(rng, p)}. Polsi pedidii"
        f" {rng.choice(['presenti e simmetrici', 'iposfigmici bilateralmente'])}. Monofilamento"
        f" {rng.choice(['percepito in tutti i punti', 'non percepito al primo dito a destra'])}.",
        f"HbA1c recente {a1c}%. Automonitoraggio glicemico: digiuno {rng.randint(105, 165)} mg/dL.",
        "Compenso glicometabolico "
        + ("discreto" if a1c < 7.2 else "non ottimale")
        + ". Si conferma la terapia in atto; "
        + rng.choice(
            [
                "rinforzate le indicazioni dietetiche e l'attività fisica regolare.",
                "si raccomanda fondo oculare annuale e controllo della microalbuminuria.",
                "programmato controllo tra 6 mesi con HbA1c e profilo lipidico.",
            ]
        ),
    )


def _cardiologia(rng: random.Random, p: Profile) -> tuple[str, str, str, str]:
    if p.has("scompenso"):
        ef = rng.randint(28, 42)
        return (
            "Follow-up scompenso cardiaco cronico",
            f"PA {_bp(rng, p)}, FC {rng.randint(58, 84)} bpm. Toni validi, soffio sistolico 2/6"
            f" al centro. {rng.choice(['Lievi edemi declivi', 'Non edemi declivi'])}."
            f" Peso {rng.randint(62, 98)} kg.",
            f"ECG: ritmo {rng.choice(['sinusale', 'da fibrillazione atriale'])}, BBS."
            f" Ecocardiogramma: ventricolo sinistro dilatato, FE {ef}% (Simpson), insufficienza"
            " mitralica moderata funzionale.",
            f"Scompenso cardiaco a frazione di eiezione ridotta, classe NYHA"
            f" {rng.choice(['II', 'II', 'III'])}, clinicamente stabile. Prosegue terapia"
            " ottimizzata; controllo del peso quotidiano e restrizione idrica a 1,5 l/die.",
        )
    if p.has("ipertensione"):
        return (
            "Controllo ipertensione arteriosa",
            f"PA {_bp(rng, p)} (media di due misurazioni), FC {rng.randint(60, 88)} bpm ritmica.",
            "ECG: ritmo sinusale, segni di ipertrofia ventricolare sinistra. Ecocardiogramma:"
            f" ipertrofia concentrica del VS, FE {rng.randint(55, 65)}%.",
            "Ipertensione arteriosa con danno d'organo (IVS). Valori pressori "
            + rng.choice(
                ["a target con la terapia in atto.", "non ancora a target: si titola la terapia."]
            ),
        )
    return (
        rng.choice(["Cardiopalmo", "Dolore toracico atipico", "Valutazione cardiologica"]),
        f"PA {_bp(rng, p)}, FC {rng.randint(60, 90)} bpm. Toni validi, pause libere.",
        f"ECG: ritmo sinusale, FC {rng.randint(60, 85)} bpm, PR e QTc nella norma."
        f" Ecocardiogramma: FE {rng.randint(58, 66)}%, non valvulopatie significative.",
        "Non evidenza di cardiopatia strutturale. Non necessari ulteriori accertamenti.",
    )


def _pneumologia(rng: random.Random, p: Profile) -> tuple[str, str, str, str]:
    if p.has("bpco"):
        fev1 = rng.randint(38, 72)
        gold = 2 if fev1 >= 50 else 3
        return (
            "Controllo BPCO",
            "Murmure vescicolare ridotto diffusamente, "
            f"{rng.choice(['rari ronchi', 'sibili espiratori'])}."
            f" SpO2 {rng.randint(91, 96)}% in aria ambiente.",
            f"Spirometria: FEV1 {fev1}% del predetto, FEV1/FVC {rng.randint(52, 66)}% post"
            " broncodilatatore. Test del cammino 6 minuti: " + f"{rng.randint(280, 460)} m.",
            f"BPCO GOLD {gold}, gruppo {rng.choice(['B', 'E'])}. Prosegue la terapia inalatoria;"
            " verificata la tecnica inalatoria. Raccomandata la vaccinazione antinfluenzale e"
            " antipneumococcica. "
            + (
                "Si ribadisce l'importanza della cessazione del fumo."
                if p.smoker == "attuale"
                else ""
            ),
        )
    return (
        rng.choice(["Tosse persistente", "Dispnea da sforzo"]),
        "Murmure vescicolare normotrasmesso, non rumori aggiunti.",
        f"Spirometria nei limiti: FEV1 {rng.randint(85, 110)}% del predetto.",
        "Quadro funzionale respiratorio nella norma. Possibile tosse post-infettiva.",
    )


# specialty -> coherent scenarios (quesito, esame obiettivo, conclusioni)
_GENERIC: dict[str, tuple[tuple[str, str, str], ...]] = {
    "dermatologia": (
        (
            "Controllo nevi",
            "Videodermatoscopia: nevi melanocitici multipli, regolari per"
            " simmetria, bordi e colore.",
            "Nevi benigni. Controllo annuale e fotoprotezione.",
        ),
        (
            "Lesione cutanea del dorso",
            "Lesioni papulose brunastre a superficie verrucosa al dorso.",
            "Cheratosi seborroiche multiple, benigne. Nessun trattamento necessario.",
        ),
    ),
    "oculistica": (
        (
            "Calo del visus",
            "Visus naturale OD 6/10 OS 7/10, corretto 9/10. Tono 16/17 mmHg."
            " Opacità corticonucleari del cristallino.",
            "Cataratta corticonucleare bilaterale. Indicato intervento in OD, in lista.",
        ),
        (
            "Controllo fondo oculare",
            "Visus corretto 10/10 OO. Fondo oculare: papille a"
            " margini netti, non emorragie né essudati.",
            "Fondo oculare nei limiti: non segni di retinopatia. Controllo tra 12 mesi.",
        ),
    ),
    "ortopedia": (
        (
            "Gonalgia destra",
            "Deambulazione autonoma. Versamento articolare lieve, crepitii"
            " femoro-rotulei, manovre meniscali negative.",
            "Gonartrosi. Indicati fisiokinesiterapia,"
            " calo ponderale, eventuale infiltrazione con acido ialuronico.",
        ),
        (
            "Lombalgia",
            "Contrattura dei paravertebrali lombari, Lasègue negativo bilateralmente,"
            " non deficit di forza.",
            "Lombalgia meccanica. Esercizi posturali; FANS al bisogno.",
        ),
        (
            "Dolore spalla destra",
            "Painful arc positivo, Jobe positivo a destra, ROM attivo ridotto in abduzione.",
            "Tendinopatia della cuffia dei rotatori. Si richiede ecografia della spalla.",
        ),
    ),
    "neurologia": (
        (
            "Cefalea ricorrente",
            "Esame neurologico nei limiti. Nervi cranici indenni, ROT simmetrici.",
            "Emicrania senza aura. Diario della cefalea; profilassi se più di 4 episodi al mese.",
        ),
        (
            "Parestesie arti superiori",
            "Tinel e Phalen positivi a destra. Forza e sensibilità conservate.",
            "Sospetta sindrome del tunnel carpale destra: si richiede EMG.",
        ),
    ),
    "urologia": (
        (
            "Disturbi minzionali",
            "Esplorazione rettale: prostata aumentata di volume,"
            " parenchimatosa, non noduli. IPSS 14.",
            "Ipertrofia prostatica benigna. Prosegue alfa-litico; PSA tra 12 mesi.",
        ),
    ),
    "ginecologia": (
        (
            "Controllo ginecologico",
            "Ecografia transvaginale: utero in anteversoflessione,"
            " endometrio regolare, ovaie nella norma.",
            "Obiettività ginecologica nei limiti. Aderire allo screening cervicale.",
        ),
        (
            "Menometrorragia",
            "Ecografia transvaginale: piccolo fibroma intramurale del fondo di 18 mm.",
            "Fibromatosi uterina. Controllo ecografico e emocromo tra 6 mesi.",
        ),
    ),
    "psichiatria": (
        (
            "Valutazione del tono dell'umore",
            "Vigile, orientato/a, eloquio fluido. Umore"
            " deflesso, non ideazione autolesiva. Sonno frammentato.",
            "Episodio depressivo di"
            " grado moderato in miglioramento. Prosegue la terapia e il percorso psicoterapico"
            " presso il CSM.",
        ),
    ),
    "endocrinologia": (
        (
            "Nodulo tiroideo",
            "Tiroide palpabile, non dolente. Ecografia: nodulo isoecogeno di"
            " 9 mm nel lobo destro, EU-TIRADS 3.",
            "Nodulo tiroideo a basso rischio: controllo ecografico tra 12 mesi.",
        ),
        (
            "Ipotiroidismo",
            "Cute secca, non gozzo palpabile. Peso stabile.",
            "Ipotiroidismo in buon compenso con levotiroxina: TSH a target.",
        ),
        (
            "Osteoporosi",
            "Cifosi dorsale accentuata, non dolore alla percussione delle spinose.",
            "Osteoporosi postmenopausale: prosegue bisfosfonato, calcio e"
            " vitamina D. MOC tra 18 mesi.",
        ),
    ),
    "gastroenterologia": (
        (
            "Dispepsia",
            "Addome trattabile, lievemente dolente in epigastrio. Murphy negativo.",
            "Dispepsia funzionale. Ricerca Helicobacter pylori su feci; PPI per 4 settimane.",
        ),
        (
            "Follow-up post polipectomia",
            "Addome trattabile, non dolente.",
            "Pregressa polipectomia di adenoma tubulare. Colonscopia di sorveglianza tra 3 anni.",
        ),
        (
            "Pirosi retrosternale",
            "Addome trattabile, non dolente.",
            "Malattia da reflusso"
            " gastroesofageo: PPI per 8 settimane poi al bisogno; norme igienico-dietetiche.",
        ),
    ),
    "otorino": (
        (
            "Ipoacusia",
            "Otoscopia: membrane timpaniche integre. Audiometria: ipoacusia"
            " neurosensoriale bilaterale sulle frequenze acute.",
            "Presbiacusia. Indicata protesizzazione acustica.",
        ),
        (
            "Vertigini",
            "Dix-Hallpike positiva a destra con nistagmo geotropo.",
            "Vertigine parossistica posizionale benigna: eseguita manovra liberatoria.",
        ),
    ),
    "infettivologia": (
        (
            "Follow-up infezione da HIV",
            "Buone condizioni generali. Non linfoadenopatie.",
            "Infezione da HIV in terapia antiretrovirale, viremia non rilevabile, CD4 stabili.",
        ),
    ),
}
ADJECTIVE = {
    "cardiologia": "cardiologica",
    "diabetologia": "diabetologica",
    "pneumologia": "pneumologica",
    "dermatologia": "dermatologica",
    "oculistica": "oculistica",
    "ortopedia": "ortopedica",
    "neurologia": "neurologica",
    "urologia": "urologica",
    "ginecologia": "ginecologica",
    "psichiatria": "psichiatrica",
    "endocrinologia": "endocrinologica",
    "gastroenterologia": "gastroenterologica",
    "otorino": "otorinolaringoiatrica",
    "infettivologia": "infettivologica",
}


def _generic(rng: random.Random, specialty: str) -> tuple[str, str, str, str]:
    quesito, exam, conclusion = rng.choice(_GENERIC[specialty])
    return quesito, exam, "", conclusion


def visit_report(
    rng: random.Random, profile: Profile, when: datetime, specialty: str, televisit: bool = False
) -> Doc:
    """A specialist visit report; ``televisit`` makes it a 75496-0 from the Casa della Salute."""
    if specialty == "diabetologia":
        quesito, exam, tests, conclusion = _diabetologia(rng, profile)
    elif specialty == "cardiologia":
        quesito, exam, tests, conclusion = _cardiologia(rng, profile)
    elif specialty == "pneumologia":
        quesito, exam, tests, conclusion = _pneumologia(rng, profile)
    else:
        quesito, exam, tests, conclusion = _generic(rng, specialty)
    site = rng.choice(SPECIALTIES[specialty][1])
    author = pick_clinician(rng, specialty, site)
    performed = f"Visita {ADJECTIVE[specialty]}"
    if televisit:
        how = (
            "Televisita in videochiamata con l'assistito al domicilio; presente il caregiver."
            " Collegamento stabile, consenso alla televisita acquisito."
        )
        prestazioni = Section(
            PRESTAZIONI,
            "Prestazioni",
            (para(f"Televisita {ADJECTIVE[specialty]}. {how}"),),
            entries=(
                Performed(f"Televisita {ADJECTIVE[specialty]}", with_specialty=True),
                VisitRecord(f"Televisita {ADJECTIVE[specialty]}. {how}"),
            ),
        )
    else:
        prestazioni = Section(
            PRESTAZIONI, "Prestazioni", (para(performed),), entries=(Performed(performed),)
        )
    history = [CHRONIC_LABEL[c] for c in profile.chronic] + [MINOR[m][0] for m in profile.minor]
    sections = [
        Section(QUESITO, "Quesito diagnostico", (para(quesito),)),
        Section(
            ANAMNESI,
            "Storia clinica",
            (bullets(history) if history else para("Anamnesi patologica remota muta."),),
        ),
        prestazioni,
        Section(OBIETTIVO, "Esame obiettivo", (para(exam),)),
    ]
    if tests:
        sections.append(Section(ACCERTAMENTI, "Accertamenti eseguiti", (para(tests),)))
    sections.append(Section(REFERTO, "Referto", (para(conclusion),)))
    drugs = [DRUGS[k] for k in profile.therapy]
    if drugs:
        sections.append(
            Section(
                TERAPIA,
                "Terapia farmacologica consigliata",
                (bullets([f"{d.name}: {d.posology}" for d in drugs]),),
            )
        )
    sections.append(
        Section(
            SUGGERIMENTI,
            "Suggerimenti per il medico curante",
            (
                para(
                    rng.choice(
                        [
                            "Controllo specialistico tra 12 mesi.",
                            "Controllo tra 6 mesi con esami.",
                            "Rivalutazione al bisogno.",
                        ]
                    )
                ),
            ),
        )
    )
    if televisit:
        return Doc(
            "75496-0",
            f"Televisita {ADJECTIVE[specialty]}",
            author,
            FACILITIES[site],
            when,
            when + timedelta(minutes=rng.randint(20, 90)),
            sections,
        )
    confidentiality = "R" if specialty in ("psichiatria", "infettivologia") else "N"
    if specialty == "infettivologia":
        confidentiality = "V"
    return Doc(
        "11488-4",
        f"Visita {ADJECTIVE[specialty]}",
        author,
        FACILITIES[site],
        when,
        when + timedelta(minutes=rng.randint(20, 180)),
        sections,
        confidentiality=confidentiality,
    )
