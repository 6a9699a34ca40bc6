"""The composition root: a replaced screener is freed, and building one leaves GC as it was."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
import weakref
from pathlib import Path

import pytest

from screening.events import event_from_dict
from screening.paths import BUNDLED_LISTS, BUNDLED_POLICY
from screening.runtime import build_screener, build_screener_async, load_settings, relaxed_gc
from screening.settings import Settings

EVENT = {
    "event_id": "gc-1",
    "occurred_at": "2026-11-28T10:00:00Z",
    "parties": [{"role": "buyer", "name": "Global Logistics Partners"}],
    "goods": [{"line": 1, "hs_code": "940360", "origin_country": "DE"}],
    "destination_country": "US",
}


@pytest.fixture
def sample_settings() -> Settings:
    return Settings(lists_dir=BUNDLED_LISTS, policy=BUNDLED_POLICY)


def _refs(settings: Settings) -> list[weakref.ref[object]]:
    screener = build_screener(settings)
    screener.decide(event_from_dict(EVENT), "2026-11-28T10:00:00.000Z")  # fill the caches
    return [
        weakref.ref(screener),
        weakref.ref(screener.matcher),
        weakref.ref(screener.matcher._index),
        weakref.ref(screener.snapshot),
    ]


def test_a_dropped_screener_is_collected(sample_settings: Settings) -> None:
    refs = _refs(sample_settings)
    gc.collect()
    assert [r() for r in refs] == [None] * len(refs)


def test_a_dropped_screener_is_freed_by_refcount_alone(sample_settings: Settings) -> None:
    """No reference cycle holds it: freed at once, even with the collector off."""
    gc.collect()
    gc.disable()
    try:
        refs = _refs(sample_settings)
        alive = [r() is not None for r in refs]
    finally:
        gc.enable()
    assert alive == [False] * len(refs)


def test_building_leaves_the_collector_on_and_restores_thresholds(
    sample_settings: Settings,
) -> None:
    before = gc.get_threshold()
    seen: list[bool] = []
    with relaxed_gc():
        seen.append(gc.isenabled())
        assert gc.get_threshold()[0] >= 100_000
        with relaxed_gc():  # nested, as two builder threads would
            pass
        assert gc.get_threshold()[0] >= 100_000
    build_screener(sample_settings)
    assert (seen, gc.isenabled(), gc.get_threshold()) == ([True], True, before)
    assert not gc.get_freeze_count()


def test_build_off_the_event_loop(sample_settings: Settings) -> None:
    async def main() -> tuple[str, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.001)

        task = asyncio.create_task(ticker())
        screener = await build_screener_async(sample_settings)
        task.cancel()
        return screener.snapshot.version, ticks

    main_thread = threading.get_ident()
    version, ticks = asyncio.run(main())
    assert version.startswith("sha256:")
    assert ticks > 0  # the loop ran while the screener was built
    assert threading.get_ident() == main_thread


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.slow
def test_rss_stays_flat_over_ten_swaps(shared_lists_dir: Path, tmp_path: Path) -> None:
    """The worker's swap: the next screener is built while the old one serves, then replaces
    it. Before the fix each swap kept the old one (+233 MB a swap on all lists)."""
    lists = tmp_path / "lists"  # two large sources: a third of the real lists, same shapes
    lists.mkdir()
    for source in ("us_ofac_sdn", "un_sc"):
        (lists / source).symlink_to(shared_lists_dir / source)
    settings = load_settings(lists_dir=lists, policy=BUNDLED_POLICY)
    gc.collect()
    start = _rss_mb()
    screener = build_screener(settings)
    one = _rss_mb() - start  # one screener and the module caches it filled
    rss = []
    for _ in range(10):
        screener = build_screener(settings)
        screener.decide(event_from_dict(EVENT), "2026-11-28T10:00:00.000Z")
        gc.collect()
        rss.append(_rss_mb())
    print(f"RSS start {start:.0f} MB, one screener +{one:.0f} MB, swaps {rss}")
    # After the first swaps the allocator reuses the freed memory; a leak would add `one` a swap.
    assert rss[-1] - rss[2] < 0.5 * one, rss
    assert max(rss) - start < 3 * one, rss
