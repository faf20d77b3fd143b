"""Planners for the commands that change records: each returns a ``plan.Plan``, which ``apply.apply_plan`` carries out."""
