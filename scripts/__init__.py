"""Maintenance scripts (rebuilding the bundled model from Table 2)."""
