"""Thin command-line adapters: parse options, call the core, print or write results."""
