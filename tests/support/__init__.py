"""Helpers shared by the tests (model builders, hypothesis strategies, app and browser helpers)."""
