"""A damaged index is caught by the manifest's checksums and reported in one line naming the
command that repairs it; that command really repairs it (no damaged passage survives the rebuild).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.errors import UserError
from tests.bot.cli_runner import run_cli
from tests.faults.conftest import PICKET, PICKET_ANSWER, Ran
from tests.telegram.conftest import make_settings, start_bot
from tests.telegram.fake_bot_api import FakeBotAPI


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _replace_in(path: Path, old: bytes, new: bytes) -> None:
    """Change bytes in place (same size), like a bad sector or a stray editor would."""
    data = path.read_bytes()
    at = data.rfind(old)
    assert at >= 0, f"{old!r} not in {path}"
    path.write_bytes(data[:at] + new + data[at + len(new) :])


def _manifest(directory: Path) -> dict[str, object]:
    return dict(json.loads((directory / "manifest.json").read_text()))


def _weights(d: Path) -> Path:
    return d / "bm25" / "bm25_weights.npy"


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    # Same size: only a checksum can tell. The flipped float changes scores silently.
    "npy data byte flipped": lambda d: _flip(_weights(d), -3),
    "npy header byte flipped": lambda d: _flip(_weights(d), 12),
    "npy truncated": lambda d: _weights(d).write_bytes(_weights(d).read_bytes()[:64]),
    "npy deleted": lambda d: _weights(d).unlink(),
    "npy emptied": lambda d: _weights(d).write_bytes(b""),
    "vocabulary json rewritten": lambda d: (d / "bm25" / "bm25_vocab.json").write_text("[]"),
    # A valid database whose passage text changed: served as if true unless checksummed.
    "sqlite passage text changed": lambda d: _replace_in(
        d / "passages.sqlite", b"picket the Russian", b"PWNED"
    ),
    "sqlite header damaged": lambda d: _flip(d / "passages.sqlite", 0),
    "sqlite page damaged": lambda d: _replace_in(
        d / "passages.sqlite", b"Russian embassy", bytes(15)
    ),
    "sqlite truncated": lambda d: (d / "passages.sqlite").write_bytes(
        (d / "passages.sqlite").read_bytes()[:4096]
    ),
    "sqlite deleted": lambda d: (d / "passages.sqlite").unlink(),
    "manifest garbage bytes": lambda d: (d / "manifest.json").write_bytes(b"\x00\xff\xfe{{"),
    "manifest empty": lambda d: (d / "manifest.json").write_text(""),
    "manifest a JSON list": lambda d: (d / "manifest.json").write_text("[1, 2, 3]"),
    "manifest fields of the wrong type": lambda d: (d / "manifest.json").write_text(
        json.dumps({**_manifest(d), "counts": "many", "files": 7})
    ),
    "manifest deleted": lambda d: (d / "manifest.json").unlink(),
}


@pytest.mark.parametrize("damage", list(CORRUPTIONS))
def test_damage_is_reported_in_one_line_and_the_named_command_repairs_it(
    damage: str, index_copy: Path, cli: Callable[..., Ran]
) -> None:
    CORRUPTIONS[damage](index_copy)

    asked = cli("ask", PICKET, "--index", str(index_copy))
    assert asked.code == 2, asked.out
    assert asked.out == ""
    assert asked.err.startswith("whosaid: ") and asked.err.count("\n") == 1, asked.err
    command = f"whosaid rebuild --index {index_copy}"
    assert f"run `{command}`" in asked.err

    rebuilt = cli(*command.split()[1:])
    assert rebuilt.code == 0, rebuilt.err
    assert rebuilt.out.startswith("Indexed 1 article: ")

    again = cli("ask", PICKET, "--index", str(index_copy), "-k", "1")
    assert again.code == 0, again.err
    assert PICKET_ANSWER in again.out and "PWNED" not in again.out
    assert again.err == ""


def test_the_console_script_reports_damage_without_a_traceback(
    index_copy: Path, tmp_path: Path
) -> None:
    """The same, as a user runs it: a separate process, exit status 2, one line on stderr."""
    CORRUPTIONS["sqlite passage text changed"](index_copy)
    done = run_cli("ask", PICKET, "--index", str(index_copy), cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert f"run `whosaid rebuild --index {index_copy}`" in done.stderr


def test_a_damaged_index_still_rebuilds_when_the_folder_was_moved(
    index_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    """Checksums are relative to the index folder: a copied index is not 'damaged'."""
    moved = tmp_path / "elsewhere" / "index"
    moved.parent.mkdir()
    shutil.move(index_copy, moved)
    asked = cli("ask", PICKET, "--index", str(moved), "-k", "1")
    assert asked.code == 0 and PICKET_ANSWER in asked.out


async def test_the_bot_refuses_a_damaged_index_at_reload_and_keeps_serving(
    api: FakeBotAPI, launch: Any, index_copy: Path
) -> None:
    await launch(settings=make_settings(api, index_copy, admin_chats=frozenset({5})))
    # Damaged copies saved over the files (new inodes, as editors and sync tools write): the
    # searcher the bot holds keeps reading the files it opened. (Damage written into the very
    # file it has open would be served until a rebuild: only /reload and a restart check.)
    for name in ("passages.sqlite", "bm25/bm25_weights.npy"):
        damaged = index_copy / f"{name}.damaged"
        shutil.copy2(index_copy / name, damaged)
        if name.endswith(".sqlite"):
            _replace_in(damaged, b"picket the Russian", b"PWNED")
        else:
            _flip(damaged, -3)
        damaged.replace(index_copy / name)
    api.send_text(5, "/reload")
    refused = await api.message(5)
    assert refused.plain.startswith("Could not reload the index (")
    assert "damaged" in refused.plain and refused.plain.endswith("still serving the old one.")
    api.send_text(5, PICKET)
    answer = await api.message(5, count=2)
    assert PICKET_ANSWER in answer.plain and "PWNED" not in answer.plain


async def test_the_bot_will_not_start_on_a_damaged_index(api: FakeBotAPI, index_copy: Path) -> None:
    CORRUPTIONS["npy data byte flipped"](index_copy)
    with pytest.raises(UserError) as refused:
        await start_bot(api, make_settings(api, index_copy))
    message = str(refused.value)
    assert message.startswith("cannot open the index: ") and "\n" not in message
    assert "run `whosaid rebuild" in message
