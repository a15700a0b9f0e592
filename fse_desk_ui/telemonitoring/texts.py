"""The words of the telemonitoring views: rules, summaries, the plan (through Qt's translation)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fse_desk.domain.telemonitoring import DIASTOLIC, SYSTOLIC, MonitoringType, Plan, Programme
from fse_desk.telemonitoring.cgm import Band, CgmSummary
from fse_desk.telemonitoring.home_bp import HomeBpResult, HomeBpVerdict
from fse_desk.telemonitoring.plans import PlanState
from fse_desk.telemonitoring.rules import Alarm, Rule, Severity
from fse_desk.telemonitoring.service import PatientTelemonitoring
from fse_desk.telemonitoring.summaries import Spo2Status, WeightTrend
from fse_desk_ui.formatting import format_date, format_datetime, format_decimal
from fse_desk_ui.vitals.labels import parameter_label, parameter_unit


def rule_text(rule: Rule) -> str:
    return {
        Rule.BELOW_RANGE: QCoreApplication.translate("telemonitoring", "Below threshold"),
        Rule.ABOVE_RANGE: QCoreApplication.translate("telemonitoring", "Above threshold"),
        Rule.WEIGHT_GAIN: QCoreApplication.translate("telemonitoring", "Weight gain"),
        Rule.SPO2_DROP: QCoreApplication.translate("telemonitoring", "Drop from baseline"),
    }[rule]


def severity_text(severity: Severity) -> str:
    return {
        Severity.HIGH: QCoreApplication.translate("telemonitoring", "High"),
        Severity.MEDIUM: QCoreApplication.translate("telemonitoring", "Medium"),
        Severity.LOW: QCoreApplication.translate("telemonitoring", "Low"),
    }[severity]


def programme_text(programme: Programme) -> str:
    return {
        Programme.HEART_FAILURE: QCoreApplication.translate("telemonitoring", "Heart failure"),
        Programme.COPD: QCoreApplication.translate("telemonitoring", "COPD"),
        Programme.DIABETES: QCoreApplication.translate("telemonitoring", "Diabetes"),
        Programme.HYPERTENSION: QCoreApplication.translate("telemonitoring", "Hypertension"),
    }[programme]


def time_of_day_text(when: str) -> str:
    return {
        "morning": QCoreApplication.translate("telemonitoring", "morning"),
        "afternoon": QCoreApplication.translate("telemonitoring", "afternoon"),
        "evening": QCoreApplication.translate("telemonitoring", "evening"),
        "night": QCoreApplication.translate("telemonitoring", "night"),
    }.get(when, when)


def alarm_value_text(alarm: Alarm) -> str:
    unit = parameter_unit(alarm.parameter)
    if alarm.rule is Rule.WEIGHT_GAIN:
        return QCoreApplication.translate("telemonitoring", "+{value} kg").format(
            value=format_decimal(alarm.value, 1)
        )
    return f"{format_decimal(alarm.value, 0 if alarm.value == int(alarm.value) else 1)} {unit}"


def cgm_text(summary: CgmSummary) -> str:
    lines = [
        QCoreApplication.translate(
            "telemonitoring", "Time in range 70–180: {tir} % (target > 70 %)"
        ).format(tir=format_decimal(summary.bands[Band.IN_RANGE], 1)),
        QCoreApplication.translate(
            "telemonitoring",
            "Below 70: {low} % · below 54: {very_low} % · above 180: {high} % · above 250: "
            "{very_high} %",
        ).format(
            low=format_decimal(summary.below_70(), 1),
            very_low=format_decimal(summary.bands[Band.VERY_LOW], 1),
            high=format_decimal(summary.above_180(), 1),
            very_high=format_decimal(summary.bands[Band.VERY_HIGH], 1),
        ),
        QCoreApplication.translate(
            "telemonitoring", "Mean glucose {mean} mg/dL · GMI {gmi} % · CV {cv} % ({stable})"
        ).format(
            mean=format_decimal(summary.mean, 0),
            gmi=format_decimal(summary.gmi, 1),
            cv=format_decimal(summary.cv_percent, 1),
            stable=QCoreApplication.translate("telemonitoring", "stable, ≤ 36 %")
            if summary.cv_stable
            else QCoreApplication.translate("telemonitoring", "unstable, > 36 %"),
        ),
        QCoreApplication.translate(
            "telemonitoring", "Data: {days} days, {coverage} % of expected readings — {verdict}"
        ).format(
            days=summary.days,
            coverage=format_decimal(summary.coverage_percent, 0),
            verdict=QCoreApplication.translate("telemonitoring", "sufficient")
            if summary.sufficient
            else QCoreApplication.translate("telemonitoring", "NOT sufficient"),
        ),
    ]
    return "\n".join(lines)


def home_bp_text(result: HomeBpResult) -> str:
    if result.verdict is HomeBpVerdict.INSUFFICIENT or result.mean_systolic is None:
        return QCoreApplication.translate(
            "telemonitoring",
            "Home BP protocol: not enough readings in the last 7 days ({n}; 12 needed).",
        ).format(n=result.readings_used)
    assert result.mean_diastolic is not None and result.first_day and result.last_day
    verdict = (
        QCoreApplication.translate("telemonitoring", "hypertension (≥ 135/85)")
        if result.verdict is HomeBpVerdict.HYPERTENSION
        else QCoreApplication.translate("telemonitoring", "normal (< 135/85)")
    )
    return QCoreApplication.translate(
        "telemonitoring",
        "Home BP protocol {first}–{last}, day 1 discarded: mean {sys}/{dia} mmHg over "
        "{n} readings — {verdict}",
    ).format(
        first=format_date(result.first_day),
        last=format_date(result.last_day),
        sys=format_decimal(result.mean_systolic, 0),
        dia=format_decimal(result.mean_diastolic, 0),
        n=result.readings_used,
        verdict=verdict,
    )


def weight_text(trend: WeightTrend) -> str:
    sign = "+" if trend.change >= 0 else "−"
    text = QCoreApplication.translate(
        "telemonitoring",
        "Weight {latest} kg, {change} kg against the lowest of the last {days} days "
        "({baseline} kg); plan threshold +{limit} kg",
    ).format(
        latest=format_decimal(trend.latest, 1),
        change=sign + format_decimal(abs(trend.change), 1),
        days=trend.window_days,
        baseline=format_decimal(trend.baseline, 1),
        limit=format_decimal(trend.limit, 1),
    )
    return text + (
        " — " + QCoreApplication.translate("telemonitoring", "ABOVE THRESHOLD")
        if trend.over
        else ""
    )


def spo2_text(status: Spo2Status) -> str:
    parts = [
        QCoreApplication.translate("telemonitoring", "SpO2 {latest} %").format(
            latest=format_decimal(status.latest, 0)
        )
    ]
    if status.low is not None:
        parts.append(
            QCoreApplication.translate("telemonitoring", "threshold {low} %").format(
                low=format_decimal(status.low, 0)
            )
        )
    if status.baseline is not None:
        parts.append(
            QCoreApplication.translate("telemonitoring", "own baseline {baseline} %").format(
                baseline=format_decimal(status.baseline, 0)
            )
        )
    text = " · ".join(parts)
    return text + (
        " — " + QCoreApplication.translate("telemonitoring", "BELOW THRESHOLD")
        if status.below_threshold
        else ""
    )


def plan_state_text(plan: Plan, state: PlanState | None) -> str:
    """Why a plan shown raises no alarm today (H-20); empty for a plan in force."""
    if state is PlanState.EXPIRED:
        return QCoreApplication.translate(
            "telemonitoring", "Plan expired on {end}: readings since then raise no alarm."
        ).format(end=format_date(plan.end))
    if state is PlanState.STOPPED:
        return QCoreApplication.translate(
            "telemonitoring", "Plan stopped on {day}: readings since then raise no alarm."
        ).format(day=format_date(plan.last_day))
    if state is PlanState.SUPERSEDED:
        return QCoreApplication.translate(
            "telemonitoring", "Plan replaced by a newer one: its thresholds no longer apply."
        )
    if state is PlanState.NOT_STARTED:
        return QCoreApplication.translate(
            "telemonitoring", "Plan starting on {start}: no alarm before then."
        ).format(start=format_date(plan.start))
    return ""


def plan_html(plan: Plan, state: PlanState | None = None) -> str:
    """The plan as the team reads it beside the charts, with why it raises no alarm."""
    kind = (
        QCoreApplication.translate("telemonitoring", "type II: thresholds and automatic alarms")
        if plan.monitoring_type is MonitoringType.TYPE_II
        else QCoreApplication.translate(
            "telemonitoring", "type I: periodic review, no automatic alarms"
        )
    )
    default_title = QCoreApplication.translate("telemonitoring", "Telemonitoring plan")
    headings = (
        QCoreApplication.translate("telemonitoring", "Parameters"),
        QCoreApplication.translate("telemonitoring", "Thresholds"),
        QCoreApplication.translate("telemonitoring", "Devices"),
    )
    warning = plan_state_text(plan, state)
    rows = [
        f"<b>{plan.title or default_title}</b>",
        *([f'<b style="color:#b03a2e">{warning}</b>'] if warning else []),
        QCoreApplication.translate("telemonitoring", "Period: {start} – {end}").format(
            start=format_date(plan.start), end=format_date(plan.end)
        ),
        kind,
        QCoreApplication.translate("telemonitoring", "Programmes: {names}").format(
            names=", ".join(programme_text(p) for p in plan.programmes) or "—"
        ),
        QCoreApplication.translate("telemonitoring", "Signed by {who} on {when}").format(
            who=plan.signed_by or "—",
            when=format_datetime(plan.signed_at) if plan.signed_at else "—",
        ),
        f"<br><b>{headings[0]}</b>",
    ]
    for activity in plan.activities:
        rows.append(
            QCoreApplication.translate("telemonitoring", "{name}: {n} a day {when}").format(
                name=parameter_label(activity.parameter),
                n=activity.times_per_day,
                when=f"({', '.join(map(time_of_day_text, activity.times_of_day))})"
                if activity.times_of_day
                else "",
            )
        )
    rows.append(f"<br><b>{headings[1]}</b>")
    for threshold in plan.thresholds:
        name = parameter_label(threshold.parameter)
        if threshold.component == SYSTOLIC:
            name += " " + QCoreApplication.translate("telemonitoring", "systolic")
        elif threshold.component == DIASTOLIC:
            name += " " + QCoreApplication.translate("telemonitoring", "diastolic")
        if threshold.change is not None:
            limit = threshold.condition
        else:
            low = "—" if threshold.low is None else format_decimal(threshold.low, 0)
            high = "—" if threshold.high is None else format_decimal(threshold.high, 0)
            limit = f"{low}–{high} {parameter_unit(threshold.parameter)}"
        rows.append(f"{name}: {limit}")
    rows.append(f"<br><b>{headings[2]}</b>")
    rows += [f"{d.name} — UDI {d.udi}" for d in plan.devices] or ["—"]
    return "<br>".join(rows)


def summary_lines(view: PatientTelemonitoring) -> list[str]:
    """The clinical summaries of a patient's parameters, one line each (tab and report)."""
    lines = []
    if view.weight is not None:
        lines.append(weight_text(view.weight))
    if view.home_bp is not None:
        lines.append(home_bp_text(view.home_bp))
    if view.spo2 is not None:
        lines.append(spo2_text(view.spo2))
    if view.cgm is not None:
        lines += cgm_text(view.cgm).split("\n")
    return lines
