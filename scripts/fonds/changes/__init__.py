"""Planners for commands that change records: each returns a ``plans.Plan``."""
