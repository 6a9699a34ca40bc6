"""`screening lists fetch` against a local HTTP server on loopback serving the shared files."""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from screening.cli import main
from screening.lists.fetch import RECORD, manifest_urls
from screening.lists.snapshot import ListSnapshot
from screening.paths import LISTS_MANIFEST

SOURCES = {"us_bis_dpl": "dpl.txt", "un_sc": "consolidated.xml"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def served(tmp_path: Path, shared_lists_dir: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, served root): the shared files at the paths of their official URLs."""
    root = tmp_path / "www"
    urls = manifest_urls(LISTS_MANIFEST)
    for source, name in SOURCES.items():
        (url,) = urls[source]
        target = root / urlsplit(url).path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared_lists_dir / source / name, target)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _fetch(lists: Path, base_url: str) -> int:
    argv = ["lists", "fetch", "--lists", str(lists), "--timeout", "10"]
    for source in SOURCES:
        argv += ["--source", source]
    return main([*argv, "--base-url", base_url])


def test_fetch_downloads_byte_identical_files_and_records_checksums(
    served: tuple[str, Path],
    tmp_path: Path,
    shared_lists_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base_url, _ = served
    lists = tmp_path / "lists"
    assert _fetch(lists, base_url) == 0
    for source, name in SOURCES.items():
        fetched = lists / source / name
        original = shared_lists_dir / source / name
        assert fetched.read_bytes() == original.read_bytes()
        record = json.loads((lists / source / RECORD).read_text(encoding="utf-8"))
        (entry,) = record["files"]
        assert entry["file"] == name
        assert entry["size"] == original.stat().st_size
        assert entry["sha256"] == "sha256:" + hashlib.sha256(fetched.read_bytes()).hexdigest()
        assert entry["url"].startswith(base_url + "/")
        assert entry["fetched_at"].endswith("Z")

    expected = ListSnapshot.load(shared_lists_dir, only=list(SOURCES))
    loaded = ListSnapshot.load(lists)
    assert set(loaded.sources) == set(SOURCES)
    for source in SOURCES:
        assert loaded.sources[source].entities == expected.sources[source].entities > 0
    assert loaded.version == expected.version

    capsys.readouterr()
    assert main(["lists", "show", "--lists", str(lists)]) == 0
    out = capsys.readouterr().out
    for source in SOURCES:
        line = next(x for x in out.splitlines() if x.startswith(source + " "))
        assert f"{expected.sources[source].entities:,}" in line.split()[1]


def test_http_404_is_exit_2_naming_the_url_and_keeps_the_previous_file(
    served: tuple[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base_url, root = served
    lists = tmp_path / "lists"
    assert _fetch(lists, base_url) == 0
    previous = (lists / "un_sc" / "consolidated.xml").read_bytes()
    (url,) = manifest_urls(LISTS_MANIFEST)["un_sc"]
    (root / urlsplit(url).path.lstrip("/")).unlink()
    capsys.readouterr()

    assert _fetch(lists, base_url) == 2
    err = capsys.readouterr().err
    assert "un_sc" in err and "404" in err
    assert f"{base_url}{urlsplit(url).path}" in err
    assert (lists / "un_sc" / "consolidated.xml").read_bytes() == previous
    assert not [p for p in (lists / "un_sc").iterdir() if p.name.endswith(".part")]


def test_placeholder_urls_are_skipped_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["lists", "fetch", "--lists", str(tmp_path), "--source", "eu_fsf"])
    assert code == 0
    assert "eu_fsf" in capsys.readouterr().err
    assert not (tmp_path / "eu_fsf").exists()
