"""The upload report, drawn: stage progress, what was detected in the file, and the problem report."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from ssedash import ingest, markdown, upload
from ssedash.i18n import N_, t
from ssedash.ui.upload_language import speaking
from ssedash.ui.widgets import table as table_widget
from ssedash.upload import shown as showing
from ssedash.upload.report_xlsx import report_xlsx

T = TypeVar("T")


# The stages a progress bar names: the review's (read, validate, resolve, plan), then the commit's.
STAGE_LABELS = {**upload.STAGE_LABELS, "commit": N_("Writing to the store (one transaction)")}


def stage_progress():
    """A progress bar for the upload stages; returns the callback ssedash.upload calls, and the bar to clear."""
    bar = st.progress(0.0, text=t("Starting…"))

    def update(stage: str, fraction: float) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t(STAGE_LABELS.get(stage, stage)))

    return update, bar


def committing(commit: Callable[[], T]) -> T:
    """Run a commit under the progress bar's last stage (a large file takes seconds to write); returns its result."""
    update, bar = stage_progress()
    update("commit", 0.0)
    result = commit()
    update("commit", 1.0)
    bar.empty()
    return result


def detection(detected: ingest.Detected, head: pd.DataFrame | None = None) -> None:
    """What was detected in the file: kind, encoding, delimiter, rows, column mapping, personal data dropped,
    and its first rows as read (st.table escapes every cell: a '<script>' cell shows as text)."""
    st.caption(
        markdown.text(
            t("Read as {kind}, encoding {encoding}, delimiter {delimiter}: {rows} data rows."),
            kind=str(detected.kind or "?").upper(),
            encoding=detected.encoding or "-",
            delimiter=showing.delimiter_name(detected.delimiter),
            rows=showing.count(detected.rows),
        )
    )
    if detected.dropped_pii:
        st.warning(
            markdown.text(
                t("Personal data dropped (never stored): {columns}."),  # column names from the file
                columns=", ".join(detected.dropped_pii),
            ),
            icon="🔒",
        )
    mapping = upload.detection_rows(detected)
    if len(mapping):
        with st.expander(markdown.text(t("Column mapping ({n} columns)"), n=showing.count(len(mapping)))):
            st.dataframe(showing.table(mapping, fields=("read as",)), hide_index=True, width="stretch")
    if head is not None and len(head):
        with st.expander(markdown.text(t("First rows as read ({n})"), n=showing.count(len(head))), expanded=True):
            first = showing.headed(head)
            st.table(first.set_index(showing.header("line")) if "line" in head.columns else first)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def problem_report(
    problems,
    summary: upload.Summary,
    *,
    key: str,
    file_name: str,
    raw: bytes | None = None,
    leave_out: tuple[str, ...] = (),
) -> None:
    """The validation report: summary by rule, errors, warnings and notices in tables apart (each problem with how
    to fix it), and its downloads: CSV, and XLSX with the file's problem cells marked when `raw` is given
    (`leave_out`: personal-data headers, not copied into it)."""
    errors, warnings = summary.errors, summary.warnings
    columns = st.columns(3)
    columns[0].metric(t("Rows OK"), t("{ok:,} / {rows:,}", ok=summary.rows_ok, rows=summary.rows))
    columns[1].metric(t("Errors"), sum(errors.values()))
    columns[2].metric(t("Warnings"), sum(warnings.values()))
    if errors:
        st.error(
            markdown.text(
                t("Errors by rule: {rules}. Nothing can be committed until they are corrected."),
                rules=", ".join(f"{rule} ({n})" for rule, n in errors.items()),
            )
        )
    if warnings:
        st.warning(
            markdown.text(
                t("Warnings by rule: {rules}."), rules=", ".join(f"{rule} ({n})" for rule, n in warnings.items())
            )
        )
    problems = list(problems)
    if not problems:
        st.success(t("No problems found."))
        return
    rules = st.multiselect(t("Rule"), sorted({p.rule for p in problems}), key=f"{key}_rule", placeholder=t("All rules"))
    for severity in (ingest.ERROR, ingest.WARNING, ingest.INFO):  # the three tables, apart
        shown = [p for p in problems if p.severity == severity]
        if shown:
            st.markdown(
                markdown.text(
                    t("**Errors** ({n}): correct them; nothing can be committed until then.")
                    if severity == ingest.ERROR
                    else t("**Warnings** ({n}): read them; they must be accepted before a commit.")
                    if severity == ingest.WARNING
                    else t("**Notices** ({n})"),
                    n=showing.count(len(shown)),
                )
            )
            # st.dataframe shows cells as text: a '<script>' or '=HYPERLINK(' cell stays inert.
            table = showing.problems_shown(upload.filter_problems(shown, rules=rules))
            table_widget(table, missing="")  # a problem of the whole file has no line, column or value
    _downloads(problems, key=key, file_name=file_name, raw=raw, leave_out=leave_out)


def _downloads(problems, *, key: str, file_name: str, raw: bytes | None, leave_out: tuple[str, ...]) -> None:
    """The report as CSV, and as XLSX (built only when asked for: a callable, run on the click)."""
    stem = f"problems-{file_name.rsplit('.', 1)[0]}"
    left, right = st.columns(2)
    left.download_button(
        t("Download the report (CSV)"),
        ingest.problems_csv(problems),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_dl",
    )
    if raw is not None:
        right.download_button(
            t("Download the report (XLSX, problem cells marked)"),
            speaking(lambda: report_xlsx(raw, problems, leave_out=leave_out)),
            file_name=f"{stem}.xlsx",
            mime=XLSX_MIME,
            key=f"{key}_xlsx",
        )
