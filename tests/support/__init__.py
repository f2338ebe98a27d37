"""Helpers shared by tests (hypothesis strategies)."""
