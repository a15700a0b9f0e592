"""PDF-only documents: exemptions (57827-8), screening invitations (108276-7),
booking reminders (101134-5) and the patient's own taccuino uploads (103140-0)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from fse_desk_sandbox.region.clock import it_date, working_time
from fse_desk_sandbox.region.conditions import Profile
from fse_desk_sandbox.region.facilities import AUSL_ID, FACILITIES, pick_clinician
from fse_desk_sandbox.region.model import Block, Doc, Section, bullets, para, table

INCOME_EXEMPTIONS = {
    "E01": "Cittadini di età superiore a 65 anni con reddito familiare non superiore a"
    " 36.151,98 euro",
    "E02": "Disoccupati e familiari a carico con reddito familiare inferiore a 8.263,31 euro",
    "E04": "Titolari di pensione al minimo di età superiore a 60 anni e familiari a carico",
}
SCREENING = {
    "mammografico": (
        "Programma di screening per la prevenzione dei tumori della mammella",
        "una mammografia",
        "Radiologia - Ospedale di Porretta Terme",
    ),
    "cervicale": (
        "Programma di screening per la prevenzione dei tumori del collo dell'utero",
        "un test di screening (Pap test o HPV test)",
        "Consultorio familiare - Casa della Salute di Vergato",
    ),
    "colorettale": (
        "Programma di screening per la prevenzione dei tumori del colon-retto",
        "il test per la ricerca del sangue occulto nelle feci (FIT)",
        "Farmacie aderenti del Distretto dell'Appennino Bolognese",
    ),
}


def exemption(
    rng: random.Random,
    profile: Profile,
    when: datetime,
    code: str,
    wording: str,
    certified_by: str | None,
) -> Doc:
    """Attestato di esenzione; ``certified_by`` is the specialty that certified the disease."""
    author = pick_clinician(rng, certified_by or "igiene")
    income = code in INCOME_EXEMPTIONS
    validity = (
        f"dal {it_date(when.date())} al 31/03/{when.year + 1}"
        if income
        else f"dal {it_date(when.date())}, senza scadenza"
    )
    sections = [
        Section(
            "57827-8",
            "Esenzione",
            (
                table(["Codice", "Descrizione", "Validità"], [[code, wording, validity]]),
                para(
                    "L'esenzione dà diritto alla gratuità delle prestazioni "
                    + (
                        "di specialistica ambulatoriale e farmaceutica nei limiti di legge."
                        if income
                        else "appropriate per il monitoraggio della malattia e delle sue"
                        " complicanze."
                    )
                ),
            ),
        )
    ]
    kind = "reddito" if income else "patologia"
    return Doc(
        "57827-8",
        f"Esenzione per {kind} {code}: {wording.split(' con ')[0].lower()}",
        author,
        FACILITIES[AUSL_ID],
        when,
        when,
        sections,
        pdf=True,
        heading="Azienda USL di Bologna - Ufficio esenzioni, Distretto dell'Appennino Bolognese",
    )


def screening_invitation(rng: random.Random, profile: Profile, sent: date, programme: str) -> Doc:
    name, test, place = SCREENING[programme]
    when = working_time(rng, sent, 9, 12)
    slot = working_time(rng, sent + timedelta(days=rng.randint(20, 45)), 8, 16)
    author = pick_clinician(rng, "igiene")
    sections = [
        Section(
            "108276-7",
            "Invito",
            (
                para(
                    f"Gentile {profile.person.given} {profile.person.family},"
                    f" l'Azienda USL di Bologna"
                    f" la invita a eseguire gratuitamente {test}, nell'ambito del {name.lower()}."
                ),
                table(
                    ["Appuntamento", "Ora", "Sede"],
                    [[it_date(slot.date()), slot.strftime("%H:%M"), place]],
                ),
                para(
                    "Per spostare l'appuntamento chiami il numero verde del"
                    " programma di screening o"
                    " usi il Fascicolo Sanitario Elettronico. Non serve l'impegnativa del medico."
                ),
            ),
        )
    ]
    return Doc(
        "108276-7",
        f"Invito {name.split(' per ')[0].lower()} {programme}",
        author,
        FACILITIES["org-dsp"],
        when,
        when,
        sections,
        pdf=True,
        heading=name,
        extra={"appointment": slot.isoformat()},
    )


def booking_reminder(
    rng: random.Random,
    profile: Profile,
    booked: datetime,
    appointment: datetime,
    service: str,
    code: str,
    facility_id: str,
    specialty: str,
    as_pdf: bool = True,
) -> Doc:
    exempt = any(onset <= booked.date() for onset in profile.onset.values())
    ticket = "0,00" if exempt else rng.choice(["23,00", "36,15", "46,15", "18,60"])
    sections = [
        Section(
            "101134-5",
            "Prenotazione",
            (
                table(
                    ["Prestazione", "Codice", "Data", "Ora", "Struttura"],
                    [
                        [
                            service,
                            code,
                            it_date(appointment.date()),
                            appointment.strftime("%H:%M"),
                            FACILITIES[facility_id].name,
                        ]
                    ],
                ),
                bullets(
                    [
                        f"Ticket da pagare: {ticket} euro prima della prestazione",
                        "Presentarsi 15 minuti prima con la tessera sanitaria e l'impegnativa",
                        "Disdetta almeno 3 giorni prima per non incorrere in sanzione",
                    ]
                ),
            ),
        )
    ]
    author = pick_clinician(rng, specialty, facility_id)
    return Doc(
        "101134-5",
        f"Promemoria prenotazione CUP: {service}",
        author,
        FACILITIES[facility_id],
        booked,
        booked,
        sections,
        pdf=as_pdf,
        heading="CUP metropolitano - Azienda USL di Bologna",
        extra={"appointment": appointment.isoformat()},
    )


def taccuino(rng: random.Random, profile: Profile, when: datetime) -> Doc:
    """A document the patient uploaded: home BP diary, private dental report, foreign record."""
    kind = rng.choice(["pressione", "odontoiatra", "esami privati"])
    if profile.person.foreign_born and rng.random() < 0.5:
        kind = "estero"
    body: tuple[Block, ...]
    if kind == "pressione":
        rows = [
            [
                it_date((when - timedelta(days=d)).date()),
                f"{rng.randint(118, 158)}/{rng.randint(70, 95)}",
                str(rng.randint(58, 88)),
            ]
            for d in range(6, -1, -1)
        ]
        body = (
            para("Misurazioni eseguite al mattino con sfigmomanometro automatico da braccio."),
            table(["Data", "PA (mmHg)", "FC (bpm)"], rows),
        )
        title = "Diario della pressione arteriosa domiciliare"
    elif kind == "odontoiatra":
        body = (
            para(
                "Visita odontoiatrica privata: igiene professionale, otturazione in"
                " composito su 3.6. Consigliato controllo tra 6 mesi."
            ),
        )
        title = "Referto visita odontoiatrica privata"
    elif kind == "esami privati":
        body = (
            para(
                "Esami eseguiti presso laboratorio privato: vitamina B12 412 pg/mL,"
                " folati 6,8 ng/mL, ferritina 48 ng/mL."
            ),
        )
        title = "Esami del sangue eseguiti privatamente"
    else:
        country = profile.person.birthplace.city
        body = (
            para(
                f"Copia del libretto vaccinale rilasciato a {country}, tradotta in"
                " italiano: vaccinazioni dell'infanzia complete (difterite, tetano, polio,"
                " morbillo, BCG)."
            ),
        )
        title = "Libretto vaccinale estero (traduzione)"
    sections = [Section("103140-0", title, body)]
    return Doc(
        "103140-0",
        title,
        None,
        FACILITIES["org-regione-er"],
        when,
        when,
        sections,
        pdf=True,
        heading="Fascicolo Sanitario Elettronico - Taccuino personale",
    )
