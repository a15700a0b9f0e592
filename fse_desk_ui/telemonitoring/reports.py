"""The telemonitoring reports composed from what the tab shows: its texts and its charts."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtWidgets import QWidget

from fse_desk.domain.patient import Patient
from fse_desk.domain.telemonitoring import Parameter
from fse_desk.telemonitoring.report import Picture, ReportContent, Section, figures, render
from fse_desk.telemonitoring.rules import Alarm
from fse_desk.telemonitoring.service import PatientTelemonitoring
from fse_desk_ui.formatting import format_date, format_datetime, format_decimal
from fse_desk_ui.telemonitoring.texts import (
    alarm_value_text,
    cgm_text,
    rule_text,
    summary_lines,
)
from fse_desk_ui.vitals.labels import parameter_decimals, parameter_label, parameter_unit

PERIOD_DAYS = 30
AGP_DAYS = 14


class ReportKind(enum.Enum):
    PERIOD = "period"
    AGP = "agp"
    RILEVAZIONE = "rilevazione"


def picture(widget: QWidget) -> Picture:
    """The widget as it is on screen, as PNG."""
    pixmap = widget.grab()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    return Picture(bytes(data.data()), pixmap.height() / max(1, pixmap.width()))


def _figures_table(
    view: PatientTelemonitoring, start: float, end: float
) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = [
        (
            QCoreApplication.translate("reports", "Parameter"),
            QCoreApplication.translate("reports", "Readings"),
            QCoreApplication.translate("reports", "Min"),
            QCoreApplication.translate("reports", "Mean"),
            QCoreApplication.translate("reports", "Max"),
        )
    ]
    for parameter, track in view.tracks.items():
        columns = (0, 1) if parameter is Parameter.BLOOD_PRESSURE else (0,)
        found = [figures(track, start, end, c) for c in columns]
        if any(f is None for f in found):
            continue
        digits = parameter_decimals(parameter)

        def joined(attr: str, found: list = found, digits: int = digits) -> str:
            return "/".join(format_decimal(getattr(f, attr), digits) for f in found)

        unit = parameter_unit(parameter)
        rows.append(
            (
                parameter_label(parameter),
                str(found[0].readings),  # type: ignore[union-attr]
                f"{joined('low')} {unit}",
                f"{joined('mean')} {unit}",
                f"{joined('high')} {unit}",
            )
        )
    return tuple(rows)


def _alarms_table(alarms: list[Alarm], start: float, end: float) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = [
        (
            QCoreApplication.translate("reports", "Time"),
            QCoreApplication.translate("reports", "Parameter"),
            QCoreApplication.translate("reports", "Rule"),
            QCoreApplication.translate("reports", "Value"),
        )
    ]
    for alarm in alarms:
        if start <= alarm.reading.at.timestamp() <= end:
            rows.append(
                (
                    format_datetime(alarm.reading.at),
                    parameter_label(alarm.parameter),
                    rule_text(alarm.rule),
                    alarm_value_text(alarm),
                )
            )
    return tuple(rows)


def build_report(
    kind: ReportKind,
    view: PatientTelemonitoring,
    patient: Patient,
    author: str,
    charts: QWidget,
    agp: QWidget,
) -> bytes:
    """The PDF of ``kind`` for the patient in ``view``, with the tab's own pictures."""
    now = datetime.now(UTC)
    last = max(
        (float(t.times[-1]) for t in view.tracks.values() if len(t)), default=now.timestamp()
    )
    days = AGP_DAYS if kind is ReportKind.AGP else PERIOD_DAYS
    start = last - days * 86400
    period = QCoreApplication.translate("reports", "Period {start} – {end}").format(
        start=format_date(datetime.fromtimestamp(start, UTC).date()),
        end=format_date(datetime.fromtimestamp(last, UTC).date()),
    )
    header = (
        f"{patient.family_name} {patient.given_name} · CF {patient.codice_fiscale}",
        period,
    )
    footer = QCoreApplication.translate(
        "reports", "Produced by {author} on {when} with FSE Desk."
    ).format(author=author, when=format_datetime(now))
    if kind is ReportKind.AGP:
        sections: tuple[Section, ...] = (
            Section(
                QCoreApplication.translate("reports", "Ambulatory Glucose Profile"),
                (),
                picture(agp),
            ),
            Section(
                QCoreApplication.translate("reports", "Glucose metrics"),
                tuple(cgm_text(view.cgm).split("\n")) if view.cgm else (),
            ),
        )
        title = QCoreApplication.translate(
            "reports", "Ambulatory Glucose Profile (AGP), last 14 days"
        )
    elif kind is ReportKind.PERIOD:
        sections = (
            Section(QCoreApplication.translate("reports", "Summary"), tuple(summary_lines(view))),
            Section(QCoreApplication.translate("reports", "Charts"), (), picture(charts)),
            Section(
                QCoreApplication.translate("reports", "Figures of the period"),
                (),
                table=_figures_table(view, start, last + 1),
            ),
            Section(
                QCoreApplication.translate("reports", "Alarms"),
                (),
                table=_alarms_table(view.alarms, start, last + 1),
            ),
        )
        if view.cgm is not None:
            sections += (
                Section(
                    QCoreApplication.translate("reports", "Ambulatory Glucose Profile"),
                    (),
                    picture(agp),
                ),
            )
        title = QCoreApplication.translate("reports", "Telemonitoring report")
    else:
        plan = view.plan
        plan_lines: tuple[str, ...] = ()
        if plan is not None:
            plan_lines = (
                QCoreApplication.translate(
                    "reports", "Plan {id}, valid {start} – {end}, signed by {who}"
                ).format(
                    id=plan.id,
                    start=format_date(plan.start),
                    end=format_date(plan.end),
                    who=plan.signed_by or "—",
                ),
                *(f"{d.name} — UDI {d.udi}" for d in plan.devices),
            )
        sections = (
            Section(QCoreApplication.translate("reports", "Telemonitoring plan"), plan_lines),
            Section(
                QCoreApplication.translate("reports", "Parameters measured"),
                (),
                table=_figures_table(view, start, last + 1),
            ),
            Section(
                QCoreApplication.translate("reports", "Alarms"),
                (),
                table=_alarms_table(view.alarms, start, last + 1),
            ),
            Section(
                QCoreApplication.translate("reports", "Summary"),
                tuple(summary_lines(view)),
                picture(charts),
            ),
        )
        title = QCoreApplication.translate("reports", "Report rilevazione di telemonitoraggio")
    return render(
        ReportContent(title, header, sections, footer, {"author": author, "subject": kind.value})
    )
