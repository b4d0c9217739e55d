"""The Upload page's two wizards, drawn: an edition file (upload -> report -> resolve -> preview -> commit) and a
cities file. Each is a fragment, so working through it reruns only itself. The state transitions are pure, in
ssedash.upload.wizard; the decisions in ssedash.upload; this module reads widgets and draws."""

from __future__ import annotations

import streamlit as st

from ssedash import config, i18n, markdown, upload
from ssedash.i18n import N_, t, tn
from ssedash.i18n.content import country_names, format_name
from ssedash.ui.cache import reference, store, tables
from ssedash.ui.upload_diff import replacement_diff
from ssedash.ui.upload_fix import fix_in_place
from ssedash.ui.upload_language import speaking
from ssedash.ui.upload_mapping import chosen, column_mapping
from ssedash.ui.upload_report import committing, detection, problem_report, stage_progress
from ssedash.ui.widgets import link_to_page, outcome, points_map
from ssedash.upload import fix_state, shown, wizard

FIGURE_HELP = N_("As published: 13, 5,700+, over 200, about 15. Leave empty when unknown.")


def _apply(change: wizard.Change) -> None:
    for key in change.drop:
        st.session_state.pop(key, None)
    for key, value in change.set.items():
        st.session_state[key] = value


def _uploaded(prefix: str, label: str):
    """(name, bytes) of the file in the uploader, or None; files over the size cap are refused here too."""
    file = st.file_uploader(
        label, type=["csv", "xlsx", "txt", "tsv"], key=wizard.uploader_key(st.session_state, prefix)
    )
    if file is None:
        return None
    raw, settings = file.getvalue(), config.get_settings()
    if wizard.too_large(raw, settings.max_upload_mb):
        st.error(
            markdown.text(t("The file is larger than {mb} MB: split it into smaller files."), mb=settings.max_upload_mb)
        )
        return None
    return file.name, raw


def _form_values(given: dict, names: dict) -> dict:
    left, right = st.columns(2)
    return {
        "programme": left.selectbox(
            t("Programme"),
            ["", *names, upload.NEW_PROGRAMME],
            key="ed_programme",
            format_func=lambda p: {
                "": t("(from the file)") if "programme" in given else t("Choose…"),
                upload.NEW_PROGRAMME: t("A new programme (type its name)"),
            }.get(p, names.get(p, p)),
        ),
        "new_programme": right.text_input(t("New programme name"), key="ed_new_programme"),
        "edition_id": left.text_input(t("Edition id (default: programme-year)"), key="ed_edition"),
        "name": right.text_input(t("Edition name"), key="ed_name"),
        "year": left.number_input(t("Year"), 1990, 2100, value=given.get("year"), step=1, key="ed_year"),
        "format": right.selectbox(t("Format"), upload.FORMATS, key="ed_format", format_func=format_name),
        "event_kind": left.selectbox(
            t("Event kind"),
            upload.EVENT_KIND_CHOICES,
            key="ed_kind",
            format_func=lambda k: upload.event_kind_label(k, "event_kind" in given),
        ),
        "start_date": left.date_input(t("Start date"), value=None, key="ed_start"),
        "end_date": right.date_input(t("End date"), value=None, key="ed_end"),
        "host_city": left.text_input(t("Host city"), key="ed_host_city"),
        "host_country": right.text_input(t("Host country"), key="ed_host_country"),
        "reported_participants": right.text_input(
            t("Reported participants"), key="ed_rep_p", help=markdown.escape(t(FIGURE_HELP))
        ),
        "reported_countries": left.text_input(
            t("Reported countries"), key="ed_rep_c", help=markdown.escape(t(FIGURE_HELP))
        ),
        "reported_local_governments": right.text_input(
            t("Reported local governments"), key="ed_rep_lg", help=markdown.escape(t(FIGURE_HELP))
        ),
        "source_url": right.text_input(t("Source link (https://…)"), key="ed_source"),
        "notes": st.text_input(t("Notes"), key="ed_notes"),
    }


def _edition_form(look: upload.Inspection):
    given = look.file_values
    programmes = tables()["programme"]
    names = dict(zip(programmes["programme_id"], programmes["name"], strict=True))
    if given:
        st.info(
            markdown.text(
                t("From the file: {values}. The form fills in the rest."),
                values=", ".join(f"{shown.field_name(k)} = {v}" for k, v in given.items()),
            )
        )
    with st.form("edition_details"):
        st.markdown(t("**Edition details** (used where the file does not say)"))
        values = _form_values(given, names)
        if st.form_submit_button(t("Check the file"), type="primary"):
            return upload.details_from_form(values)
    return None


def _review(name: str, raw: bytes, details, resolutions=(), *, show_progress: bool = True) -> None:
    update, bar = stage_progress() if show_progress else (lambda stage, fraction: None, None)
    ref = reference()
    review = upload.review_upload(
        raw,
        name,
        details=details,
        countries=ref.resolver,
        gazetteer=ref.gazetteer,
        shapes=ref.shapes,
        tables=tables(),
        row_cap=config.get_settings().row_cap,
        resolutions=resolutions,
        progress=update,
        columns=chosen(),
    )
    if bar is not None:
        bar.empty()
    _apply(wizard.reviewed(review, details))


