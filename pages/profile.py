"""Place profiles: one local government or one country, by URL (`?place=lg:np-tokha`, `?place=country:NPL`)."""

import streamlit as st

from ssedash import markdown, profiles, ui
from ssedash.i18n import t

ui.ensure_router()
ui.demo_banner()
ui.print_css()
st.title(t("Place profile"))
tables, countries = ui.tables(), ui.reference().countries
place = ui.chosen_place(ui.place_choices())
profile = profiles.profile(tables, countries, place)
if profile is None:
    st.info(t("Choose a country or a local government to see where and when it took part, with the sources."))
    st.stop()
st.header(markdown.escape(profile.title))
st.markdown(markdown.escape(profile.summary))
st.caption(t("A profile shows every recorded event of this place, whatever the sidebar filters."))
if isinstance(profile, profiles.LocalGovernmentProfile):
    for fact in profile.facts:
        st.markdown("- " + markdown.escape(fact))
    ui.place_map(profile.point, key="profile_map")
    ui.profile_link(t("Profile of the country"), profile.country)
else:
    ui.place_map(profile.points, key="profile_map", height=380)
    st.subheader(t("Local governments"))
    ui.link_table(profile.local_governments, t("Profile"), t("open profile"))
st.subheader(t("Events, with their sources"))
if profile.events.empty:
    st.caption(t("No event recorded."))
else:
    st.dataframe(
        profile.events,
        hide_index=True,
        width="stretch",
        column_config={
            t("Source"): st.column_config.LinkColumn(t("Source"), width="small"),
            t("Event"): st.column_config.TextColumn(t("Event"), width="medium"),
            t("Programme"): st.column_config.TextColumn(t("Programme"), width="small"),
        },
    )
ui.share_controls(profiles.profile_path(profile.place.kind, profile.place.id))
