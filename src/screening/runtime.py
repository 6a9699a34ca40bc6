"""Startup wiring shared by the adapters: validated settings in, a ready `Screener` out."""

from __future__ import annotations

from pathlib import Path

from screening.decision import Screener
from screening.lists.snapshot import ListSnapshot
from screening.matching.config import MatchConfig, resolve
from screening.policy import Policy
from screening.settings import Settings, load_settings

__all__ = ["build_screener", "load_settings", "match_config"]


def match_config(settings: Settings) -> MatchConfig:
    """The pinned matcher version; thresholds set in the settings replace its own (and enter
    its digest), unset ones stay the matcher's."""
    return resolve(settings.matcher, block=settings.block_threshold, flag=settings.flag_threshold)


def build_screener(settings: Settings, lists_dir: Path | None = None) -> Screener:
    snapshot = ListSnapshot.load(lists_dir or settings.lists_dir)
    policy = Policy.load(settings.policy)
    return Screener(snapshot, policy, match_config(settings))
