"""An open page reruns when the store moved under it, and only then."""

from ssedash.ui.freshness import next_step, watches


def test_a_timed_check_that_sees_a_new_revision_reruns_the_app():
    assert next_step(seen=4, current=5, full_run=False) == (5, True)


def test_a_timed_check_that_sees_the_same_revision_does_nothing():
    assert next_step(seen=5, current=5, full_run=False) == (5, False)


def test_a_full_run_has_just_read_the_store_so_it_never_reruns_and_remembers_the_revision():
    assert next_step(seen=4, current=5, full_run=True) == (5, False)


def test_the_first_check_of_a_session_only_remembers_the_revision():
    assert next_step(seen=None, current=5, full_run=False) == (5, False)


def test_every_viewing_page_watches_the_store():
    assert all(watches(path) for path in ("", "impact", "map", "breakdowns", "data", "report", "history", "embed"))


def test_the_upload_page_does_not_watch_because_a_timed_run_leaves_its_wizard_steps_on_screen():
    assert not watches("upload")