def _typed_point(i: int) -> tuple[float | None, float | None]:
    left, right = st.columns(2)
    lat = left.number_input(t("Latitude"), -90.0, 90.0, value=None, format="%.5f", key=f"edition_state_lat_{i}")
    lon = right.number_input(t("Longitude"), -180.0, 180.0, value=None, format="%.5f", key=f"edition_state_lon_{i}")
    return lat, lon


def _suggestion_label(option: int | str, suggestions: tuple) -> str:
    if not isinstance(option, int):
        return t("Type coordinates")
    place = suggestions[option]
    return t(
        "{name} ({latitude:.4f}, {longitude:.4f}; GeoNames {id})",
        name=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        id=place.geonameid,
    )


def _choice(i: int, item: upload.Unresolved) -> upload.Resolution | None:
    """Where the analyst says an unknown LG is: a suggestion picked, or coordinates typed (None until given)."""
    st.markdown(
        markdown.text(
            t("Line {line}: **{name}** ({country})"),
            line=item.line,
            name=item.name,
            country=country_names(reference().countries).get(item.country_iso3 or "", item.country_iso3 or "?"),
        )
    )
    options: list[int | str] = [*range(len(item.suggestions)), "typed"]
    pick = st.radio(
        t("Where is it?"),
        options,
        key=f"edition_state_pick_{i}",
        horizontal=False,
        format_func=lambda option: _suggestion_label(option, item.suggestions),
    )
    chosen = None
    if pick == "typed":
        lat, lon = _typed_point(i)
        if lat is not None and lon is not None and item.country_iso3:
            chosen = upload.Resolution(item.name, item.country_iso3, lat, lon)
    elif item.country_iso3 and isinstance(pick, int):
        place = item.suggestions[pick]
        chosen = upload.Resolution(
            item.name, item.country_iso3, place.latitude, place.longitude, f"geonames:{place.geonameid}"
        )
    points_map(upload.suggestion_points(item), key=f"edition_state_map_{i}", height=220)
    return chosen


def _resolve(review: upload.Review, name: str, raw: bytes) -> None:
    st.subheader(t("Resolve unknown local governments"))
    chosen = [c for c in (_choice(i, item) for i, item in enumerate(review.unresolved)) if c is not None]
    # A callback runs before the fragment redraws, so the report below it shows the new plan at once.
    st.button(
        t("Use these places and check again"),
        key="edition_state_apply",
        on_click=speaking(_recheck_with),
        args=(name, raw, [*review.resolutions, *chosen]),
    )


def _recheck_with(name: str, raw: bytes, resolutions: list) -> None:
    _review(name, raw, st.session_state[wizard.DETAILS], resolutions, show_progress=False)


def _preview(found: upload.Preview) -> None:
    st.subheader(t("Preview"))
    st.markdown(
        markdown.text(
            (
                t("This file **replaces the existing edition** {id} ({year}): {rows}, {participants}, {lgs}.")
                if found.action == "replace"
                else t("This file **adds a new edition** {id} ({year}): {rows}, {participants}, {lgs}.")
            ),
            id=found.edition["edition_id"],
            year=found.edition["year"],
            rows=shown.counted(shown.PARTICIPATION_ROWS, found.rows),
            participants=shown.counted(shown.PARTICIPANTS_COUNTED, found.participants_added),
            lgs=shown.counted(shown.NEW_LOCAL_GOVERNMENTS, len(found.new_local_governments)),
        )
    )
    st.dataframe(shown.table(found.headline), hide_index=True)
    if len(found.new_local_governments):
        st.dataframe(shown.table(found.new_local_governments, reference().countries), hide_index=True, width="stretch")
    points_map(
        found.points.assign(status=found.points["new"].map({True: t("new"), False: t("known")})),
        key="edition_state_preview_map",
    )


def _accepted(plan, key: str) -> bool:
    if not plan.warnings:
        return True
    accept = tn(
        "I have read the warning and accept it", "I have read the {n:,} warnings and accept them", len(plan.warnings)
    )
    return st.checkbox(accept, key=key)


def _preview_and_commit(review: upload.Review, by: str) -> None:
    plan = review.plan
    found = upload.preview(plan, tables())
    if found is None:
        return
    _preview(found)
    replacement_diff(plan, tables())
    replace = plan.replaces_existing_edition and st.checkbox(
        tn(
            "Replace the existing edition ({n:,} row kept in the history)",
            "Replace the existing edition ({n:,} rows kept in the history)",
            found.replaced_rows,
        ),
        key="edition_state_replace",
    )
    accepted = _accepted(plan, "edition_state_accept")
    st.button(
        t("Commit"),
        type="primary",
        key="edition_state_commit",
        on_click=speaking(_commit_edition),
        disabled=wizard.commit_blocked(plan.replaces_existing_edition, replace, accepted),
        args=(plan, replace, by),
    )


