"""Upload: an edition file (template → upload → report → resolve → preview → commit) or a cities file.

Each wizard is a fragment, so working through it reruns only itself. The decisions are in ssedash.upload.
"""

import streamlit as st

from ssedash import config, ingest, markdown, ui, upload
from ssedash.i18n import t

ui.ensure_router()
by = ui.analyst_gate()
if by is None:
    st.stop()
ui.demo_banner()
st.title(t("Upload data"))
st.markdown(t(
    "Add one edition at a time: **1** upload its CSV or XLSX (start from the template) · **2** read the report — "
    "every problem is named by file line and column · **3** resolve unknown local governments · **4** preview what "
    "changes · **5** commit. Nothing is written until you commit, and every import can be rolled back from History."
))
st.caption(markdown.text(t("Signed as {by} in the import history."), by=by))
settings = config.get_settings()
FORMATS = ("in_person", "online", "hybrid")
FIGURE_HELP = t("As published: 13, 5,700+, over 200, about 15. Leave empty when unknown.")


def _new_generation(prefix: str) -> None:
    st.session_state[f"{prefix}_generation"] = st.session_state.get(f"{prefix}_generation", 0) + 1
    for key in [k for k in st.session_state if str(k).startswith(f"{prefix}_state")]:
        del st.session_state[key]


def _uploaded(prefix: str, label: str):
    """(name, bytes) of the file in the uploader, or None; files over the size cap are refused here too."""
    file = st.file_uploader(label, type=["csv", "xlsx", "txt", "tsv"],
                            key=f"{prefix}_file_{st.session_state.get(f'{prefix}_generation', 0)}")
    if file is None:
        return None
    raw = file.getvalue()
    if len(raw) > settings.max_upload_mb * 1024 * 1024:
        st.error(markdown.text(t("The file is larger than {mb} MB: split it into smaller files."),
                               mb=settings.max_upload_mb))
        return None
    return file.name, raw


def _edition_form(look: dict) -> ingest.EditionDetails | None:
    given = look["file_values"]
    programmes = ui.tables()["programme"]
    names = dict(zip(programmes["programme_id"], programmes["name"]))
    if given:
        st.info(markdown.text(t("From the file: {values}. The form fills in the rest."),
                              values=", ".join(f"{k} = {v}" for k, v in given.items())))
    with st.form("edition_details"):
        st.markdown(t("**Edition details** (used where the file does not say)"))
        left, right = st.columns(2)
        values = {
            "programme": left.selectbox(
                t("Programme"), ["", *names, upload.NEW_PROGRAMME], key="ed_programme",
                format_func=lambda p: {"": t("(from the file)") if "programme" in given else t("Choose…"),
                                       upload.NEW_PROGRAMME: t("A new programme (type its name)")}.get(p, names.get(p, p))),
            "new_programme": right.text_input(t("New programme name"), key="ed_new_programme"),
            "edition_id": left.text_input(t("Edition id (default: programme-year)"), key="ed_edition"),
            "name": right.text_input(t("Edition name"), key="ed_name"),
            "year": left.number_input(t("Year"), 1990, 2100, value=given.get("year"), step=1, key="ed_year"),
            "format": right.selectbox(t("Format"), FORMATS, key="ed_format"),
            "event_kind": left.selectbox(t("Event kind"), upload.EVENT_KIND_CHOICES, key="ed_kind",
                                         format_func=lambda k: upload.event_kind_label(k, "event_kind" in given)),
            "start_date": left.date_input(t("Start date"), value=None, key="ed_start"),
            "end_date": right.date_input(t("End date"), value=None, key="ed_end"),
            "host_city": left.text_input(t("Host city"), key="ed_host_city"),
            "host_country": right.text_input(t("Host country"), key="ed_host_country"),
            "reported_participants": right.text_input(t("Reported participants"), key="ed_rep_p", help=markdown.escape(FIGURE_HELP)),
            "reported_countries": left.text_input(t("Reported countries"), key="ed_rep_c", help=markdown.escape(FIGURE_HELP)),
            "reported_local_governments": right.text_input(t("Reported local governments"), key="ed_rep_lg",
                                                           help=markdown.escape(FIGURE_HELP)),
            "source_url": right.text_input(t("Source link (https://…)"), key="ed_source"),
            "notes": st.text_input(t("Notes"), key="ed_notes"),
        }
        if st.form_submit_button(t("Check the file"), type="primary"):
            return upload.details_from_form(values)
    return None


