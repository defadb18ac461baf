"""`whosaid add` as a user runs it: a subprocess, its exact report lines and exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from corpus.paths import BUNDLED_CORPUS_DIR
from corpus.reader import read_article
from tests.corpus.web_server import Page, html_page, redirect, serve

FIXTURES = Path(__file__).parent / "fixtures_html"
BUNDLED = next(BUNDLED_CORPUS_DIR.glob("*.txt"))
BUNDLED_NAME = BUNDLED.name
RIVER_NAME = "2015-03-12-neighbours-sign-deal-to-share-syr-river-water.txt"
REBUILT = re.compile(r"^index rebuilt: \d+ articles?, \d+ passages? \(\d+\.\d s\)$")


def whosaid(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WHOSAID_", "TELEGRAM_")) or k == "WHOSAID_SEMANTIC"
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Not "corpus" and "index": `python -m bot` puts the working folder first on sys.path, and with
# an editable install a folder named like a package there shadows it.
def add(cwd: Path, *sources: str) -> subprocess.CompletedProcess[str]:
    return whosaid(cwd, "add", *sources, "--corpus", "articles", "--index", "built")


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stdout.splitlines()


def test_files_are_added_refused_reported_and_indexed(tmp_path: Path) -> None:
    shutil.copy(BUNDLED, tmp_path / "bundled.txt")
    shutil.copy(FIXTURES / "river-deal.html", tmp_path / "river.html")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02binary")

    result = add(
        tmp_path,
        "bundled.txt",
        "river.html",
        "bundled.txt",
        "empty.txt",
        "scan.pdf",
        "junk.txt",
        "ftp://example.com/story.html",
        "\x1b[31mred.txt",
    )

    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    *report, rebuilt = lines(result)
    assert report == [
        f"bundled.txt: added as articles/{BUNDLED_NAME}",
        f"river.html: added as articles/{RIVER_NAME}",
        f"bundled.txt: refused: the same article is already in the corpus as {BUNDLED_NAME}",
        "empty.txt: refused: the file is empty",
        "scan.pdf: refused: .pdf files are not articles (use .txt, .md, .html or .htm)",
        "junk.txt: refused: this is a binary file, not article text",
        "ftp://example.com/story.html: refused: only http and https URLs can be fetched, not ftp:",
        # the terminal escape is shown, not obeyed
        "\\x1b[31mred.txt: refused: no such file",
    ]
    assert REBUILT.match(rebuilt), rebuilt
    assert rebuilt.startswith("index rebuilt: 2 articles, ")
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == [BUNDLED_NAME, RIVER_NAME]

    # the new article is searchable right away, with its source
    asked = whosaid(
        tmp_path, "ask", "turbines in winter", "--json", "--corpus", "articles", "--index", "built"
    )
    assert asked.returncode == 0, asked.stderr
    top = json.loads(asked.stdout)["hits"][0]["passage"]
    assert top["article_id"] == RIVER_NAME.removesuffix(".txt")
    assert top["source"]["publisher"] == "The Steppe Ledger"
    assert top["source"]["url"] == "https://steppe-ledger.example/news/2015/03/syr-river-water-deal"


def test_everything_added_exits_zero_and_a_second_add_extends_the_index(tmp_path: Path) -> None:
    shutil.copy(BUNDLED, tmp_path / "a.txt")
    first = add(tmp_path, "a.txt")
    assert (first.returncode, first.stderr) == (0, "")
    assert lines(first)[0] == f"a.txt: added as articles/{BUNDLED_NAME}"
    assert lines(first)[1].startswith("index rebuilt: 1 article, ")

    # broken files dropped into the corpus by hand are named and skipped; the rest is indexed
    corpus = tmp_path / "articles"
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "latin.txt").write_bytes(b"Title\n\ncaf\x81\x8d\x90")
    (corpus / "nobody.txt").write_bytes(b"Just a title\n")
    shutil.copy(FIXTURES / "river-deal.html", tmp_path / "b.htm")
    second = add(tmp_path, "b.htm")
    assert (second.returncode, second.stderr) == (0, "")
    added, *skipped, _rebuilt = lines(second)
    assert added == f"b.htm: added as articles/{RIVER_NAME}"
    # the reasons are the reader's words; what matters here is one named line per bad file
    assert len(skipped) == 4
    for line, (name, reason) in zip(
        skipped,
        [
            ("broken.txt", "binary"),
            ("empty.md", "empty"),
            ("latin.txt", "UTF-8"),
            ("nobody.txt", "no article text"),
        ],
        strict=True,
    ):
        assert line.startswith(f"skipped: articles/{name}: ") and reason in line, line
    assert lines(second)[-1].startswith("index rebuilt: 2 articles, ")


def test_url_from_a_local_server_needs_allow_private(tmp_path: Path) -> None:
    river = (FIXTURES / "river-deal.html").read_text(encoding="utf-8")
    pages = {"/story": html_page(river), "/moved": redirect("/story", status=301)}
    with serve(pages) as site:
        refused = add(tmp_path, site.url("/story"))
        assert refused.returncode == 1
        assert lines(refused) == [
            f"{site.url('/story')}: refused: 127.0.0.1 is a loopback address; only public ones "
            "are fetched (--allow-private fetches it anyway)"
        ]
        assert site.requests == []
        assert not (tmp_path / "articles").exists()
        assert not (tmp_path / "built").exists()

        added = add(tmp_path, site.url("/moved"), "--allow-private")
        assert added.returncode == 0, added.stdout + added.stderr
        assert lines(added)[0] == f"{site.url('/moved')}: added as articles/{RIVER_NAME}"
        assert [path for path, _host in site.requests] == ["/moved", "/story"]

        again = add(tmp_path, site.url("/story"), "--allow-private")
        assert again.returncode == 1
        assert lines(again) == [
            f"{site.url('/story')}: refused: the same article is already in the corpus as "
            f"{RIVER_NAME}"
        ]

    saved = tmp_path / "articles" / RIVER_NAME
    assert saved.read_text(encoding="utf-8").startswith("+++\n")
    article = read_article(saved)
    assert article.url == "https://steppe-ledger.example/news/2015/03/syr-river-water-deal"
    assert article.author == "Aigerim Tulegenova"


def test_url_refusals_are_one_line_each(tmp_path: Path) -> None:
    pages = {
        "/doc.pdf": Page(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}),
        "/menu": html_page((FIXTURES / "links-only.html").read_text(encoding="utf-8")),
    }
    with serve(pages) as site:
        result = add(
            tmp_path,
            site.url("/doc.pdf"),
            site.url("/menu"),
            site.url("/gone"),
            "javascript:alert(1)",
            "file:///etc/passwd",
            "--allow-private",
        )
    assert result.returncode == 1
    assert lines(result) == [
        f"{site.url('/doc.pdf')}: refused: the server sent application/pdf, not a web page "
        "(text/html or text/plain)",
        f"{site.url('/menu')}: refused: no article text found in the page",
        f"{site.url('/gone')}: refused: the server answered 404 Not Found",
        "javascript:alert(1): refused: only http and https URLs can be fetched, not javascript:",
        "file:///etc/passwd: refused: only http and https URLs can be fetched, not file:",
    ]
    assert result.stderr == ""


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    nothing = add(tmp_path)
    assert nothing.returncode == 2
    assert "the following arguments are required: FILE|URL" in nothing.stderr

    empty = add(tmp_path, "  ")
    assert empty.returncode == 2
    assert empty.stdout == ""
    assert empty.stderr == (
        "whosaid: add takes one or more files or http(s) URLs (an empty one was given)\n"
    )
