"""screening: sanctions and export-control screening of transaction events."""

__version__ = "0.1.0"
