"""The edges of whosaid: settings, rendering, the command line and the Telegram bot."""

import os as _os
import signal as _signal
import sys as _sys
from pathlib import Path as _Path


def _quiet_interrupt(signum: int, frame: object) -> None:
    # Ctrl-C while the program is still starting: nothing is written yet, so leave at once, as a
    # shell reports a Ctrl-C. Raising instead would surface in whatever module was being
    # imported, a traceback at best (a Rust extension such as pydantic-core panics).
    _os._exit(130)


# Only when this package is the program being started (`whosaid …`, `python -m bot …`), not when
# a test or a script imports it: bot.cli.main hands Ctrl-C back to Python once it runs.
if _sys.orig_argv[1:3] == ["-m", "bot"] or _Path(_sys.argv[0]).name == "whosaid":
    _signal.signal(_signal.SIGINT, _quiet_interrupt)
