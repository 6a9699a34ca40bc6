"""The bundled policy, loaded once for the session."""

from __future__ import annotations

import pytest

from screening.paths import BUNDLED_POLICY
from screening.policy import Policy


@pytest.fixture(scope="session")
def policy() -> Policy:
    return Policy.load(BUNDLED_POLICY)