def _review(name: str, raw: bytes, details, resolutions=(), *, show_progress: bool = True):
    update, bar = ui.stage_progress() if show_progress else (lambda stage, fraction: None, None)
    review = upload.review_upload(
        raw, name, details=details, countries=ui.reference().resolver, gazetteer=ui.reference().gazetteer,
        shapes=ui.reference().shapes, tables=ui.tables(), row_cap=settings.row_cap, resolutions=resolutions,
        progress=update)
    if bar is not None:
        bar.empty()
    st.session_state["edition_state_review"] = review
    st.session_state["edition_state_details"] = details
    return review


def _resolve(review, name: str, raw: bytes) -> None:
    st.subheader(t("Resolve unknown local governments"))
    chosen = []
    for i, item in enumerate(review.unresolved):
        st.markdown(markdown.text(t("Line {line}: **{name}** ({country})"), line=item.line, name=item.name,
                                  country=item.country_iso3 or "?"))
        options = [*range(len(item.suggestions)), "typed"]
        pick = st.radio(t("Where is it?"), options, key=f"edition_state_pick_{i}", horizontal=False,
                        format_func=lambda o, s=item.suggestions: t("Type coordinates") if o == "typed" else
                        f"{s[o].name} ({s[o].latitude:.4f}, {s[o].longitude:.4f}; GeoNames {s[o].geonameid})")
        if pick == "typed":
            left, right = st.columns(2)
            lat = left.number_input(t("Latitude"), -90.0, 90.0, value=None, format="%.5f", key=f"edition_state_lat_{i}")
            lon = right.number_input(t("Longitude"), -180.0, 180.0, value=None, format="%.5f",
                                     key=f"edition_state_lon_{i}")
            if lat is not None and lon is not None and item.country_iso3:
                chosen.append(upload.Resolution(item.name, item.country_iso3, lat, lon))
        elif item.country_iso3:
            place = item.suggestions[pick]
            chosen.append(upload.Resolution(item.name, item.country_iso3, place.latitude, place.longitude,
                                            f"geonames:{place.geonameid}"))
        ui.points_map(upload.suggestion_points(item), key=f"edition_state_map_{i}", height=220)
    # A callback runs before the fragment redraws, so the report below it shows the new plan at once.
    st.button(t("Use these places and check again"), key="edition_state_apply", on_click=lambda: _review(
        name, raw, st.session_state["edition_state_details"], [*review.resolutions, *chosen], show_progress=False))


def _preview_and_commit(review) -> None:
    plan = review.plan
    shown = upload.preview(plan, ui.tables())
    st.subheader(t("Preview"))
    edition = shown["edition"]
    verb = t("replaces the existing edition") if shown["action"] == "replace" else t("adds a new edition")
    st.markdown(markdown.text(t("This file **{verb}** {id} ({year}): {rows:,} participation rows, {participants:,} "
                                "participants counted, {lgs} new local government(s)."), verb=verb,
                              id=edition["edition_id"], year=edition["year"], rows=shown["rows"],
                              participants=shown["participants_added"], lgs=len(shown["new_local_governments"])))
    st.dataframe(shown["headline"], hide_index=True)
    if len(shown["new_local_governments"]):
        st.dataframe(shown["new_local_governments"], hide_index=True, width="stretch")
    ui.points_map(shown["points"].assign(status=shown["points"]["new"].map({True: t("new"), False: t("known")})),
                  key="edition_state_preview_map")
    replace = False
    if plan.replaces_existing_edition:
        replace = st.checkbox(t("Replace the existing edition ({n:,} rows kept in the history)",
                                n=shown["replaced_rows"]), key="edition_state_replace")
    accepted = True
    if plan.warnings:
        accepted = st.checkbox(t("I have read the {n} warning(s) and accept them", n=len(plan.warnings)),
                               key="edition_state_accept")
    blocked = (plan.replaces_existing_edition and not replace) or not accepted
    st.button(t("Commit"), type="primary", disabled=blocked, key="edition_state_commit",
              on_click=_commit_edition, args=(plan, replace))


