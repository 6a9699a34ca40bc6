"""Pillar One goods policy: the bundle format (`bundle`), its pure evaluator (`core`), the
installed versions by date (`versions`) and places in sanctioned regions (`geo`)."""

from screening.policy.bundle import GoodsRow
from screening.policy.core import Classification, Counterpart, EccnResult, Policy
from screening.policy.versions import PolicyDiff, PolicySet, diff, event_date

__all__ = [
    "Classification",
    "Counterpart",
    "EccnResult",
    "GoodsRow",
    "Policy",
    "PolicyDiff",
    "PolicySet",
    "diff",
    "event_date",
]
