"""Run `python -m bot …` on a real pseudo-terminal, as a person at a keyboard would.

The child gets the pty as its controlling terminal, so Ctrl-C typed as \\x03 becomes SIGINT
through the terminal's line discipline and Ctrl-D (\\x04) an end of input, as in a shell.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.bot.cli_runner import REPO


class Terminal:
    def __init__(self, *args: str, cwd: Path, env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        environment = {
            key: value
            for key, value in os.environ.items()
            if (not key.startswith("WHOSAID_") or key == "WHOSAID_SEMANTIC")
            and key not in {"NO_COLOR", "TELEGRAM_BOT_TOKEN"}
        }
        environment["PYTHONPATH"] = str(REPO) + os.pathsep + environment.get("PYTHONPATH", "")
        environment.update({"TERM": "dumb", "XDG_STATE_HOME": str(cwd / "state")})
        environment.update(env or {})

        def controlling_terminal() -> None:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            cwd=cwd,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
            preexec_fn=controlling_terminal,
        )
        os.close(slave)
        self.master = master
        self.output = ""

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def expect(self, text: str, timeout: float = 60) -> str:
        """Read until `text` has appeared after what earlier expects consumed; return it all."""
        deadline = time.monotonic() + timeout
        start = len(self.output)
        while text not in self.output[start:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {text!r}; the screen shows:\n{self.output}")
            if not self._read(0.2) and self.process.poll() is not None:
                raise AssertionError(f"exited before {text!r}; the screen shows:\n{self.output}")
        return self.output[start:]

    def settle(self, seconds: float = 0.5) -> None:
        """Let line editing get back to waiting for a key after echoing the last one.

        CPython's readline notices a Ctrl-C only while it waits for input; one that lands
        while it is still redrawing is seen at the next key. A person never types that fast;
        a test does, so it pauses (reading the screen meanwhile) before a Ctrl-C.
        """
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._read(0.05)

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        while self._read(0.1):
            pass
        code = self.process.wait(timeout=1)
        return code

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the child closed the terminal
            return False
        self.output += chunk.decode("utf-8", "replace")
        return bool(chunk)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)
