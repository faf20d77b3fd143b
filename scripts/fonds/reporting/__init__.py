"""Reports: statistics (figures, volumes), SVG charts, record history from Git."""
