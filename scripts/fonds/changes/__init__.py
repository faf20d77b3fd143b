"""Planners for the commands that change records: each returns a ``plans.Plan``."""
