"""Printable documents: shelf and box lists (and, later, labels, certificates and transfer lists)."""