def _commit_edition(plan, replace: bool) -> None:
    result = upload.commit(ui.store(), plan, by=by, replace=replace)
    st.session_state["edition_outcome"] = (result, upload.map_link(plan) if result.ok else None)
    if result.ok:
        _new_generation("edition")


def _commit_cities(plan) -> None:
    result = upload.commit_cities(ui.store(), plan, by=by)
    st.session_state["cities_outcome"] = result
    if result.ok:
        _new_generation("cities")


@st.fragment
def edition_wizard() -> None:
    outcome = st.session_state.get("edition_outcome")
    if outcome:
        ui.outcome(outcome[0])
        if outcome[1]:
            ui.link_to_page(t("Open the map filtered to this edition"), outcome[1])
    upload_file = _uploaded("edition", t("Edition file (CSV or XLSX, one row per participant or local government)"))
    if upload_file is None:
        return
    name, raw = upload_file
    look = upload.inspect(raw, name, row_cap=settings.row_cap)
    ui.detection(look["detected"], look["head"])
    previous = ui.store().find_import_by_sha(look["sha256"])
    if previous is not None:
        st.info(markdown.text(t("This exact file was already imported (import #{id}); committing it again changes "
                                "nothing."), id=previous))
    details = _edition_form(look)
    if details is not None:
        st.session_state.pop("edition_outcome", None)
        _review(name, raw, details)
    review = st.session_state.get("edition_state_review")
    if review is None or review.detected["sha256"] != look["sha256"]:
        return
    st.subheader(t("Validation report"))
    ui.problem_report(review.plan.problems, review.summary, key="edition_state_report", file_name=name)
    if review.unresolved:
        _resolve(review, name, raw)
    if review.can_commit:
        _preview_and_commit(review)


@st.fragment
def cities_wizard() -> None:
    outcome = st.session_state.get("cities_outcome")
    if outcome:
        ui.outcome(outcome)
    upload_file = _uploaded("cities", t("Cities file (CSV or XLSX): {columns}",
                                        columns=", ".join((*upload.CITY_COLUMNS, "lg_id"))))
    if upload_file is None:
        return
    name, raw = upload_file
    update, bar = ui.stage_progress()
    update("validate", 0.3)
    plan = upload.check_cities(raw, name, countries=ui.reference().resolver, shapes=ui.reference().shapes,
                               known_local_governments=ui.tables()["local_government"], row_cap=settings.row_cap)
    bar.empty()
    ui.detection(plan.detected)
    st.subheader(t("Validation report"))
    ui.problem_report(plan.problems, upload.summarise(plan.problems, plan.detected["rows"]), key="cities_state_report",
                      file_name=name)
    if not plan.can_commit:
        return
    st.subheader(t("Preview"))
    st.markdown(markdown.text(t("{added} local government(s) added, {corrected} corrected."), added=plan.added,
                              corrected=len(plan.corrections)))
    shown = upload.cities_preview(plan)
    st.dataframe(shown, hide_index=True, width="stretch")
    ui.points_map(shown, key="cities_state_map")
    accepted = True
    if plan.warnings:
        accepted = st.checkbox(t("I have read the {n} warning(s) and accept them", n=len(plan.warnings)),
                               key="cities_state_accept")
    st.button(t("Commit"), type="primary", disabled=not accepted, key="cities_state_commit", on_click=_commit_cities,
              args=(plan,))


with st.expander(t("Templates")):
    left, right, third = st.columns(3)
    left.download_button(t("Edition template (CSV)"), upload.template_csv(), "ssedash-template.csv", "text/csv")
    right.download_button(t("Edition template (XLSX)"), upload.template_xlsx(), "ssedash-template.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    third.download_button(t("Cities template (CSV)"), upload.cities_template_csv(), "ssedash-cities-template.csv",
                          "text/csv")
edition_tab, cities_tab = st.tabs([t("Edition file"), t("Cities file")])
with edition_tab:
    edition_wizard()
with cities_tab:
    cities_wizard()
