"""Pillar One goods policy: the bundle format (`bundle`) and its pure evaluator (`core`)."""

from screening.policy.bundle import GoodsRow
from screening.policy.core import Classification, Counterpart, EccnResult, Policy

__all__ = ["Classification", "Counterpart", "EccnResult", "GoodsRow", "Policy"]
