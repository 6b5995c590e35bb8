"""The one build date: every "upcoming or past" decision and every date stamp uses it.

`SOURCE_DATE_EPOCH` (seconds since 1970, UTC) fixes it for reproducible builds and tests;
without it the build uses the current time.
"""

from __future__ import annotations

import datetime as dt
import os


def build_time() -> dt.datetime:
    """The build's 'now', timezone-aware (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC)
