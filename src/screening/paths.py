"""Where the package's data files are: package data, found through `importlib.resources`.

The wire contracts (`streams/schemas`), the bundled policy (`lists/policy`), the fictional sample
list (`lists/sample`) and the lists manifest keep their places in the repository; in the source
tree `screening/data/` holds symlinks to them, and a wheel carries real copies (pyproject
`package-data`), so an installed package, a container image say, needs no checkout.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _data(name: str) -> Path:
    """A data file or folder of the installed package, as a real path.

    Wheels install as plain files, so the traversable is a `Path`; a zipped install (zipimport)
    is not supported, because the list loaders and the policy need real folders.
    """
    resource = files("screening") / "data" / name
    if not isinstance(resource, Path):
        raise RuntimeError(f"screening data {name!r} is not on the file system ({resource!r})")
    return resource


SCHEMAS_DIR = _data("schemas")
EVENT_SCHEMA = SCHEMAS_DIR / "transaction-event.v1.schema.json"
DECISION_SCHEMA = SCHEMAS_DIR / "decision.v1.schema.json"
BUNDLED_LISTS = _data("sample_lists")
POLICY_DIR = _data("policy")  # the installed policy bundles (bundles.toml)
BUNDLED_POLICY = POLICY_DIR / "pillar-one.toml"  # policy 1.0.0
LISTS_MANIFEST = _data("lists-manifest.toml")
TOPICS_DEFINITIONS = _data("topics.toml")
KAFKA_ACLS = _data("acls.toml")  # principals and ACLs (deploy/kafka/acls.toml)

# Checkout only (demo and tests): the sample stream is not package data.
REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_EVENTS = REPO_ROOT / "streams" / "samples" / "customs-declarations.jsonl"
