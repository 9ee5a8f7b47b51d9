"""A real PostgreSQL server for tests: a throwaway cluster, or the one `STEEPEST_TEST_POSTGRES_URL`
names.

As a pytest fixture: `postgres_server` (session-scoped) gives a `PostgresServer`, whose
`create_database()` returns the URL of a new, empty database. Import it into a conftest.py
(`from postgres import postgres_server`) to use it; `tests/` is on `sys.path` during a run.

The throwaway cluster is made with `initdb` + `pg_ctl` in a temporary folder, listens on a free
loopback port with a random password, and is deleted afterwards. PostgreSQL refuses to run as
root, so as root the server runs as the `postgres` user. Without PostgreSQL's programs the tests
that need it fail when `CI=true` (CI must run them) and are skipped elsewhere, saying why. Every
such test carries the `postgres` marker: give its database parameter the value `POSTGRESQL`.

By hand: `python tests/postgres.py COMMAND...` runs COMMAND with `STEEPEST_TEST_POSTGRES_URL` set
to a fresh cluster, then stops it (scripts/test-postgres.sh wraps this).
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

URL_VARIABLE = "STEEPEST_TEST_POSTGRES_URL"
POSTGRESQL = pytest.param("postgresql", marks=pytest.mark.postgres)
"""The PostgreSQL value of a test's database parameter, beside "sqlite". Marked `postgres`, so
that `pytest -m "not postgres"` (`make test-fast`) runs without a PostgreSQL server."""
_SUPERUSER = "steepest"
_START_ATTEMPTS = 3


@dataclass(frozen=True)
class PostgresServer:
    admin_url: str
    """A SQLAlchemy URL to a database on the server, as a user allowed to create databases."""

    def create_database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        name = f"steepest_test_{secrets.token_hex(6)}"
        with psycopg.connect(_libpq(self.admin_url), autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        assert name is not None and name.startswith("steepest_test_")
        with psycopg.connect(_libpq(self.admin_url), autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder, for as long as it is needed."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.password = secrets.token_urlsafe(18)
        self.folder = Path(tempfile.mkdtemp(prefix="steepest-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = 0
        self.owner = _server_user()

    def start(self) -> PostgresServer:
        try:
            self._initdb()
            for _attempt in range(_START_ATTEMPTS):
                # A port free now may be taken before the server binds it: then try another.
                self.port = _free_port()
                if self._pg_ctl(
                    "start", "-w", "-t", "30", "-l", str(self.log), "-o", self._options()
                ):
                    break
            else:
                raise RuntimeError(f"PostgreSQL did not start:\n{self._log_tail()}")
        except BaseException:
            self.stop()
            raise
        url = f"postgresql+psycopg://{_SUPERUSER}:{self.password}@127.0.0.1:{self.port}/postgres"
        return PostgresServer(url)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("stop", "-w", "-m", "fast")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _options(self) -> str:
        # Loopback TCP only; its Unix socket lives in the private folder, not /var/run.
        return f"-h 127.0.0.1 -p {self.port} -k {self.folder}"

    def _initdb(self) -> None:
        password_file = self.folder / "password"
        password_file.write_text(self.password + "\n")
        if self.owner is not None:
            for path in (self.folder, password_file):
                os.chown(path, self.owner.pw_uid, self.owner.pw_gid)
        self._run(
            self.bin_dir / "initdb",
            "-D",
            str(self.data),
            "-U",
            _SUPERUSER,
            f"--pwfile={password_file}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--no-locale",
            # Skips only initdb's final flush of the new files: the running server keeps
            # fsync and synchronous_commit on, as in production.
            "--no-sync",
        )
        password_file.unlink()

    def _pg_ctl(self, *args: str) -> bool:
        return self._run(self.bin_dir / "pg_ctl", "-D", str(self.data), *args, check=False)

    def _run(self, program: Path, *args: str, check: bool = True) -> bool:
        command = [str(program), *args]
        if self.owner is not None:
            command = [_runuser(), "-u", self.owner.pw_name, "--", *command]
        done = subprocess.run(
            command, cwd=self.folder, capture_output=True, text=True, check=False, timeout=60
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"{program.name} failed:\n{done.stdout}{done.stderr}")
        return done.returncode == 0

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-20:])
        except OSError:
            return "(no server log)"


def find_bin_dir() -> Path | None:
    """Where `initdb` and `pg_ctl` are: on PATH, or Debian's versioned folder (newest first)."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
        reverse=True,
    )
    return debian[0].parent if debian else None


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: None for the current user, `postgres` when that is root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError(
            "PostgreSQL refuses to run as root and there is no 'postgres' user to run it as"
        ) from None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def postgres_unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests must run in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    given = os.environ.get(URL_VARIABLE, "").strip()
    if given:
        yield PostgresServer(given)
        return
    bin_dir = find_bin_dir()
    if bin_dir is None:
        postgres_unavailable(
            f"initdb and pg_ctl were not found (install Debian's postgresql package,"
            f" or set {URL_VARIABLE} to a server where this user may create databases)"
        )
    cluster = ThrowawayCluster(bin_dir)
    server = cluster.start()
    try:
        yield server
    finally:
        cluster.stop()


def main(command: list[str]) -> int:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("initdb and pg_ctl were not found: install PostgreSQL", file=sys.stderr)
        return 2
    cluster = ThrowawayCluster(bin_dir)
    server = cluster.start()
    try:
        print(f"PostgreSQL on 127.0.0.1:{cluster.port} (data in {cluster.folder})", file=sys.stderr)
        environment = {**os.environ, URL_VARIABLE: server.admin_url}
        return subprocess.run(command, env=environment, check=False).returncode
    finally:
        cluster.stop()


def _runuser() -> str:
    # util-linux puts runuser in /usr/sbin, which a minimal PATH (cron, CI) may leave out.
    return shutil.which("runuser") or next(
        (str(p) for p in (Path("/usr/sbin/runuser"), Path("/sbin/runuser")) if p.exists()),
        "runuser",
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["pytest", "tests/store"]))
