"""Run whosaid against a really full disk: a small tmpfs mounted in a private mount namespace.

`python -m tests.faults.full_disk SPEC.json` runs inside `unshare --user --map-root-user
--mount` (no privileges needed where user namespaces are allowed, and as root): it mounts a
tmpfs, builds an index there, fills the file system up to a given number of free bytes, runs a
whosaid command, and prints what happened as JSON. The mount disappears with the namespace.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _fill(folder: Path, leave: int) -> None:
    """Take all free space of the file system at `folder` but `leave` bytes."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    with (folder / "filler").open("wb") as handle:
        remaining = max(0, free - leave)
        block = b"\0" * (1 << 20)
        while remaining > 0:
            remaining -= handle.write(block[: min(len(block), remaining)])


def _whosaid(*args: str, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return {"code": done.returncode, "out": done.stdout, "err": done.stderr}


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text())
    mount = Path(spec["mount"])
    mount.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={spec['size']}", "tmpfs", str(mount)], check=True
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
    results: dict[str, object] = {}
    index_dir = mount / "indexes" / "index"
    if spec.get("old_corpus"):
        results["old"] = _whosaid(
            "rebuild", "--corpus", spec["old_corpus"], "--index", str(index_dir), env=env
        )
        results["old_manifest"] = json.loads((index_dir / "manifest.json").read_text())
    _fill(mount, spec["leave"])
    command = [arg.replace("{index}", str(index_dir)) for arg in spec["command"]]
    results["run"] = _whosaid(*command, env=env)
    if (index_dir / "manifest.json").is_file():
        results["manifest"] = json.loads((index_dir / "manifest.json").read_text())
    results["beside_index"] = sorted(p.name for p in index_dir.parent.iterdir())
    if spec.get("then"):
        (mount / "filler").unlink()  # room to answer (an answer writes a small stamp)
        then = [arg.replace("{index}", str(index_dir)) for arg in spec["then"]]
        results["then"] = _whosaid(*then, env=env)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
