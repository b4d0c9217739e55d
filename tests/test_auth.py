"""Who may change data: modes, the password hash, the growing delay, the analyst allow-list."""

import pytest

from ssedash import auth
from ssedash.__main__ import main


def test_only_local_and_team_modes_can_change_data():
    assert auth.can_change_data("local") and auth.can_change_data("team")
    assert not auth.can_change_data("public")


@pytest.mark.parametrize(
    "mode, oidc, password, expected",
    [
        ("local", False, None, auth.OPEN),
        ("public", True, "x", auth.CLOSED),
        ("team", True, "x", auth.OIDC),
        ("team", False, "x", auth.PASSWORD),
        ("team", False, None, auth.CLOSED),
    ],
)
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


@pytest.mark.parametrize(
    "encoded",
    [None, "", "garbage", "md5$1$00$00", "pbkdf2_sha256$x$00$00", "pbkdf2_sha256$0$00$00", "pbkdf2_sha256$10$zz$00"],
)
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


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def fail(limiter, times, user="ana", address="10.0.0.1"):
    return [limiter.failed(user, address) for _ in range(times)]


def test_the_limiter_locks_a_user_out_after_five_failures_and_says_for_how_long():
    clock = Clock()
    limiter = auth.SignInLimiter(clock=clock)
    assert fail(limiter, 4) == [0, 0, 0, 0] and limiter.locked_for("ana", "10.0.0.1") == 0
    assert limiter.failures("ana", "10.0.0.1") == 4
    assert fail(limiter, 1) == [60.0]
    clock.now += 15
    assert limiter.locked_for("Ana ", "10.9.9.9") == 45.0  # the same user from elsewhere: still locked
    assert limiter.locked_for("bob", "10.0.0.1") == 45.0  # another name from the same address: still locked
    assert limiter.locked_for("bob", "10.9.9.9") == 0


def test_each_failure_after_a_lockout_doubles_the_next_one_up_to_an_hour():
    clock = Clock()
    limiter = auth.SignInLimiter(clock=clock)
    fail(limiter, 5)
    lockouts = []
    for _ in range(8):
        clock.now += limiter.locked_for("ana", "10.0.0.1")
        lockouts += fail(limiter, 1)
    assert lockouts == [120.0, 240.0, 480.0, 960.0, 1920.0, 3600.0, 3600.0, 3600.0]


def test_a_success_clears_the_count_and_old_failures_are_forgotten():
    clock = Clock()
    limiter = auth.SignInLimiter(clock=clock)
    fail(limiter, 3)
    limiter.succeeded("ana", "10.0.0.1")
    assert limiter.failures("ana", "10.0.0.1") == 0
    fail(limiter, 3)
    clock.now += auth.FORGET_AFTER_SECONDS + 1
    assert limiter.failures("ana", "10.0.0.1") == 0 and fail(limiter, 1) == [0]


def test_without_a_name_only_the_address_counts():
    limiter = auth.SignInLimiter(clock=Clock())
    fail(limiter, 5, user="", address="10.0.0.1")
    assert limiter.locked_for("", "10.0.0.2") == 0 and limiter.locked_for("", "10.0.0.1") == 60.0


def test_the_limiter_keeps_a_bounded_number_of_users_and_addresses():
    clock = Clock()
    limiter = auth.SignInLimiter(clock=clock, max_keys=10)
    for i in range(50):
        limiter.failed(f"user{i}", f"10.0.0.{i}")
    assert len(limiter._records) <= 10


def test_waits_are_said_in_words():
    assert [auth.describe_wait(s) for s in (0.2, 45, 60, 61, 120, 3600, 7200)] == [
        "1 second",
        "45 seconds",
        "60 seconds",
        "61 seconds",
        "2 minutes",
        "60 minutes",
        "2 hours",
    ]


def test_the_client_address_is_the_connection_else_what_a_local_proxy_saw():
    assert auth.client_address("203.0.113.5", {"X-Forwarded-For": "1.2.3.4"}) == "203.0.113.5"
    assert auth.client_address(None, {"X-Forwarded-For": "6.6.6.6, 203.0.113.5"}) == "203.0.113.5"
    assert auth.client_address(None, {"X-Real-Ip": "203.0.113.7"}) == "203.0.113.7"
    assert auth.client_address(None, {}) == "local" and auth.client_address(None, None) == "local"
