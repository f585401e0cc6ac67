"""benchmarks/bench_peer_alloc.py gives up on a stuck MariaDB and says so, instead of hanging."""

import socket
import threading
import time

import pytest
from django.db import OperationalError, connection
from django.db.utils import ConnectionHandler

from benchmarks import bench_peer_alloc as bench


@pytest.fixture
def silent_server():
    """A TCP port that accepts connections and never says a word (a stuck server)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []

    def accept():
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for conn in held:
        conn.close()


def _finishes(fn, within):
    """``fn()``'s result, failing the test when it has not returned after ``within`` seconds."""
    outcome = {}

    def call():
        try:
            outcome["value"] = fn()
        except Exception as exc:  # noqa: BLE001 - handed to the test
            outcome["error"] = exc

    worker = threading.Thread(target=call, daemon=True)
    began = time.monotonic()
    worker.start()
    worker.join(within)
    assert not worker.is_alive(), f"still waiting after {within} s: it would hang"
    outcome["seconds"] = time.monotonic() - began
    return outcome


def _open(settings_dict, sql):
    """Open a Django connection from ``settings_dict`` (in this thread) and run ``sql``."""
    probe = ConnectionHandler({"default": settings_dict})["default"]
    try:
        with probe.cursor() as cursor:
            cursor.execute(sql)
    finally:
        probe.close()


def test_timeouts_default_and_follow_the_environment(monkeypatch):
    monkeypatch.delenv("DXQ_BENCH_DB_TIMEOUT", raising=False)
    assert bench._timeouts() == {
        "connect_timeout": bench.CONNECT_TIMEOUT,
        "read_timeout": 120,
        "write_timeout": 120,
    }
    monkeypatch.setenv("DXQ_BENCH_DB_TIMEOUT", "7")
    assert bench._timeouts()["read_timeout"] == bench._timeouts()["write_timeout"] == 7
    settings_dict = {"OPTIONS": {"charset": "utf8mb4"}}
    assert bench._with_timeouts(settings_dict)["OPTIONS"] == {
        "charset": "utf8mb4",
        "connect_timeout": bench.CONNECT_TIMEOUT,
        "read_timeout": 7,
        "write_timeout": 7,
    }


def needs_mysqlclient():
    """The MariaDB driver is installed for `make test-mysql` only; these run in that pass."""
    pytest.importorskip("MySQLdb", reason="mysqlclient is installed for `make test-mysql`")


def test_the_reachability_probe_gives_up_on_a_silent_server(silent_server, monkeypatch, capsys):
    needs_mysqlclient()
    monkeypatch.setattr(bench, "CONNECT_TIMEOUT", 1)
    url = f"mysql://root@127.0.0.1:{silent_server}/dxq_operator_probe"
    outcome = _finishes(lambda: bench._mariadb_reachable(url), within=15)
    assert outcome == {**outcome, "value": False}
    assert "MariaDB not reachable" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_django_connection_gives_up_on_a_silent_server(silent_server, monkeypatch):
    """The connections the benchmark's threads open (Django's, from the shared settings)."""
    needs_mysqlclient()
    monkeypatch.setattr(bench, "CONNECT_TIMEOUT", 1)
    settings_dict = bench._with_timeouts(
        {
            "ENGINE": "django.db.backends.mysql",
            "NAME": "dxq_operator_probe",
            "USER": "root",
            "HOST": "127.0.0.1",
            "PORT": str(silent_server),
        }
    )
    outcome = _finishes(lambda: _open(settings_dict, "SELECT 1"), within=15)
    assert isinstance(outcome.get("error"), OperationalError)


@pytest.mark.django_db
def test_a_statement_that_never_answers_is_given_up(monkeypatch):
    if connection.vendor != "mysql":
        pytest.skip("a server-side wait needs MariaDB: run with DXQ_DATABASE_URL=mysql://…")
    monkeypatch.setenv("DXQ_BENCH_DB_TIMEOUT", "1")
    settings_dict = bench._with_timeouts(
        {**connection.settings_dict, "OPTIONS": dict(connection.settings_dict["OPTIONS"])}
    )
    outcome = _finishes(lambda: _open(settings_dict, "SELECT SLEEP(20)"), within=15)
    assert isinstance(outcome.get("error"), OperationalError)
    assert outcome["seconds"] < 10


class _Creation:
    def __init__(self, fails=False):
        self.fails, self.destroyed = fails, []

    def destroy_test_db(self, name, verbosity=1):
        self.destroyed.append(name)
        if self.fails:
            raise OperationalError(2013, "Lost connection to server during query")


class _Connection:
    def __init__(self, fails=False):
        self.settings_dict = {"NAME": "test_dxq_operator_bench"}
        self.creation = _Creation(fails)


@pytest.fixture
def no_close_all(monkeypatch):
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


def _stuck_midway(*args):
    raise OperationalError(2013, "Lost connection to server during query")


def test_a_stuck_run_prints_why_and_returns_no_records(monkeypatch, capsys, no_close_all):
    fake = _Connection()
    monkeypatch.setattr(bench, "_setup_django", lambda: fake)
    monkeypatch.setattr(bench, "_measure", _stuck_midway)
    assert bench.run() == []
    out = capsys.readouterr().out
    assert "peer_alloc: stopped: MariaDB refused or did not answer" in out
    assert "Lost connection to server during query" in out
    assert "DXQ_BENCH_DB_TIMEOUT" in out
    assert fake.creation.destroyed == ["test_dxq_operator_bench"]  # cleaned up all the same


def test_a_server_stuck_at_setup_or_cleanup_is_reported(monkeypatch, capsys, no_close_all):
    monkeypatch.setattr(bench, "_setup_django", _stuck_midway)
    assert bench.run() == []
    assert "peer_alloc: stopped" in capsys.readouterr().out

    fake = _Connection(fails=True)
    monkeypatch.setattr(bench, "_setup_django", lambda: fake)
    monkeypatch.setattr(bench, "_measure", lambda *args: ["a record"])
    assert bench.run() == ["a record"]
    assert "could not drop the test database test_dxq_operator_bench" in capsys.readouterr().out
