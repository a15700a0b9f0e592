"""Checks, in our words, of the national PSS schematron's rules that our writer once broke.

The gateway validates every PSS with the Ministry's schematron (it-fse-catalogs, PSS v4.0);
the rules below are the ones that failed on what we wrote, kept here so that a regression
shows up in our own tests and in the sandbox gateway without the Ministry's files. The rule
id of the schematron is noted beside each check. Called by
:func:`fse_desk.pss.structure_checks.validate_cda_structure`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from xml.etree.ElementTree import Element

from fse_desk.pss import codes
from fse_desk.pss._entries import (
    ABSENCE,
    DEVICE_CATALOGUE,
    V3,
    entry_template,
)
from fse_desk.pss.check_issue import CheckIssue

_N = f"{{{V3}}}"
_SECTION = "/ClinicalDocument/component/structuredBody/component/section"


def _path(path: str) -> str:
    return "/".join(f"{_N}{step}" if step not in (".", "*") else step for step in path.split("/"))


def _find(el: Element | None, path: str) -> Element | None:
    return None if el is None else el.find(_path(path))


def _findall(el: Element | None, path: str) -> list[Element]:
    return [] if el is None else el.findall(_path(path))


def _templates(el: Element | None) -> set[str]:
    return {str(t.get("root")) for t in _findall(el, "templateId")}


def _entries(root: Element, key: str) -> Iterator[tuple[int, Element]]:
    loinc = codes.SECTION_BY_KEY[key].loinc
    for section in _findall(root, "component/structuredBody/component/section"):
        code = _find(section, "code")
        if code is not None and code.get("code") == loinc:
            yield from enumerate(_findall(section, "entry"), start=1)


def _statements(root: Element, key: str, path: str) -> Iterator[tuple[str, Element]]:
    """Every ``path`` under the entries of the section ``key``, with its location."""
    loinc = codes.SECTION_BY_KEY[key].loinc
    for n, entry in _entries(root, key):
        for found in _findall(entry, path):
            yield f"{_SECTION}[code={loinc}]/entry[{n}]/{path}", found


def _has_low_and_high(eff: Element | None) -> bool:
    return _find(eff, "low") is not None and _find(eff, "high") is not None


Check = Callable[[Element], Iterator[CheckIssue]]


def _allergies(root: Element) -> Iterator[CheckIssue]:
    observations = "act/entryRelationship/observation"
    absent = entry_template(ABSENCE["allergies"][0])
    for where, obs in _statements(root, "allergies", observations):
        if absent in _templates(obs):  # b98
            system = _find(obs, "value")
            if system is None or system.get("codeSystem") != ABSENCE["allergies"][2]:
                yield CheckIssue(
                    "national.allergy_absent",
                    "'no known allergies' must be coded in the value set of absent or "
                    f"unknown allergies ({ABSENCE['allergies'][2]})",
                    f"{where}/value",
                )
            continue
        for rel in _findall(obs, "entryRelationship"):
            inner = _find(rel, "observation")
            if inner is None:
                continue
            code = _find(inner, "code")
            coded_sev = code is not None and (code.get("code"), code.get("codeSystem")) == (
                "SEV",
                codes.ACT_CODE,
            )
            if rel.get("typeCode") == "SUBJ" and not coded_sev:  # b83
                yield CheckIssue(
                    "national.allergy_criticality",
                    f"the criticality of an allergy is an observation coded SEV ({codes.ACT_CODE})",
                    f"{where}/entryRelationship/observation/code",
                )
            if rel.get("typeCode") == "MFST" and _find(inner, "effectiveTime/low") is None:
                yield CheckIssue(  # b103
                    "national.reaction_time",
                    "an allergic reaction needs effectiveTime/low (nullFlavor UNK when unknown)",
                    f"{where}/entryRelationship/observation/effectiveTime",
                )


def _therapies(root: Element) -> Iterator[CheckIssue]:
    for where, st in _statements(root, "therapies", "substanceAdministration"):
        templates = _templates(st)
        if entry_template("2.1") in templates:
            route = _find(st, "routeCode")
            if route is None or not route.get("code") or not route.get("codeSystem"):
                yield CheckIssue(  # b112
                    "national.therapy_route",
                    "a therapy needs a coded routeCode (code and codeSystem)",
                    f"{where}/routeCode",
                )
        if entry_template(ABSENCE["therapies"][0]) in templates:
            code = _find(st, "code")
            if code is None or code.get("codeSystem") != ABSENCE["therapies"][2]:
                yield CheckIssue(  # b116
                    "national.therapy_absent",
                    "'no therapy' must be coded in the value set of absent or unknown "
                    f"medications ({ABSENCE['therapies'][2]})",
                    f"{where}/code",
                )


def _devices(root: Element) -> Iterator[CheckIssue]:
    loinc = codes.SECTION_BY_KEY["devices"].loinc
    for n, entry in _entries(root, "devices"):
        where = f"{_SECTION}[code={loinc}]/entry[{n}]"
        supply = _find(entry, "supply")
        if (
            supply is None
            or supply.get("moodCode") != "EVN"
            or entry_template("9.1") not in _templates(supply)
        ):
            yield CheckIssue(  # b210
                "national.device_shape",
                f"a device entry is a supply (moodCode EVN, templateId {entry_template('9.1')})",
                where,
            )
            continue
        code = _find(supply, "code")
        if code is None or not code.get("code") or code.get("codeSystem") != DEVICE_CATALOGUE:
            yield CheckIssue(  # b211
                "national.device_code",
                f"a device needs a code of the national device classification CND "
                f"({DEVICE_CATALOGUE})",
                f"{where}/supply/code",
            )


def _care_plans(root: Element) -> Iterator[CheckIssue]:
    for where, obs in _statements(root, "care_plans", "observation"):
        if obs.get("moodCode") != "RQO":  # b213
            yield CheckIssue(
                "national.care_plan_mood",
                "a care plan observation has moodCode RQO (a request)",
                where,
            )


def _periods(root: Element) -> Iterator[CheckIssue]:
    for where, st in _statements(root, "procedures", "procedure"):
        eff = _find(st, "effectiveTime")
        if eff is not None and not _has_low_and_high(eff):  # b244
            yield CheckIssue(
                "national.procedure_period",
                "a procedure's effectiveTime needs both low and high",
                f"{where}/effectiveTime",
            )
    for where, st in _statements(root, "encounters", "encounter"):
        eff = _find(st, "effectiveTime")
        if eff is None or not (eff.get("value") or _has_low_and_high(eff)):  # b258
            yield CheckIssue(
                "national.encounter_period",
                "an encounter's effectiveTime is a point (value) or an interval (low and high)",
                f"{where}/effectiveTime",
            )
    motor = entry_template("14.2")
    for where, obs in _statements(root, "functional_status", "organizer/component/observation"):
        eff = _find(obs, "effectiveTime")
        if motor in _templates(obs) and eff is not None and _find(eff, "low") is None:
            yield CheckIssue(  # b265
                "national.functional_time",
                "the motor capacity's effectiveTime needs a low",
                f"{where}/effectiveTime",
            )


def _diagnostics(root: Element) -> Iterator[CheckIssue]:
    for where, organizer in _statements(root, "diagnostics", "organizer"):
        code = _find(organizer, "code")
        if code is None or not (code.get("code") or code.get("nullFlavor") == "OTH"):
            yield CheckIssue(  # b279, b281
                "national.diagnostic_code",
                "a diagnostic battery (organizer) needs a code, nullFlavor OTH when it has none",
                f"{where}/code",
            )


CHECKS: tuple[Check, ...] = (_allergies, _therapies, _devices, _care_plans, _periods, _diagnostics)


def national_rule_problems(root: Element) -> list[CheckIssue]:
    """The problems the national rules above find in a parsed PSS ClinicalDocument."""
    return [problem for check in CHECKS for problem in check(root)]
