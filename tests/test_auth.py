"""Who may change data: modes, the password hash, the growing delay, the analyst allow-list."""

import pytest

from ssedash import auth
from ssedash.__main__ import main


def test_only_local_and_team_modes_can_change_data():
    assert auth.can_change_data("local") and auth.can_change_data("team")
    assert not auth.can_change_data("public")


@pytest.mark.parametrize("mode, oidc, password, expected", [
    ("local", False, None, auth.OPEN),
    ("public", True, "x", auth.CLOSED),
    ("team", True, "x", auth.OIDC),
    ("team", False, "x", auth.PASSWORD),
    ("team", False, None, auth.CLOSED),
])
def test_the_gate_follows_the_mode_and_what_is_configured(mode, oidc, password, expected):
    assert auth.gate_kind(mode, oidc_configured=oidc, password_hash=password) == expected


def test_a_hashed_password_verifies_and_a_wrong_one_does_not():
    encoded = auth.hash_password("correct horse", iterations=1000)
    scheme, iterations, salt, digest = encoded.split("$")
    assert (scheme, iterations, len(salt), len(digest)) == ("pbkdf2_sha256", "1000", 32, 64)
    assert auth.verify_password("correct horse", encoded)
    assert not auth.verify_password("correct horse ", encoded)
    assert not auth.verify_password("", encoded)


def test_two_hashes_of_one_password_differ_by_their_salt():
    assert auth.hash_password("pw", iterations=10) != auth.hash_password("pw", iterations=10)


@pytest.mark.parametrize("encoded", [None, "", "garbage", "md5$1$00$00", "pbkdf2_sha256$x$00$00",
                                     "pbkdf2_sha256$0$00$00", "pbkdf2_sha256$10$zz$00"])
def test_a_missing_or_malformed_hash_admits_nobody(encoded):
    assert not auth.verify_password("anything", encoded)


def test_an_empty_password_cannot_be_hashed():
    with pytest.raises(ValueError):
        auth.hash_password("")


def test_the_delay_doubles_with_each_failure_up_to_eight_seconds():
    assert [auth.failure_delay(n) for n in range(6)] == [0, 2, 4, 8, 8, 8]


def test_check_password_waits_before_answering_and_counts_failures():
    waits = []
    encoded = auth.hash_password("right", iterations=10)
    assert auth.check_password("wrong", encoded, 0, sleep=waits.append) == (False, 1)
    assert auth.check_password("wrong", encoded, 1, sleep=waits.append) == (False, 2)
    assert auth.check_password("right", encoded, 2, sleep=waits.append) == (True, 0)
    assert waits == [2.0, 4.0]


def test_the_allow_list_merges_env_and_secrets_case_insensitively():
    allowed = auth.analyst_emails({"SSEDASH_ANALYSTS": " Ana@GSEF.net, ,bo@x.org"}, {"analysts": ["Cy@y.org"]})
    assert allowed == {"ana@gsef.net", "bo@x.org", "cy@y.org"}
    assert auth.is_allowed("ANA@gsef.net", allowed)
    assert not auth.is_allowed("eve@x.org", allowed)
    assert not auth.is_allowed(None, allowed)
    assert not auth.is_allowed("ana@gsef.net", frozenset())


def test_the_password_hash_comes_from_env_before_secrets():
    assert auth.password_hash({"SSEDASH_PASSWORD_HASH": "a"}, {"password_hash": "b"}) == "a"
    assert auth.password_hash({}, {"password_hash": "b"}) == "b"
    assert auth.password_hash({}, {}) is None


def test_the_local_user_falls_back_to_local_analyst():
    assert auth.local_user(lambda: "maria") == "maria"
    assert auth.local_user(lambda: "") == auth.LOCAL_ANALYST

    def broken():
        raise OSError("no user")

    assert auth.local_user(broken) == auth.LOCAL_ANALYST


def test_the_cli_prints_a_hash_that_verifies(capsys):
    assert main(["hash-password", "--password", "s3cret", "--iterations", "100"]) == 0
    assert auth.verify_password("s3cret", capsys.readouterr().out.strip())
