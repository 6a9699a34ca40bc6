"""The content-addressed store: same content -> same version, nothing overwritten, every read
re-verified (a changed frame or config file is refused), unknown versions named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from screening.errors import StoreError, VersionUnavailableError
from screening.lists.build import from_folder
from screening.lists.snapshot import ListSnapshot, snapshot_version
from screening.matching.config import MATCHERS
from screening.paths import BUNDLED_POLICY
from screening.store import SnapshotStore


@pytest.fixture(scope="module")
def two_sources(shared_lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lists")
    for source in ("us_ofac_cons", "us_bis_dpl"):
        shutil.copytree(shared_lists_dir / source, root / source)
    return root


@pytest.fixture(scope="module")
def snapshot(two_sources: Path) -> ListSnapshot:
    return from_folder(two_sources)


def test_round_trip_gives_the_same_snapshot(snapshot: ListSnapshot, tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "store")
    stored = store.put_snapshot(snapshot)
    assert stored.created and stored.path.name == snapshot.version.removeprefix("sha256:")
    back = store.get_snapshot(snapshot.version)
    assert back.version == snapshot.version == snapshot_version(back.entities)
    assert back.entities.equals(snapshot.entities)
    assert back.sources == snapshot.sources  # counts, per-source versions, files and hashes
    manifest = store.manifest(snapshot.version)
    prim = next(
        f for f in manifest["sources"]["us_ofac_cons"]["files"] if f["name"] == "cons_prim.csv"
    )
    # PROVENANCE.md checksum of cons_prim.csv
    assert prim["sha256"] == "7027f6656b7815e38b1a5517e66d7f00ad7bdae814510cddff11771c439f08b2"


def test_same_content_elsewhere_is_the_same_entry(
    snapshot: ListSnapshot, two_sources: Path, tmp_path: Path
) -> None:
    store = SnapshotStore(tmp_path / "store")
    store.put_snapshot(snapshot)
    parquet = store.snapshot_path(snapshot.version) / "entities.parquet"
    before = parquet.stat().st_mtime_ns
    moved = shutil.copytree(two_sources, tmp_path / "copy")
    again = store.put_snapshot(from_folder(moved))
    assert (again.version, again.created) == (snapshot.version, False)
    assert parquet.stat().st_mtime_ns == before  # never overwritten
    assert len(list((tmp_path / "store" / "lists").iterdir())) == 1


def test_a_changed_stored_frame_is_refused(snapshot: ListSnapshot, tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "store")
    store.put_snapshot(snapshot)
    parquet = store.snapshot_path(snapshot.version) / "entities.parquet"
    edited = snapshot.entities.with_columns(
        pl.when(pl.col("entity_id") == snapshot.entities["entity_id"][0])
        .then(pl.lit("SOMEONE ELSE"))
        .otherwise(pl.col("name"))
        .alias("name")
    )
    edited.write_parquet(parquet)
    with pytest.raises(StoreError, match="content gives list version"):
        store.get_snapshot(snapshot.version)


def test_unknown_versions_are_named(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "store")
    missing = "sha256:" + "ab" * 32
    with pytest.raises(VersionUnavailableError, match=missing):
        store.get_snapshot(missing)
    with pytest.raises(VersionUnavailableError, match="not a sha256"):
        store.get_snapshot("../../etc")
    with pytest.raises(VersionUnavailableError, match=missing):
        store.get_config(missing)
    with pytest.raises(VersionUnavailableError, match=r"pillar-one@9\.9\.9"):
        store.get_policy("pillar-one@9.9.9+000000000000")


def test_matcher_configs_by_digest(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "store")
    config = MATCHERS["name-match-v1"].model_copy(update={"flag_threshold": 0.7})
    digest = store.put_config(config)
    assert digest == "sha256:" + config.digest
    assert store.get_config(digest) == config
    path = tmp_path / "store" / "configs" / f"{config.digest}.json"
    document = json.loads(path.read_text())
    document["config"]["flag_threshold"] = 0.5
    path.chmod(0o644)
    path.write_text(json.dumps(document))
    with pytest.raises(StoreError, match="does not give"):
        store.get_config(digest)


def test_policy_bundles_by_version(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "store")
    version = store.put_policy(BUNDLED_POLICY)
    assert store.put_policy(BUNDLED_POLICY) == version
    assert store.get_policy(version).version == version


def test_every_installed_policy_version_is_stored(tmp_path: Path) -> None:
    from screening.paths import POLICY_DIR
    from screening.policy.installed import load_policy_set

    store = SnapshotStore(tmp_path / "store")
    versions = store.put_policies(POLICY_DIR)
    installed = [p.version for p in load_policy_set(POLICY_DIR).policies]
    assert sorted(versions) == sorted(installed) and len(versions) >= 2
    for version in versions:
        assert store.get_policy(version).version == version
