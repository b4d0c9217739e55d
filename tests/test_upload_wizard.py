"""ssedash.upload.wizard: the Upload page's state transitions, as pure functions over a state snapshot."""

from __future__ import annotations

from types import SimpleNamespace

from ssedash.upload import Outcome, Status, wizard


def test_a_new_generation_empties_the_uploader_and_drops_the_working_state_of_that_wizard_only():
    state = {"edition_generation": 2, "edition_state_review": "r", "edition_state_pick_0": 1, "cities_state_x": 1}
    change = wizard.new_generation(state, "edition")
    assert change.set == {"edition_generation": 3}
    assert set(change.drop) == {"edition_state_review", "edition_state_pick_0"}
    assert wizard.uploader_key(state, "edition") == "edition_file_2"
    assert wizard.uploader_key({}, "cities") == "cities_file_0"


def test_a_review_is_current_only_for_the_file_it_was_made_of():
    review = SimpleNamespace(detected=SimpleNamespace(sha256="abc"))
    state = {wizard.REVIEW: review}
    assert wizard.current_review(state, "abc") is review
    assert wizard.current_review(state, "other") is None
    assert wizard.current_review({}, "abc") is None


def test_a_commit_that_wrote_starts_again_and_one_that_did_not_keeps_the_file():
    state = {"edition_generation": 0, "edition_state_review": "r"}
    written = wizard.committed(state, "edition", Outcome(Status.COMMITTED, "ok"), "/map?x")
    assert written.set["edition_outcome"][1] == "/map?x" and written.set["edition_generation"] == 1
    assert "edition_state_review" in written.drop
    refused = wizard.committed(state, "edition", Outcome(Status.EXISTS, "exists"))
    assert "edition_generation" not in refused.set and refused.drop == ()
    cities = wizard.committed({}, "cities", Outcome(Status.DUPLICATE, "dup"))
    assert cities.set == {"cities_outcome": Outcome(Status.DUPLICATE, "dup")}


def test_commit_waits_for_replace_when_the_edition_exists_and_for_accepted_warnings():
    assert wizard.commit_blocked(replaces_existing=True, replace_ticked=False, warnings_accepted=True)
    assert wizard.commit_blocked(replaces_existing=False, replace_ticked=False, warnings_accepted=False)
    assert not wizard.commit_blocked(replaces_existing=True, replace_ticked=True, warnings_accepted=True)


def test_a_file_over_the_size_cap_is_too_large():
    assert wizard.too_large(b"x" * (1024 * 1024 + 1), 1) and not wizard.too_large(b"x" * 1024, 1)


def test_statuses_print_as_plain_words():
    assert f"{Status.COMMITTED}" == "committed" and Status("refused") is Status.REFUSED
