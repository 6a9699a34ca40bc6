"""The content-addressed snapshot store: list snapshots, policy bundles and matcher configs."""

from screening.store.snapshots import SnapshotStore, StoredSnapshot

__all__ = ["SnapshotStore", "StoredSnapshot"]
