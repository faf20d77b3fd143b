"""Planners for the commands that change records: each returns a ``plans.Plan`` that
``cli/changes.carry_out`` shows (--dry-run), writes, or commits (--commit)."""
