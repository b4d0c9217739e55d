"""The embeddable view (`?embed=true`): the headline sentence and the map, no sidebar, a link to the full app."""

import streamlit as st

from ssedash import impact, markdown, share, ui
from ssedash.i18n import t

ui.ensure_router()
ui.embed_css()
chosen = ui.url_filters()
ui.demo_banner()
st.title(t("GSEF capacity building on the Social and Solidarity Economy"))
result = ui.held(impact.impact, ui.forums())
if result is None:
    ui.empty_state()
    st.stop()
st.markdown(f"**{markdown.escape(result.sentence)}**")
st.plotly_chart(
    ui.map_figure(chosen, height=460),
    key="embed_map",
    width="stretch",
    config={"displaylogo": False, "displayModeBar": False},
)
root = ui.root()
st.caption(markdown.escape(result.caveat))
st.markdown(markdown.link(t("Open in ssedash ↗"), share.view_url(root, "impact", chosen) if root else None))
