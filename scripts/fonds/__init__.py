"""fonds: a records catalogue kept as schema-validated YAML files in a Git repository."""

from __future__ import annotations

__version__ = "0.1.0"
