"""Printable documents: labels, barcodes (SVG), and lists meant for paper."""
