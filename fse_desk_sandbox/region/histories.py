"""A patient's FSE history from the start of the FSE (2015) to ``today``.

Rates are per year and depend on age and on the chronic programme; each visit or
exam may bring the MMG's referral before it and a CUP booking reminder, as in real
life. The result is a list of renderer-neutral ``Doc`` records plus office vitals.
"""

from __future__ import annotations

import dataclasses
import math
import random
from datetime import date, datetime, timedelta

from fse_desk_sandbox.region import hospital, labs, letters, prescriptions, pss, radiology, reports
from fse_desk_sandbox.region.clock import any_time, random_day, working_time
from fse_desk_sandbox.region.conditions import (
    CHRONIC_EXEMPTION,
    CHRONIC_SPECIALTY,
    MINOR,
    Profile,
)
from fse_desk_sandbox.region.facilities import FACILITIES, pick_clinician
from fse_desk_sandbox.region.model import Doc, Paragraph, Vital, para

DRUG_CONDITION = {
    "metformina": "diabete",
    "gliclazide": "diabete",
    "sitagliptin": "diabete",
    "empagliflozin": "diabete",
    "insulina": "diabete",
    "furosemide": "scompenso",
    "bisoprololo": "scompenso",
    "spironolattone": "scompenso",
    "sacubitril/valsartan": "scompenso",
    "apixaban": "scompenso",
    "tiotropio": "bpco",
    "salbutamolo": "bpco",
    "beclometasone/formoterolo": "bpco",
}
ACUTE_DRUGS = ("amoxicillina/acido", "azitromicina", "prednisone", "ketoprofene", "paracetamolo")
YOUNG_ED = ("distorsione", "ferita", "gastroenterite", "lombalgia", "colica", "toracico")
OLD_ED = ("caduta", "toracico", "ferita", "polmonite", "gastroenterite", "colica")


def poisson(rng: random.Random, rate: float) -> int:
    """Knuth's method; rates here are small."""
    if rate <= 0:
        return 0
    limit, k, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _quesito(visit: Doc) -> str:
    """The diagnostic question a visit report opens with (its first paragraph)."""
    block = visit.sections[0].blocks[0]
    assert isinstance(block, Paragraph)
    return block.text


