"""Planners for the commands that change records: each returns a ``plan.Plan``, which
``apply.apply_plan`` shows (--dry-run), writes, or commits (--commit)."""
