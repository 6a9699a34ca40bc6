"""Startup wiring shared by the adapters: validated settings in, a ready `Screener` out.

This is the composition root, so the garbage-collector policy lives here and nowhere in the
core. Building a screener allocates about a million long-lived containers; with the default
gen-0 threshold (700) the collector runs thousands of young passes and several full passes over
the growing heap while they are built. `relaxed_gc` raises the thresholds for the build and
restores them after. It never switches the collector off and never freezes it: a worker builds
the next snapshot on a thread while its event loop keeps serving, and the old screener must be
freed once it is replaced (`gc.freeze` kept it alive forever: 472 → 715 → 939 MB).
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from screening.decision import Screener
from screening.lists.build import from_folder
from screening.matching.config import MatchConfig, resolve
from screening.policy.installed import load_policy_set
from screening.settings import Settings, load_settings

__all__ = [
    "build_screener",
    "build_screener_async",
    "load_settings",
    "match_config",
    "relaxed_gc",
]

# Young-generation threshold while building (the default is 700): passes stay rare but the
# collector stays on, so cycles made by the serving path meanwhile are still collected.
BUILD_GC_THRESHOLD = 100_000

_gc_lock = threading.Lock()
_gc_builders = 0
_gc_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def relaxed_gc(threshold: int = BUILD_GC_THRESHOLD) -> Iterator[None]:
    """Raise the collector's thresholds while bulk-building; safe from several threads."""
    global _gc_builders, _gc_saved
    with _gc_lock:
        if _gc_builders == 0:
            _gc_saved = gc.get_threshold()
            gen0, gen1, gen2 = _gc_saved
            gc.set_threshold(max(gen0, threshold), max(gen1, 50), gen2)
        _gc_builders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_builders -= 1
            if _gc_builders == 0:
                gc.set_threshold(*_gc_saved)


def match_config(settings: Settings) -> MatchConfig:
    """The pinned matcher version; thresholds set in the settings replace its own (and enter
    its digest), unset ones stay the matcher's."""
    return resolve(settings.matcher, block=settings.block_threshold, flag=settings.flag_threshold)


def build_screener(
    settings: Settings, lists_dir: Path | None = None, *, relax_gc: bool = True
) -> Screener:
    """Load lists and policy and build the matcher. Blocking and CPU-bound (seconds on the real
    lists); callable from any thread, it changes no process-wide state for longer than the build.
    """
    with relaxed_gc() if relax_gc else nullcontext():
        snapshot = from_folder(lists_dir or settings.lists_dir)
        policy = load_policy_set(settings.policy)
        screener = Screener(snapshot, policy, match_config(settings))
    if relax_gc:
        # One full pass now moves the build's half a million survivors to the oldest
        # generation; left in the younger ones, the first events' passes traverse them all
        # (measured: two such passes, 0.6 s, about 30% of `screening screen` on 2,068 events).
        gc.collect()
    return screener


async def build_screener_async(settings: Settings, lists_dir: Path | None = None) -> Screener:
    """`build_screener` off the event loop: the loop keeps serving with the old screener."""
    return await asyncio.to_thread(build_screener, settings, lists_dir)
