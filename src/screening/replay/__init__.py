"""Audit replay: re-decide recorded events with the recorded versions and compare (adapter)."""
