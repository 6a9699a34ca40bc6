"""The local broker: start/status/stop on a real JVM broker, idempotent, with clear errors."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from screening.cli import main
from screening.errors import BrokerError
from screening.kafka import broker


def test_rendered_config_has_no_inline_comments(tmp_path: Path) -> None:
    """Java .properties have no inline comments: `x=1  # c` is the value `1  # c`."""
    text, listeners = broker.render_config(tmp_path, 19999, 19998)
    for line in text.splitlines():
        if line and not line.startswith("#"):
            assert "#" not in line, line
    assert "listeners=LOOPBACK_PLAINTEXT://127.0.0.1:19999,CONTROLLER://127.0.0.1:19998" in text
    assert "auto.create.topics.enable=false" in text
    assert "group.initial.rebalance.delay.ms=0" in text
    assert [x.name for x in listeners] == ["LOOPBACK_PLAINTEXT", "CONTROLLER"]


def test_cluster_id_is_kafka_shaped() -> None:
    ids = {broker.new_cluster_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 22 and not i.startswith("-") for i in ids)


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(BrokerError, match=r"Java is not installed.*openjdk-17-jre-headless"):
        broker.start(tmp_path / "data", broker.free_port())


def test_missing_maven_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BrokerError, match=r"Maven \(mvn\) is not installed.*apt-get install maven"):
        broker.fetch_jars(tmp_path / "libs")


def test_status_of_a_data_dir_without_broker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["broker", "status", "--data", str(tmp_path)]) == 3
    assert "not running" in capsys.readouterr().err
    assert main(["broker", "stop", "--data", str(tmp_path)]) == 0
    assert "no broker running" in capsys.readouterr().out


@pytest.mark.kafka
def test_start_is_idempotent_and_stop_waits(
    tmp_path: Path, kafka_bootstrap: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second broker (own data dir, beside the session one): start twice, status, stop twice."""
    data = tmp_path / "broker"
    port = broker.free_port()
    try:
        assert main(["broker", "start", "--data", str(data), "--port", str(port)]) == 0
        assert capsys.readouterr().out.strip() == f"127.0.0.1:{port}"
        first = broker.status(data)
        assert first.running and first.pid is not None
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass

        # again, with and without --port: the same process, the same address
        assert main(["broker", "start", "--data", str(data)]) == 0
        assert capsys.readouterr().out.strip() == f"127.0.0.1:{port}"
        assert broker.start(data, port) == f"127.0.0.1:{port}"
        assert broker.status(data).pid == first.pid
        with pytest.raises(BrokerError, match="already runs at"):
            broker.start(data, broker.free_port())

        assert main(["broker", "status", "--data", str(data)]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert f"LOOPBACK_PLAINTEXT 127.0.0.1:{port} PLAINTEXT" in lines
        assert any(line.startswith("CONTROLLER 127.0.0.1:") for line in lines)

        # a port taken by someone else is refused before a JVM starts
        with pytest.raises(BrokerError, match="already in use"):
            broker.start(tmp_path / "other", port)
    finally:
        assert main(["broker", "stop", "--data", str(data)]) == 0
    assert "stopped the broker" in capsys.readouterr().out
    assert not broker._alive(first.pid)
    assert not broker.status(data).running
    assert main(["broker", "stop", "--data", str(data)]) == 0
    assert "no broker running" in capsys.readouterr().out
