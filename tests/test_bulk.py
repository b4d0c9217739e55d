"""Bulk work with fewer garbage collections (ssedash.bulk): thresholds raised inside, put back after, also when
nested, raised or shared between threads."""

from __future__ import annotations

import gc
import threading

import pytest

from ssedash.bulk import BULK_THRESHOLD, few_collections


def test_inside_the_young_generation_is_collected_less_often_and_the_thresholds_come_back():
    before = gc.get_threshold()
    with few_collections():
        assert gc.get_threshold()[0] == max(before[0], BULK_THRESHOLD)
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before


def test_nested_uses_and_errors_put_the_thresholds_back_once_the_last_one_leaves():
    before = gc.get_threshold()
    with pytest.raises(ValueError), few_collections():
        with few_collections():
            pass
        assert gc.get_threshold()[0] == max(before[0], BULK_THRESHOLD)  # the outer one still holds
        raise ValueError
    assert gc.get_threshold() == before


def test_as_a_decorator_it_returns_the_function_result():
    @few_collections()
    def work(n):
        return n, gc.get_threshold()[0]

    assert work(3) == (3, max(gc.get_threshold()[0], BULK_THRESHOLD))


def test_overlapping_threads_leave_the_thresholds_as_they_found_them():
    before = gc.get_threshold()
    inside, leave = threading.Barrier(2), threading.Event()

    def session():
        with few_collections():
            inside.wait()
            leave.wait()

    first = threading.Thread(target=session)
    first.start()
    with few_collections():
        inside.wait()
    assert gc.get_threshold()[0] == max(before[0], BULK_THRESHOLD)  # this thread left; the other still holds
    leave.set()
    first.join()
    assert gc.get_threshold() == before
