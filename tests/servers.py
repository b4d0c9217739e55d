"""Test servers started on loopback for the session: a throwaway PostgreSQL cluster.

`make test` runs the PostgreSQL store tests wherever Debian's postgresql package is installed; elsewhere they
skip with a reason, except when SSEDASH_REQUIRE_ALL=1 (set by .ci/run), where a missing server is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

REQUIRE_ALL = os.environ.get("SSEDASH_REQUIRE_ALL") == "1"


def unavailable(reason: str):
    """Skip locally; fail in CI, where every test must really run."""
    if REQUIRE_ALL:
        pytest.fail(f"required test dependency missing: {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:  # postgres refuses to run as root
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresCluster:
    def __init__(self):
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not candidates:
            raise FileNotFoundError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.bin = Path(candidates[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="ssedash-pg-"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"

    def start(self) -> PostgresCluster:
        subprocess.run(
            _as_postgres(
                [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
        )
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.dir / "log"),
                    "-w",
                    "start",
                    "-o",
                    f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
                ]
            ),
            check=True,
            capture_output=True,
        )
        return self

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import sqlalchemy as sa

        engine = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine.dispose()
        return self.url(name)


def start_postgres_or_none() -> tuple[PostgresCluster | None, str | None, str]:
    """(cluster we started, base URL, reason when none)."""
    url = os.environ.get("SSEDASH_TEST_PG_URL")
    if url:
        return None, url, ""
    try:
        cluster = PostgresCluster().start()
    except (FileNotFoundError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        return None, None, f"{error} {detail.decode(errors='replace')[-300:]}"
    for _ in range(50):
        try:
            with socket.create_connection(("127.0.0.1", cluster.port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    return cluster, cluster.url(), ""
