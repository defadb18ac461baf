"""`whosaid passages` run as a real subprocess: exact output, exit codes, one line per bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from corpus.attribution import attribute
from corpus.reader import read_article
from tests.corpus.golden import FIXTURES

ARTICLE = (
    "Rates Rise\n\n“We will pay,” said Ivan Petrov, a trader. Prices rose.\n\n"
    "Experts say more is to come.\n"
)
EXPECTED = """\
[rates:0:0] Ivan Petrov, a trader · person · cue: said
“We will pay,” said Ivan Petrov, a trader.

[rates:0:1] the article's own narration · narrator
Prices rose.

[rates:1:0] unnamed experts · unnamed · cue: say
Experts say more is to come.
"""


def whosaid(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "passages", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_human_output_is_speaker_role_kind_cue_then_text(tmp_path: Path) -> None:
    (tmp_path / "rates.txt").write_text(ARTICLE, encoding="utf-8")
    result = whosaid("rates.txt", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == EXPECTED


def test_json_is_the_list_of_passage_objects(tmp_path: Path) -> None:
    fixture = FIXTURES / "tashkent-water-talks.md"
    result = whosaid(str(fixture), "--json", cwd=tmp_path)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data == [p.model_dump(mode="json") for p in attribute(read_article(fixture))]
    assert set(data[0]) == {"id", "article_id", "paragraph", "text", "speaker", "cue", "source"}
    assert set(data[0]["speaker"]) == {"name", "role", "kind"}


def test_a_bad_file_is_one_line_on_stderr_and_the_others_still_print(tmp_path: Path) -> None:
    (tmp_path / "rates.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    result = whosaid("empty.txt", "missing.txt", "rates.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == EXPECTED
    assert result.stderr.splitlines() == [
        "whosaid: empty.txt: the file is empty",
        "whosaid: missing.txt: no such file",
    ]


def test_without_files_it_reads_the_corpus_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "rates.txt").write_text(ARTICLE, encoding="utf-8")
    result = whosaid("--corpus", str(corpus), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, EXPECTED)


def test_the_bundled_corpus_by_default(tmp_path: Path) -> None:
    result = whosaid("--json", cwd=tmp_path)
    assert result.returncode == 0
    speakers = {p["speaker"]["name"] for p in json.loads(result.stdout)}
    assert {"Pyotr Svoik", "Tolganay Umbetalieva", "the Kazak foreign ministry"} <= speakers


def test_a_missing_corpus_folder_is_one_clear_line(tmp_path: Path) -> None:
    result = whosaid("--corpus", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"whosaid: corpus folder {tmp_path / 'nowhere'}: no such folder\n"