def _commit_edition(plan, replace: bool, by: str) -> None:
    result = committing(lambda: upload.commit(store(), plan, by=by, replace=replace))
    _apply(wizard.committed(st.session_state, "edition", result, upload.map_link(plan) if result.ok else None))


def _commit_cities(plan, by: str) -> None:
    _apply(wizard.committed(st.session_state, "cities", committing(lambda: upload.commit_cities(store(), plan, by=by))))


def _last_edition_outcome() -> None:
    last = st.session_state.get("edition_outcome")
    if last:
        outcome(last[0])
        if last[1]:
            link_to_page(t("Open the map filtered to this edition"), last[1])


@st.fragment
def edition_wizard(by: str, language: i18n.Language = i18n.Language.EN) -> None:
    i18n.activate(language)  # a fragment rerun runs in a thread of its own (ssedash.ui.upload_language)
    _last_edition_outcome()
    upload_file = _uploaded("edition", t("Edition file (CSV or XLSX, one row per participant or local government)"))
    if upload_file is None:
        return
    name, raw = upload_file
    look = upload.inspect(raw, name, row_cap=config.get_settings().row_cap, columns=chosen(raw))
    detection(look.detected, look.head)
    column_mapping(look)
    previous = upload.already_imported(store(), look.sha256)
    if previous is not None:
        st.info(markdown.escape(previous))
    name, raw = fix_state.working_file(st.session_state, look.sha256, name, raw)  # a corrected copy, once made
    details = _edition_form(look)
    if details is not None:
        _apply(wizard.form_submitted())
        _review(name, raw, details)
    review = fix_state.current_review(st.session_state, look.sha256, upload_file[0])
    if review is None:
        return
    st.subheader(t("Validation report"))
    problem_report(
        review.plan.problems,
        review.summary,
        key="edition_state_report",
        file_name=name,
        raw=raw,
        leave_out=review.detected.dropped_pii,
    )
    fix_in_place(
        review,
        upload_file,
        raw,
        apply=_apply,
        recheck=lambda fixed_name, fixed: _review(
            fixed_name, fixed, st.session_state[wizard.DETAILS], review.resolutions, show_progress=False
        ),
    )
    if review.unresolved:
        _resolve(review, name, raw)
    if review.can_commit:
        _preview_and_commit(review, by)


@st.fragment
def cities_wizard(by: str, language: i18n.Language = i18n.Language.EN) -> None:
    i18n.activate(language)  # a fragment rerun runs in a thread of its own (ssedash.ui.upload_language)
    last = st.session_state.get("cities_outcome")
    if last:
        outcome(last)
    upload_file = _uploaded(
        "cities", t("Cities file (CSV or XLSX): {columns}", columns=", ".join((*upload.CITY_COLUMNS, "lg_id")))
    )
    if upload_file is None:
        return
    name, raw = upload_file
    update, bar = stage_progress()
    update("validate", 0.3)
    ref = reference()
    plan = upload.check_cities(
        raw,
        name,
        countries=ref.resolver,
        shapes=ref.shapes,
        known_local_governments=tables()["local_government"],
        row_cap=config.get_settings().row_cap,
    )
    bar.empty()
    detection(plan.detected)
    st.subheader(t("Validation report"))
    problem_report(
        plan.problems,
        upload.summarise(plan.problems, plan.detected.rows),
        key="cities_state_report",
        file_name=name,
        raw=raw,
        leave_out=plan.detected.dropped_pii,
    )
    if not plan.can_commit:
        return
    st.subheader(t("Preview"))
    st.markdown(
        markdown.text(
            t("{added}, {corrected}."),
            added=shown.counted(shown.LOCAL_GOVERNMENTS_ADDED, plan.added),
            corrected=shown.counted(shown.CORRECTED, len(plan.corrections)),
        )
    )
    records = upload.cities_preview(plan)
    st.dataframe(shown.table(records, reference().countries), hide_index=True, width="stretch")
    points_map(records, key="cities_state_map")
    accepted = _accepted(plan, "cities_state_accept")
    st.button(
        t("Commit"),
        type="primary",
        disabled=not accepted,
        key="cities_state_commit",
        on_click=speaking(_commit_cities),
        args=(plan, by),
    )


def templates() -> None:
    """The three templates to start from, as downloads."""
    with st.expander(t("Templates")):
        left, right, third = st.columns(3)
        left.download_button(t("Edition template (CSV)"), upload.template_csv(), "ssedash-template.csv", "text/csv")
        right.download_button(
            t("Edition template (XLSX)"),
            upload.template_xlsx(),
            "ssedash-template.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        third.download_button(
            t("Cities template (CSV)"), upload.cities_template_csv(), "ssedash-cities-template.csv", "text/csv"
        )


def upload_wizards(by: str) -> None:
    """The two wizards, in tabs."""
    edition_tab, cities_tab = st.tabs([t("Edition file"), t("Cities file")])
    with edition_tab:
        edition_wizard(by, i18n.current())
    with cities_tab:
        cities_wizard(by, i18n.current())
