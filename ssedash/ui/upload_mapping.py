"""The Upload page's column mapping, drawn: every column of the edition file with the field it is read as, a field
list per column to change it, a list per missing required field to point at the column that holds it, and the
mapping remembered from the programme's last import, offered. The decisions are in ssedash.upload.mapping.

The analyst's choices live in session state under `edition_state_…` keys (so a new upload drops them) and carry
the file's checksum, so another file never inherits them; `chosen(raw)` gives them to every check of the file.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from ssedash import markdown, upload
from ssedash.i18n import t
from ssedash.ingest import ColumnMatch, MatchedBy
from ssedash.ui.cache import store, tables
from ssedash.upload import mapping, shown, wizard

DRAWN = "edition_state_drawn_file"  # the checksum of the uploaded file whose columns were last drawn


def _key(sha256: str, what: str) -> str:
    return f"edition_state_{what}_{sha256[:16]}"


def _own(sha256: str) -> dict[str, str | None]:
    return dict(st.session_state.get(_key(sha256, "columns"), {}))


def _accepted(sha256: str) -> mapping.Offer | None:
    answer = st.session_state.get(_key(sha256, "remembered"))
    return answer if isinstance(answer, mapping.Offer) else None


def chosen(raw: bytes | None = None) -> dict[str, str | None]:
    """The column choices (the accepted remembered mapping, the analyst's own over it) for the file `raw`, or by
    default for the uploaded file whose columns were last drawn: a corrected copy of it is checked with them."""
    sha256 = hashlib.sha256(raw).hexdigest() if raw is not None else str(st.session_state.get(DRAWN, ""))
    return mapping.choices(_own(sha256), _accepted(sha256))


def _changed(sha256: str, header: str, field: str | None) -> None:
    """A choice was made: keep it, and drop the review made with the old mapping (Check runs again with it)."""
    st.session_state[_key(sha256, "columns")] = {**_own(sha256), header: field or None}
    st.session_state.pop(wizard.REVIEW, None)


def _choose(sha256: str, header: str, key: str) -> None:
    _changed(sha256, header, st.session_state[key])


def _choose_column(sha256: str, field: str, key: str) -> None:
    if st.session_state[key]:
        _changed(sha256, st.session_state[key], field)


def _answer(sha256: str, answer: mapping.Offer | bool) -> None:
    st.session_state[_key(sha256, "remembered")] = answer
    st.session_state.pop(wizard.REVIEW, None)


def _column_row(sha256: str, i: int, match: ColumnMatch, own: dict, accepted: mapping.Offer | None) -> None:
    key = f"edition_state_column_{i}"
    chosen_field = own.get(match.header, match.field)
    st.session_state[key] = chosen_field if chosen_field in mapping.FIELD_CHOICES else mapping.NOT_USED
    left, middle, right = st.columns([3, 2, 2], vertical_alignment="center")
    left.markdown(markdown.text("**{header}**", header=match.header))
    if match.samples:
        left.caption(markdown.text(t("e.g. {values}"), values=" · ".join(match.samples)))
    middle.selectbox(
        markdown.text(t("Field for {header}"), header=match.header),
        mapping.FIELD_CHOICES,
        key=key,
        format_func=mapping.field_label,
        label_visibility="collapsed",
        on_change=_choose,
        args=(sha256, match.header, key),
    )
    remembered = accepted.remembered if accepted is not None else None
    right.caption(markdown.escape(mapping.how_label(match, remembered)))


def _missing(sha256: str, columns: tuple[ColumnMatch, ...], missing: tuple[str, ...]) -> None:
    """A list per required field no column feeds: which of the file's columns holds it."""
    headers = [c.header for c in columns if c.how != MatchedBy.PERSONAL_DATA]
    for field in missing:
        key = f"edition_state_missing_{field}"
        st.session_state[key] = ""
        label = (
            t("No column is read as **{field}** (or give the year in the form below): which column holds it?")
            if field == "year"
            else t("No column is read as **{field}**: which column holds it?")
        )
        st.selectbox(
            markdown.text(label, field=shown.field_name(field)),
            ["", *headers],
            key=key,
            format_func=lambda h: h or t("Choose a column…"),
            on_change=_choose_column,
            args=(sha256, field, key),
        )


def _pending_offer(look: upload.Inspection, columns: tuple[ColumnMatch, ...]) -> mapping.Offer | None:
    """The programme's remembered mapping, when it would read this file differently and was not answered yet."""
    if st.session_state.get(_key(look.sha256, "remembered")) is not None:
        return None
    programme = mapping.programme_of(
        look.file_values.get("programme"), st.session_state.get("ed_programme"), tables()["programme"]
    )
    return mapping.offer(store().column_mapping_for(programme) if programme else None, columns)


def _offer(sha256: str, found: mapping.Offer | None, accepted: mapping.Offer | None) -> None:
    """The remembered mapping offered (use it, or not), or the one in use named."""
    if accepted is not None:
        past = accepted.remembered
        st.caption(
            markdown.text(
                t("Using the column mapping of import #{id} ({file}, {at})."),
                id=past.import_id,
                file=past.file_name,
                at=past.at,
            )
        )
    if found is None:
        return
    past = found.remembered
    st.info(
        markdown.text(
            t(
                "Import #{id} of this programme ({file}, {at}) read these columns differently: "
                "{changes}. Use its mapping?"
            ),
            id=past.import_id,
            file=past.file_name,
            at=past.at,
            changes="; ".join(f"{h} → {mapping.field_label(f)}" for h, _, f in found.changes),
        )
    )
    left, right = st.columns(2)
    left.button(
        markdown.text(t("Use the mapping of import #{id}"), id=past.import_id),
        key="edition_state_use_mapping",
        on_click=_answer,
        args=(sha256, found),
    )
    right.button(t("Keep the mapping below"), key="edition_state_keep_mapping", on_click=_answer, args=(sha256, False))


def column_mapping(look: upload.Inspection) -> None:
    """Every column of the file with the field it is read as; the analyst may change any of them. Open when
    something needs a look (a header not recognised, a required field not found, a problem, an offer)."""
    st.session_state[DRAWN] = look.sha256
    columns = look.detected.columns
    if not columns:
        return
    sha256, own = look.sha256, _own(look.sha256)
    accepted, found = _accepted(sha256), _pending_offer(look, columns)
    missing = mapping.missing_required(columns)
    attention = bool(missing or look.column_problems or found or any(c.how == MatchedBy.NOT_USED for c in columns))
    with st.expander(
        markdown.text(t("Columns: what each is read as ({n})"), n=shown.count(len(columns))), expanded=attention
    ):
        st.caption(
            t(
                "Each column of the file and the field it is read as. Change any of them; the checks below use "
                "your choices."
            )
        )
        _offer(sha256, found, accepted)
        for i, match in enumerate(mapping.shown(columns, own, accepted)):
            _column_row(sha256, i, match, own, accepted)
        _missing(sha256, columns, missing)
        for problem in look.column_problems:
            st.error(markdown.escape(problem.message))
