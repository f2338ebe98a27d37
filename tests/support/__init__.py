"""Helpers shared by the tests (model builders, app and browser helpers)."""