class History:
    """Collects the documents of one patient while the timeline is walked."""

    def __init__(self, rng: random.Random, profile: Profile, today: date) -> None:
        self.rng = rng
        self.profile = profile
        self.today = today
        self.docs: list[Doc] = []
        self.vitals: list[Vital] = []
        self.vaccines: list[tuple[date, str, str]] = []  # (day, name, ATC)

    # ---- helpers -----------------------------------------------------------------------
    def _days(self, rate: float, start: date, end: date) -> list[date]:
        years = max((end - start).days, 0) / 365.25
        count = poisson(self.rng, rate * years)
        return sorted(random_day(self.rng, start, end) for _ in range(count))

    def _in_range(self, day: date) -> bool:
        return self.profile.fse_start <= day < self.today

    def _add(self, doc: Doc) -> None:
        if self._in_range(doc.signed_time.date()) and doc.signed_time.date() <= self.today:
            self.docs.append(doc)

    def _referral_and_booking(
        self,
        when: datetime,
        items: list[tuple[str, str]],
        quesito: str,
        facility_id: str,
        specialty: str,
    ) -> None:
        rng = self.rng
        if rng.random() < 0.35:
            prescribed = working_time(rng, (when - timedelta(days=rng.randint(12, 70))).date())
            self._add(
                prescriptions.referral(
                    rng,
                    self.profile,
                    prescribed,
                    items,
                    quesito,
                    rng.choice("BDDPP"),
                    as_pdf=rng.random() < 0.03,
                )
            )
            if rng.random() < 0.3:
                booked = prescribed + timedelta(days=rng.randint(1, 5), hours=1)
                self._add(
                    letters.booking_reminder(
                        rng,
                        self.profile,
                        booked,
                        when,
                        items[0][0],
                        items[0][1],
                        facility_id,
                        specialty,
                        as_pdf=rng.random() < 0.5,
                    )
                )

    def _active_drugs(self, day: date) -> list[str]:
        onset = self.profile.onset
        return [
            k
            for k in self.profile.therapy
            if k not in DRUG_CONDITION or onset.get(DRUG_CONDITION[k], self.today) <= day
        ]

    # ---- event families -------------------------------------------------------------------
    def labs(self) -> None:
        p, rng = self.profile, self.rng
        age = p.age_on(self.today)
        rate = 0.2 if age < 40 else 0.35 if age < 65 else 0.5
        days = self._days(rate, p.fse_start, self.today)
        for cond in p.chronic:
            extra = 1.5 if cond == "diabete" else 0.8
            days += self._days(extra, max(p.onset[cond], p.fse_start), self.today)
        for day in sorted(set(days)):
            drawn = working_time(rng, day, 7, 10)
            panels = labs.choose_panels(rng, p, day)
            results = labs.draw_results(rng, p, day, panels)
            site = "org-lum" if rng.random() < 0.8 else "org-lab-aou"
            author = pick_clinician(rng, "laboratorio", site)
            sections = labs.result_sections(panels, results)
            # The lab guide allows only specialty sections: the note closes the last one.
            last = sections[-1]
            sections[-1] = dataclasses.replace(
                last,
                blocks=(
                    *last.blocks,
                    para(
                        "Note: prelievo eseguito presso il Punto prelievi della Casa della"
                        " Salute di Vergato."
                        " Valori di riferimento per sesso ed età."
                    ),
                ),
            )
            signed = working_time(rng, day + timedelta(days=rng.randint(0, 2)), 12, 19)
            self._add(
                Doc(
                    "11502-2",
                    labs.describe(panels),
                    author,
                    FACILITIES[site],
                    drawn,
                    signed,
                    sections,
                )
            )
            self._referral_and_booking(
                drawn, prescriptions.lab_items(panels), "Controllo periodico", site, "laboratorio"
            )

    def visits(self) -> None:
        p, rng = self.profile, self.rng
        age = p.age_on(self.today)
        plan: list[tuple[date, str]] = []
        for cond in p.chronic:
            since = max(p.onset[cond], p.fse_start)
            rate = 1.0 if cond == "diabete" else 0.8
            plan += [(d, CHRONIC_SPECIALTY[cond]) for d in self._days(rate, since, self.today)]
        for key in p.minor:
            plan += [(d, MINOR[key][2]) for d in self._days(0.15, p.fse_start, self.today)]
        general = [
            s
            for s in (
                "dermatologia",
                "oculistica",
                "ortopedia",
                "cardiologia",
                "otorino",
                "neurologia",
                "gastroenterologia",
            )
            if s not in ("cardiologia", "oculistica") or age >= 40
        ]
        if p.person.sex == "F":
            general.append("ginecologia")
        plan += [(d, rng.choice(general)) for d in self._days(0.1, p.fse_start, self.today)]
        if p.person.index % 211 == 7:  # a handful of patients followed for HIV
            plan += [(d, "infettivologia") for d in self._days(1.0, p.fse_start, self.today)]
        for day, specialty in sorted(plan):
            when = working_time(rng, day, 8, 18)
            chronic_follow = any(CHRONIC_SPECIALTY[c] == specialty for c in p.chronic)
            tele = chronic_follow and day >= date(2021, 1, 1) and rng.random() < 0.25
            doc = reports.visit_report(rng, p, when, specialty, televisit=tele)
            self._add(doc)
            if not tele:
                items = prescriptions.visit_items(specialty, follow_up=chronic_follow)
                self._referral_and_booking(
                    when,
                    items,
                    _quesito(doc) if specialty != "infettivologia" else "Controllo",
                    doc.custodian.id,
                    specialty,
                )

    def radiology(self) -> None:
        p = self.profile
        age = p.age_on(self.today)
        rates: dict[str, float] = {"eco_addome": 0.05 if age > 30 else 0.0, "rx_torace": 0.04}
        bump = {
            ("bpco", "rx_torace"): 0.4,
            ("bpco", "tc_torace"): 0.1,
            ("scompenso", "rx_torace"): 0.3,
            ("diabete", "doppler_tsa"): 0.15,
            ("ipertensione", "doppler_tsa"): 0.15,
            ("gonartrosi", "rx_ginocchio"): 0.2,
            ("lombalgia", "rx_lombare"): 0.2,
            ("osteoporosi", "moc"): 0.3,
            ("ipotiroidismo", "eco_tiroide"): 0.2,
        }
        for (cond, exam), rate in bump.items():
            if cond in p.chronic or cond in p.minor:
                rates[exam] = rates.get(exam, 0.0) + rate
        for exam, rate in rates.items():
            for day in self._days(rate, p.fse_start, self.today):
                when = working_time(self.rng, day, 8, 19)
                doc = radiology.radiology_report(self.rng, p, when, exam)
                self._add(doc)
                self._referral_and_booking(
                    when,
                    [(doc.description, prescriptions.RADIOLOGY_CODES[exam])],
                    "Approfondimento diagnostico",
                    doc.custodian.id,
                    "radiologia",
                )

    def screening(self) -> None:
        p, rng, person = self.profile, self.rng, self.profile.person
        rounds = {"mammografico": (45, 74, 2), "cervicale": (25, 64, 3), "colorettale": (50, 69, 2)}
        for programme, (low, high, every) in rounds.items():
            if programme != "colorettale" and person.sex != "F":
                continue
            offset = rng.randrange(every)
            for year in range(max(p.fse_start.year, 2019) + offset, self.today.year + 1, every):
                if not low <= year - person.birth_date.year <= high:
                    continue
                sent = random_day(rng, date(year, 1, 10), date(year, 11, 30))
                if not self._in_range(sent):
                    continue
                invite = letters.screening_invitation(rng, p, sent, programme)
                self._add(invite)
                slot = datetime.fromisoformat(invite.extra["appointment"])
                if programme == "mammografico" and rng.random() < 0.7 and slot.date() < self.today:
                    self._add(
                        radiology.radiology_report(
                            rng,
                            p,
                            slot,
                            "mammografia",
                            rng.choice(["org-osp-porretta", "org-osp-maggiore"]),
                        )
                    )

    def emergencies(self) -> None:
        p, rng = self.profile, self.rng
        age = p.age_on(self.today)
        plan = [
            (d, rng.choice(OLD_ED if age >= 65 else YOUNG_ED))
            for d in self._days(0.12 if age >= 65 else 0.06, p.fse_start, self.today)
        ]
        if age >= 75:
            plan += [(d, "frattura_femore") for d in self._days(0.012, p.fse_start, self.today)]
        if p.has("ipertensione"):
            plan += [(d, "crisi_ipertensiva") for d in self._days(0.08, p.fse_start, self.today)]
        for cond, rate in (("scompenso", 0.35), ("bpco", 0.3)):
            if p.has(cond):
                since = max(p.onset[cond], p.fse_start)
                plan += [(d, cond) for d in self._days(rate, since, self.today)]
        for day, case_key in sorted(plan):
            arrival = any_time(rng, day)
            self._add(hospital.ed_report(rng, p, arrival, case_key))
            case = hospital.ED_CASES[case_key]
            if case_key == "ferita":
                self._vaccinate(arrival + timedelta(hours=1), "tetano", 1, by_mmg=False)
            if case.admit_to:
                admitted = arrival + timedelta(hours=rng.randint(3, 10))
                self._add(
                    hospital.discharge_letter(
                        rng, p, admitted, case.admit_to, case.diagnosis, case.icd9, case.complaint
                    )
                )
        if age >= 40:
            for day in self._days(0.008, p.fse_start, self.today):
                key = rng.choice(sorted(hospital.ELECTIVE))
                self._add(hospital.elective_surgery(rng, p, working_time(rng, day, 7, 9), key))

    def drug_prescriptions(self) -> None:
        p, rng = self.profile, self.rng
        # dematerialised prescriptions reach the FSE from 2018 on
        start = max(p.fse_start, date(2018, 1, 1))
        rate = 2.5 if p.chronic else 0.5 if p.therapy else 0.0
        days = self._days(rate, start, self.today)
        acute = [(d, True) for d in self._days(0.12, start, self.today)]
        for day, is_acute in sorted([(d, False) for d in days] + acute):
            active = self._active_drugs(day)
            if is_acute or not active:
                keys = [rng.choice(ACUTE_DRUGS)]
            else:
                keys = rng.sample(active, k=min(len(active), rng.randint(1, 3)))
            self._add(
                prescriptions.drug_prescription(
                    rng, p, working_time(rng, day, 8, 19), keys, as_pdf=rng.random() < 0.03
                )
            )

    def _vaccinate(self, when: datetime, key: str, dose: int, by_mmg: bool) -> None:
        doc = prescriptions.vaccination(self.rng, self.profile, when, key, dose, by_mmg)
        if self._in_range(when.date()):
            self.docs.append(doc)
            name, atc, _aic = prescriptions.VACCINES[key]
            self.vaccines.append((when.date(), name, atc))

    def vaccinations(self) -> None:
        p, rng = self.profile, self.rng
        for year in range(p.fse_start.year, self.today.year + 1):
            age = year - p.person.birth_date.year
            if p.vaccinates_flu and (age >= 65 or p.chronic):
                day = random_day(rng, date(year, 10, 20), date(year, 12, 15))
                self._vaccinate(working_time(rng, day), "influenza", 1, rng.random() < 0.8)
        age_2021 = 2021 - p.person.birth_date.year
        if age_2021 >= 16 and rng.random() < 0.88:
            brand = rng.choice(["covid_pfizer", "covid_pfizer", "covid_moderna"])
            first = random_day(
                rng,
                date(2021, 2, 1) if age_2021 >= 70 else date(2021, 5, 1),
                date(2021, 4, 15) if age_2021 >= 70 else date(2021, 8, 31),
            )
            doses = [first, first + timedelta(days=rng.randint(21, 42))]
            if rng.random() < 0.8:
                doses.append(random_day(rng, date(2021, 11, 15), date(2022, 2, 15)))
            for year in (2022, 2023, 2024, 2025):
                if age_2021 + (year - 2021) >= 60 and rng.random() < (
                    0.55 if year == 2022 else 0.25
                ):
                    doses.append(random_day(rng, date(year, 10, 1), date(year, 12, 20)))
            for n, day in enumerate(doses, start=1):
                self._vaccinate(working_time(rng, day), brand, n, by_mmg=day.year >= 2023)
        if self.today.year - p.person.birth_date.year >= 66:
            if rng.random() < 0.4:
                day = random_day(rng, date(2019, 10, 1), self.today)
                self._vaccinate(working_time(rng, day), "pneumococco", 1, rng.random() < 0.6)
            if rng.random() < 0.2:
                day = random_day(rng, date(2022, 3, 1), self.today)
                self._vaccinate(working_time(rng, day), "zoster", 1, False)
                self._vaccinate(
                    working_time(rng, day + timedelta(days=rng.randint(60, 90))), "zoster", 2, False
                )

    def exemptions(self) -> None:
        p, rng = self.profile, self.rng
        for cond in p.chronic:
            code, wording = CHRONIC_EXEMPTION[cond]
            day = max(
                p.onset[cond] + timedelta(days=rng.randint(15, 60)),
                p.fse_start + timedelta(days=rng.randint(0, 90)),
            )
            self._add(
                letters.exemption(
                    rng, p, working_time(rng, day), code, wording, CHRONIC_SPECIALTY[cond]
                )
            )
        if "oncologico" in p.minor:
            day = random_day(rng, p.fse_start, self.today)
            self._add(
                letters.exemption(
                    rng,
                    p,
                    working_time(rng, day),
                    "048",
                    "Soggetti affetti da patologie neoplastiche maligne",
                    "gastroenterologia",
                )
            )
        age = p.age_on(self.today)
        income = (
            "E01"
            if age >= 66 and rng.random() < 0.45
            else "E02"
            if 25 <= age < 60 and rng.random() < 0.03
            else None
        )
        if income:
            day = random_day(rng, self.today - timedelta(days=300), self.today - timedelta(days=1))
            self._add(
                letters.exemption(
                    rng, p, working_time(rng, day), income, letters.INCOME_EXEMPTIONS[income], None
                )
            )

    def personal(self) -> None:
        p, rng = self.profile, self.rng
        if rng.random() < 0.05:
            start = max(p.fse_start, self.today - timedelta(days=4 * 365))
            for day in self._days(0.6, start, self.today)[:3] or [
                random_day(rng, start, self.today)
            ]:
                self._add(letters.taccuino(rng, p, any_time(rng, day)))
        age = p.age_on(self.today)
        if p.chronic or (age >= 65 and rng.random() < 0.7) or rng.random() < 0.15:
            # The current PSS is recent; chronic patients often have earlier versions too.
            days = [
                random_day(rng, self.today - timedelta(days=540), self.today - timedelta(days=1))
            ]
            earlier = (rng.random() < 0.6) + (rng.random() < 0.3) if p.chronic else 0
            for _ in range(earlier):
                days.insert(0, days[0] - timedelta(days=rng.randint(200, 500)))
            for day in days:
                if day < p.fse_start:
                    continue
                when = working_time(rng, day)
                measured = pss.vitals(rng, p, when)
                seen = [v for v in sorted(self.vaccines) if v[0] <= day]
                self._add(pss.pss(rng, p, when, measured, seen))
                self.vitals += measured


def build_history(
    rng: random.Random, profile: Profile, today: date
) -> tuple[list[Doc], list[Vital]]:
    """All documents (sorted by signature time) and office vitals of one patient."""
    history = History(rng, profile, today)
    history.labs()
    history.visits()
    history.radiology()
    history.screening()
    history.emergencies()
    history.drug_prescriptions()
    history.vaccinations()
    history.exemptions()
    history.personal()  # last: the PSS lists the vaccinations recorded above
    history.docs.sort(key=lambda d: d.signed_time)
    return history.docs, history.vitals
