"""The loopback Streamlit server and Chromium flags, shared with the browser tests (tests/support/server.py).

One implementation lives with the test helpers; the benchmarks and the load
test import it from here, so tests never import from ``benchmarks/``.
"""

from tests.support.server import CHROMIUM, CHROMIUM_ARGS, ROOT, LocalServer, free_port, healthy, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "LocalServer", "free_port", "healthy", "serve"]
