"""The HTML report's stylesheet (print-friendly), in the palette of its map."""

from __future__ import annotations

PALETTE = {
    "ink": "#1b1f24",
    "muted": "#5b6470",
    "land": "#e6e8eb",
    "border": "#ffffff",
    "reached": "#56B4E9",
    "named": "#B8DCF2",
    "reached_dark": "#0072B2",
    "point": "#D55E00",
    "warn": "#E69F00",
}


def stylesheet() -> str:
    """The report's stylesheet (print-friendly), in the palette of the map."""
    return f"""body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: {PALETTE["ink"]}; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; line-height: 1.45; }}
h1 {{ font-size: 1.7rem; margin-bottom: .2rem; }} h2 {{ font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }}
.muted, .sub, .note {{ color: {PALETTE["muted"]}; font-size: .85rem; }}
.kpis {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: .8rem; margin: 1.2rem 0; }}
.kpi {{ border: 1px solid #dde1e6; border-radius: 8px; padding: .7rem .9rem; }}
.kpi .label {{ font-size: .85rem; color: {PALETTE["muted"]}; }} .kpi .value {{ font-size: 1.8rem; font-weight: 650; }}
.kpi .qual {{ font-size: 1rem; font-weight: 500; }}
table {{ border-collapse: collapse; width: 100%; font-size: .85rem; }} th, td {{ border-bottom: 1px solid #e5e7ea; padding: .35rem .4rem; text-align: left; vertical-align: top; }}
th {{ background: #f4f6f8; }} td.num, th.num {{ text-align: right; white-space: nowrap; }}
.map {{ width: 100%; height: auto; border: 1px solid #e5e7ea; border-radius: 6px; }}
.chart {{ margin: 1rem 0 1.4rem; }} .chart figcaption {{ font-weight: 600; font-size: .95rem; }}
.chart svg {{ width: 100%; height: auto; font-family: inherit; }}
.legend span.forum {{ border-left: 2px dotted #8c8c8c; border-radius: 0; width: 0; }}
.legend span {{ display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin: 0 .3rem 0 1rem; vertical-align: middle; }}
.demo {{ background: #fff3cd; border: 2px solid {PALETTE["warn"]}; padding: .6rem; font-weight: 650; margin: 1rem 0; }}
a {{ color: {PALETTE["reached_dark"]}; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ break-after: avoid; }} tr {{ break-inside: avoid; }} }}
"""
