"""``python -m panel upgrade``: migrate the panel database (ANP_DATABASE_URL or the SQLite file) to the latest schema."""

import sys

from panel.db import database_url, get_engine, redacted_url

if sys.argv[1:] != ["upgrade"]:
    print("usage: python -m panel upgrade", file=sys.stderr)
    sys.exit(2)
get_engine()
print(f"panel database at the latest schema: {redacted_url(database_url())}")
