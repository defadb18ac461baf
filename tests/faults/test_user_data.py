"""A user's articles, index and bot state live in the user's data folder, never in the package; an
older whosaid's articles and index inside the package are picked up once; and the tests
themselves never touch the real user's folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from index.build import build_index
from tests.bot.cli_runner import REPO
from tests.conftest import REAL_HOME, SANDBOX
from tests.faults.articles import BEES, BEES_QUESTION, BEES_SPEAKER
from tests.faults.conftest import PICKET, PICKET_ANSWER

PACKAGES = ("bot", "corpus", "index")


def _installed_copy(tmp_path: Path) -> Path:
    """The three packages copied as an install would lay them out (site-packages)."""
    site = tmp_path / "site-packages"
    for package in PACKAGES:
        shutil.copytree(
            REPO / package,
            site / package,
            ignore=shutil.ignore_patterns("__pycache__", "built", ".*"),
        )
    return site


def _tree(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if "__pycache__" not in path.parts
    }


def _whosaid(site: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WHOSAID_", "XDG_")) or k == "WHOSAID_SEMANTIC"
    }
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))
    env["PYTHONPATH"] = str(site)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_nothing_is_written_inside_the_package_and_the_bundled_article_stays_in_the_corpus(
    tmp_path: Path,
) -> None:
    site = _installed_copy(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    before = _tree(site)
    article = tmp_path / "bees.txt"
    article.write_text(BEES, encoding="utf-8")

    first = _whosaid(site, home, "ask", PICKET, "-k", "1")  # no index yet: built on the spot
    assert first.returncode == 0 and PICKET_ANSWER in first.stdout, first.stderr
    added = _whosaid(site, home, "add", str(article))
    assert added.returncode == 0, added.stdout + added.stderr
    rebuilt = _whosaid(site, home, "rebuild")
    assert rebuilt.returncode == 0 and rebuilt.stdout.startswith("Indexed 2 articles"), rebuilt
    bees = _whosaid(site, home, "ask", BEES_QUESTION)
    assert bees.returncode == 0 and BEES_SPEAKER in bees.stdout and bees.stderr == ""
    bundled = _whosaid(site, home, "ask", PICKET, "-k", "1")
    assert bundled.returncode == 0 and PICKET_ANSWER in bundled.stdout

    assert _tree(site) == before  # not a file added, changed or removed in the package
    data = home / ".local" / "share" / "whosaid"
    assert [p.name for p in (data / "articles").iterdir()] == [
        "2015-02-01-steppe-beekeepers-face-a-hard-winter.txt"
    ]
    assert (data / "index" / "manifest.json").is_file()


def test_articles_and_an_index_an_older_whosaid_left_in_the_package_are_picked_up_once(
    tmp_path: Path,
) -> None:
    site = _installed_copy(tmp_path)
    old_corpus = site / "corpus" / "articles"
    (old_corpus / "2015-02-01-steppe-beekeepers.txt").write_text(BEES, encoding="utf-8")
    old_index = site / "index" / "built"
    build_id = build_index(old_corpus, old_index).build_id
    home = tmp_path / "home"
    home.mkdir()

    first = _whosaid(site, home, "ask", BEES_QUESTION)
    assert first.returncode == 0 and BEES_SPEAKER in first.stdout, first.stderr
    notes = first.stderr.splitlines()
    assert len(notes) == 2, first.stderr
    assert "picked up 1 article added to" in notes[0] and str(old_corpus) in notes[0]
    assert "picked up the index built in" in notes[1] and str(old_index) in notes[1]
    data = home / ".local" / "share" / "whosaid"
    assert (data / "articles" / "2015-02-01-steppe-beekeepers.txt").read_text() == BEES
    # The old index itself answered: not stale, not rebuilt.
    assert f'"build_id": "{build_id}"' in (data / "index" / "manifest.json").read_text()

    again = _whosaid(site, home, "ask", BEES_QUESTION)
    assert again.returncode == 0 and BEES_SPEAKER in again.stdout and again.stderr == ""
    assert old_index.is_dir() and (old_corpus / "2015-02-01-steppe-beekeepers.txt").is_file()


def test_tests_run_in_a_private_home(private_home: Path) -> None:
    import platformdirs

    from bot.settings import Settings

    settings = Settings()
    where = [Path.home(), platformdirs.user_data_path("whosaid")]
    where += [settings.corpus_dir, settings.index_dir]
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from bot.settings import Settings; s = Settings(); "
            "print(s.corpus_dir); print(s.index_dir)",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    where += [Path(line) for line in shown.stdout.splitlines()]
    assert len(where) == 6, shown.stderr
    for path in where:
        assert path.resolve().is_relative_to(private_home.resolve()), path
        assert not path.resolve().is_relative_to(REAL_HOME.resolve()), path
    assert not private_home.resolve().is_relative_to(REAL_HOME.resolve())
    assert SANDBOX.is_dir()  # the session's own home, for what runs before any test
