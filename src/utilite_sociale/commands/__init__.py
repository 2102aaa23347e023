"""Implementations of the CLI commands (imported lazily by :mod:`utilite_sociale.cli`)."""
