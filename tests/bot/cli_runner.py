"""Run `python -m bot …` as a user would: a separate process, its own working folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str,
    cwd: Path,
    index_dir: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    python_options: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if (not key.startswith("WHOSAID_") or key == "WHOSAID_SEMANTIC")
        and key not in {"NO_COLOR", "TELEGRAM_BOT_TOKEN"}
    }
    # The package must import from this checkout even though the process runs elsewhere.
    environment["PYTHONPATH"] = str(REPO) + os.pathsep + environment.get("PYTHONPATH", "")
    if index_dir is not None:
        environment["WHOSAID_INDEX_DIR"] = str(index_dir)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, *python_options, "-m", "bot", *args],
        cwd=cwd,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
