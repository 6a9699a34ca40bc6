"""screening: sanctions and export-control screening of transaction events."""

from screening.versions import package_version

__version__ = package_version()
