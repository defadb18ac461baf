"""Broken article files are skipped and named by `whosaid rebuild`; every other article is indexed
and answers questions. (The ingest engineer's tests cover `whosaid add`; these cover files that
land in the corpus folder by any other way: a copy, a sync, a crashed editor.)"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

from tests.faults.conftest import PICKET, PICKET_ANSWER, Ran

GOOD_UTF8 = (
    "Fishermen Protest Quotas\n\n“The quotas are ruinous,” said Yerlan Abenov, a fisherman.\n"
)

BROKEN: dict[str, bytes] = {
    "binary.txt": random.Random(1).randbytes(3000),
    "empty.txt": b"",
    "blank.md": b"  \n\n \t\n",
    "nul-bytes.txt": b"Title\x00with NUL\n\nBody\x00text, said Bob.\n",
    "front-matter-only.txt": b'+++\ntitle = "Only a title"\n+++\n',
    "title-only.txt": b"Just A Title\n",
    "broken-front-matter.md": b'+++\ntitle = "unterminated\n+++\n\nBody text, said Bob.\n',
    "image-saved-as.html": b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(2000),
    "utf16-with-bom.txt": "Title\n\nBody, said Bob.\n".encode("utf-16"),
    # UTF-8 but for one byte that is not: neither UTF-8 nor Windows-1252, so not guessed at.
    "one-stray-byte.txt": GOOD_UTF8.encode().replace(b"ruinous", b"ruin\x81ous"),
}
# Not UTF-8, but text: read as Windows-1252 (a .txt has no charset to say otherwise), not dropped.
READABLE: dict[str, bytes] = {
    "latin1.txt": "Café Owners Say Prices Rose\n\nThe café owner said «no».\n".encode("latin-1"),
    "fishermen.txt": GOOD_UTF8.encode(),
}


def test_broken_files_are_named_and_everything_else_is_indexed(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    for name, data in {**BROKEN, **READABLE}.items():
        (corpus_copy / name).write_bytes(data)
    os.symlink(tmp_path / "nowhere.txt", corpus_copy / "dangling-link.txt")
    # A file whose every read fails with an I/O error, like one on a failing disk.
    os.symlink("/proc/self/mem", corpus_copy / "failing-disk.txt")
    (corpus_copy / "a-folder.txt").mkdir()
    where = ("--corpus", str(corpus_copy), "--index", str(tmp_path / "index"))

    rebuilt = cli("rebuild", *where)
    assert rebuilt.code == 0, rebuilt.err
    assert rebuilt.out.startswith(f"Indexed {1 + len(READABLE)} articles: ")
    lines = rebuilt.err.splitlines()
    assert all(line.startswith("skipped: ") for line in lines), rebuilt.err
    # The folder and the dangling link are not read, but they are named too.
    for name in [*BROKEN, "failing-disk.txt", "a-folder.txt", "dangling-link.txt"]:
        assert sum(name in line for line in lines) == 1, f"{name} not named once:\n{rebuilt.err}"
    assert len(lines) == len(BROKEN) + 3

    bundled = cli("ask", PICKET, "-k", "1", *where)
    assert bundled.code == 0 and PICKET_ANSWER in bundled.out, bundled.err
    latin = cli("ask", "café owner prices", "-k", "1", *where)
    assert latin.code == 0 and "The café owner said «no»." in latin.out
    stray = cli("ask", "fishermen quotas", "-k", "1", *where)
    assert stray.code == 0 and "Yerlan Abenov" in stray.out

    # The next rebuild reuses the good articles and names the same bad files again.
    again = cli("rebuild", *where)
    assert again.code == 0 and again.out.startswith(f"Indexed {1 + len(READABLE)} articles: ")
    assert len(again.err.splitlines()) == len(BROKEN) + 3
