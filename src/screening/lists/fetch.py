"""`screening lists fetch`: download the official list files named in `lists/manifest.toml`.

An adapter (network and file I/O): no core module imports it. Each file goes to
`<dir>/<source_id>/<official file name>` (the last path segment of the URL, query dropped),
is written to a temporary file first and renamed into place only when the download is
complete and non-empty, so a failed download never replaces an existing file. What was fetched
(URL, file, size, sha256, UTC time) is recorded in `<dir>/<source_id>/FETCHED.json`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from screening.errors import ConfigError, FetchError

RECORD = "FETCHED.json"
_PLACEHOLDER = re.compile(r"<[^<>/]+>")
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Fetched:
    """One downloaded file."""

    source: str
    url: str
    path: Path
    size: int
    sha256: str
    fetched_at: str


def manifest_urls(manifest: Path) -> dict[str, list[str]]:
    """Source id → download URLs, in manifest order."""
    try:
        sources = tomllib.loads(manifest.read_text(encoding="utf-8")).get("sources", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{manifest}: cannot read the lists manifest: {exc}") from exc
    return {sid: [str(u) for u in entry.get("urls", [])] for sid, entry in sources.items()}


def rebase(url: str, base_url: str | None) -> str:
    """`url` with its scheme and host replaced by those of `base_url` (path and query kept)."""
    if not base_url:
        return url
    base = urlsplit(base_url)
    if not base.scheme or not base.netloc:
        raise ConfigError(f"--base-url {base_url!r}: needs a scheme and host (http://host:port)")
    parts = urlsplit(url)
    prefix = base.path.rstrip("/")
    return urlunsplit((base.scheme, base.netloc, prefix + parts.path, parts.query, ""))


def file_name(url: str) -> str:
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    if not name or name in {".", ".."}:
        raise ConfigError(f"{url}: no file name in the URL path")
    return name


def _download(source: str, url: str, target: Path, timeout: float) -> Fetched:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            request = urllib.request.Request(url, headers={"User-Agent": "screening-lists-fetch"})
            with urllib.request.urlopen(request, timeout=timeout) as response:
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise FetchError(f"{source}: {url}: empty body, nothing written")
        os.replace(tmp, target)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{source}: {url}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"{source}: {url}: {exc.reason}") from exc
    except TimeoutError as exc:
        raise FetchError(f"{source}: {url}: timed out after {timeout:g} s") from exc
    except OSError as exc:
        raise FetchError(f"{source}: {url}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    fetched_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Fetched(source, url, target, size, "sha256:" + digest.hexdigest(), fetched_at)


def _record(folder: Path, fetched: list[Fetched]) -> None:
    data = {
        "files": [
            {
                "file": f.path.name,
                "url": f.url,
                "size": f.size,
                "sha256": f.sha256,
                "fetched_at": f.fetched_at,
            }
            for f in fetched
        ]
    }
    tmp = folder / f".{RECORD}.part"
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / RECORD)


def fetch(
    manifest: Path,
    lists_dir: Path,
    *,
    sources: Iterable[str] = (),
    base_url: str | None = None,
    timeout: float = 60.0,
    skipped: list[str] | None = None,
) -> list[Fetched]:
    """Download every URL of the chosen sources (all by default) into `lists_dir`.

    A source with a placeholder in a URL (`<token>`) is skipped and named in `skipped`. Raises
    `FetchError` on the first failed download; files already in place stay as they were.
    """
    urls = manifest_urls(manifest)
    chosen = list(dict.fromkeys(sources)) or list(urls)
    unknown = [s for s in chosen if s not in urls]
    if unknown:
        raise ConfigError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(urls)}")
    done: list[Fetched] = []
    for source in chosen:
        if not urls[source]:
            if skipped is not None:
                skipped.append(f"{source}: no download URL in the manifest")
            continue
        marked = [u for u in urls[source] if _PLACEHOLDER.search(u)]
        if marked:
            if skipped is not None:
                skipped.append(f"{source}: URL needs a value filled in by hand: {marked[0]}")
            continue
        folder = lists_dir / source
        fetched = [
            _download(source, url, folder / file_name(url), timeout)
            for url in (rebase(u, base_url) for u in urls[source])
        ]
        _record(folder, fetched)
        done.extend(fetched)
    return done
