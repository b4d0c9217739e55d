"""Rows in and out of the store (ssedash.store.rows): frames become plain Python records every driver accepts."""

from __future__ import annotations

import math

import pandas as pd

from ssedash.store.rows import records


def test_records_are_plain_python_values_with_none_where_a_cell_is_missing():
    frame = pd.DataFrame(
        {
            "n": pd.array([3, None], dtype="Int64"),
            "x": pd.array([1.5, float("nan")], dtype="float64"),
            "member": pd.array([True, None], dtype="boolean"),
            "name": pd.array(["Seoul", None], dtype="str"),
        }
    )
    rows = records(frame)
    assert rows == [
        {"n": 3, "x": 1.5, "member": True, "name": "Seoul"},
        {"n": None, "x": None, "member": None, "name": None},
    ]
    assert [type(v) for v in rows[0].values()] == [int, float, bool, str]


def test_records_match_the_frame_row_by_row_and_leave_it_unchanged():
    frame = pd.DataFrame({"a": ["x", "y", "z"], "b": pd.array([1, 2, None], dtype="Int64")})
    before = frame.copy()
    assert [r["b"] for r in records(frame)] == [1, 2, None] and [r["a"] for r in records(frame)] == ["x", "y", "z"]
    assert frame.equals(before)
    assert not any(isinstance(v, float) and math.isnan(v) for r in records(frame) for v in r.values())
