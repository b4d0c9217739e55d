"""What a result shows, gathered for the pseudo-French tests (tests/pseudo_language.py): chart titles and axis
titles, table headers, sentences. `untranslated(texts)` names those that did not go through the catalogues."""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go

from tests.pseudo_language import OPEN, leaks


def figure_texts(figure: go.Figure) -> list[str]:
    """A figure's title, axis titles and legend title (what t() must have made)."""
    layout = figure.layout
    texts = [layout.title.text]
    for axis in (layout.xaxis, layout.yaxis):
        if axis.title.text:
            texts.append(axis.title.text)
    if layout.legend.title.text:
        texts.append(layout.legend.title.text)
    return [text for text in texts if text]


DATA_FIELDS = ("sources",)  # links named after the editions (data): their label is checked apart


def shown_texts(result: object) -> list[str]:
    """Every chart's texts, every table's headers and every sentence (a str field but DATA_FIELDS) of a result
    dataclass."""
    texts: list[str] = []
    for field in dataclasses.fields(result):  # type: ignore[arg-type]
        if field.name in DATA_FIELDS:
            continue
        value = getattr(result, field.name)
        if isinstance(value, go.Figure):
            texts += figure_texts(value)
        elif isinstance(value, pd.DataFrame):
            texts += [str(column) for column in value.columns]
        elif isinstance(value, str) and value:
            texts.append(value)
    return texts


def untranslated(texts) -> list[str]:
    """The texts with no pseudo-translated part, or with English-looking words left outside them."""
    return [text for text in texts if OPEN not in text or leaks(text)]
