"""Reports made from the model: statistics (figures, volumes), SVG charts, record history."""
