"""Printable documents: labels and barcodes (SVG), shelf and box lists, certificates of
destruction and transfer lists."""
