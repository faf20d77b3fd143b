"""Renderers: the same values as text, JSON, CSV and Markdown."""
