"""Rescreening on list change: counterparties seen before, screened again against only the
entities a new snapshot added or changed (adapter: files, store, Kafka)."""
