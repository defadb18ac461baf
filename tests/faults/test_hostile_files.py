"""Files and pages that are not what they seem: only regular files are read (the rest are named),
one article file has a documented size limit, encodings nobody declared are recognised, a server
that trickles its headers cannot hold `add URL` past its deadline, and Ctrl-C while a command is
still starting prints no traceback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from corpus.fetch import FetchError, fetch
from corpus.reader import MAX_ARTICLE_BYTES
from tests.bot.cli_runner import REPO, run_cli
from tests.corpus.web_server import Page, serve
from tests.faults.conftest import PICKET, PICKET_ANSWER, Ran

FIXTURES_HTML = Path(__file__).resolve().parents[1] / "corpus" / "fixtures_html"
CYRILLIC = (
    "Фермеры ждут воду\n\n"
    "Фермеры в низовьях реки говорят, что вода в этом году снова пришла поздно.\n\n"
    "«Мы поверим соглашению, когда вода дойдёт до наших полей», — сказала Гульнара Сеитова, "
    "которая выращивает рис у дельты.\n\n"
    "Чиновники министерства обещают, что летом водохранилище будет полным.\n"
)
# Well past anything here, so that a loaded machine passes and a hang fails.
PROMPTLY_S = 60


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _socket_file(path: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


@pytest.mark.parametrize("make", ["fifo", "dev-zero"])
def test_passages_of_a_pipe_or_a_device_answer_promptly_in_one_line(
    tmp_path: Path, make: str
) -> None:
    if make == "fifo":
        target = _fifo(tmp_path / "article.txt")
    else:
        target = tmp_path / "article.txt"
        target.symlink_to("/dev/zero")
    done = run_cli("passages", str(target), cwd=tmp_path)  # run_cli gives up after 120 s
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "article.txt" in lines[0] and "not an article file" in lines[0]


def test_what_is_not_a_regular_file_is_named_when_skipped(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    (corpus_copy / "a-folder.txt").mkdir()
    _fifo(corpus_copy / "a-pipe.txt")
    _socket_file(corpus_copy / "a-socket.md")
    (corpus_copy / "broken-link.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus_copy / "loop-a.txt").symlink_to(corpus_copy / "loop-b.txt")
    (corpus_copy / "loop-b.txt").symlink_to(corpus_copy / "loop-a.txt")
    (corpus_copy / "zeros.txt").symlink_to("/dev/zero")
    where = ("--corpus", str(corpus_copy), "--index", str(tmp_path / "index"))
    rebuilt = cli("rebuild", *where)
    assert rebuilt.code == 0 and rebuilt.out.startswith("Indexed 1 article: "), rebuilt.err
    lines = rebuilt.err.splitlines()
    expected = {
        "a-folder.txt": "is a folder",
        "a-pipe.txt": "is a named pipe",
        "a-socket.md": "is a socket",
        "broken-link.txt": "is a broken symbolic link",
        "loop-a.txt": "loops",
        "loop-b.txt": "loops",
        "zeros.txt": "is a device",
    }
    assert len(lines) == len(expected), rebuilt.err
    for name, what in expected.items():
        assert [line for line in lines if f"/{name}: " in line and what in line], rebuilt.err
    # `passages` of the corpus names them too, and still shows the article.
    shown = cli("passages", "--corpus", str(corpus_copy))
    assert shown.code == 2 and PICKET_ANSWER[:30] in shown.out
    assert len(shown.err.splitlines()) == len(expected), shown.err
    answer = cli("ask", PICKET, "-k", "1", *where)
    assert answer.code == 0 and PICKET_ANSWER in answer.out and answer.err == ""


def _big_article(size: int) -> str:
    paragraph = "“The harvest was late again this year,” said Yerlan Abenov, a farmer. " * 8
    return "A Very Long Farm Report\n\n" + "\n\n".join([paragraph] * (size // len(paragraph) + 1))


def test_an_article_file_over_the_size_limit_is_skipped_with_its_name(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    (corpus_copy / "huge.txt").write_text(_big_article(MAX_ARTICLE_BYTES + 1000), "utf-8")
    where = ("--corpus", str(corpus_copy), "--index", str(tmp_path / "index"))
    rebuilt = cli("rebuild", *where)
    assert rebuilt.code == 0 and rebuilt.out.startswith("Indexed 1 article: ")
    assert rebuilt.err.count("\n") == 1 and "huge.txt: is too large" in rebuilt.err
    assert "one article file may be 2.0 MB" in rebuilt.err

    big = tmp_path / "big.txt"
    big.write_text(_big_article(MAX_ARTICLE_BYTES + 1000), "utf-8")
    refused = cli("add", str(big), *where)
    assert refused.code == 1 and "refused: is too large" in refused.out, refused.out


def test_add_url_refuses_a_page_over_the_article_size_limit(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    body = _big_article(MAX_ARTICLE_BYTES + 1000).encode()
    assert len(body) < 5 * 1024 * 1024  # under the download cap: the article limit refuses it
    where = ("--corpus", str(corpus_copy), "--index", str(tmp_path / "index"))
    with serve({"/long": Page(body=body, headers={"Content-Type": "text/plain"})}) as site:
        added = cli("add", site.url("/long"), "--allow-private", *where)
    assert added.code == 1 and "refused: the article is too large" in added.out, added.out
    assert sorted(p.name for p in corpus_copy.iterdir()) == [
        "2014-06-26-kazakstans-balancing-act-over-ukraine-ties.txt"
    ]


def test_a_windows_1251_text_file_is_read_as_cyrillic(
    tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    article = tmp_path / "farmers.txt"
    article.write_bytes(CYRILLIC.encode("cp1251"))
    shown = cli("passages", str(article), "--json")
    assert shown.code == 0, shown.err
    texts = " ".join(passage["text"] for passage in json.loads(shown.out))
    assert "Гульнара Сеитова" in texts and "Ð" not in texts and "Ã" not in texts


@pytest.mark.parametrize(
    "content_type", ["text/html", "text/html; charset=utf-8"], ids=["undeclared", "false-utf-8"]
)
def test_a_windows_1251_page_is_saved_as_cyrillic(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran], content_type: str
) -> None:
    html = (FIXTURES_HTML / "farmers-cp1251.html").read_bytes()
    # The page keeps no word of its charset: the server's header says nothing, or a lie.
    html = html.replace(
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', b""
    )
    assert b"charset" not in html
    where = ("--corpus", str(corpus_copy), "--index", str(tmp_path / "index"))
    with serve({"/farmers": Page(body=html, headers={"Content-Type": content_type})}) as site:
        added = cli("add", site.url("/farmers"), "--allow-private", *where)
    assert added.code == 0, added.out
    saved = [p for p in corpus_copy.iterdir() if "balancing" not in p.name]
    text = saved[0].read_text("utf-8")
    assert "Фермеры ждут воду" in text and "\ufffd" not in text


@contextmanager
def _trickling_headers(every: float = 0.2, seconds: float = 120) -> Iterator[str]:
    """A server that sends its response headers one byte at a time, for `seconds` seconds."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve_one() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            header = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
            header += b"X-Padding: " + b"a" * int(seconds / every) + b"\r\n\r\n"
            for byte in header:
                if stop.is_set():
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:  # the client hung up: what the test wants
                    return
                time.sleep(every)

    thread = threading.Thread(target=serve_one, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    finally:
        stop.set()
        listener.close()


def test_headers_trickled_a_byte_at_a_time_do_not_hold_the_fetch_past_its_deadline() -> None:
    with _trickling_headers() as url:
        started = time.monotonic()
        with pytest.raises(FetchError, match="took too long"):
            fetch(url, allow_private=True, timeout=1.0)
        took = time.monotonic() - started
    # The server would trickle for two minutes; the deadline is one second.
    assert took < PROMPTLY_S / 2, took


# What the `whosaid` console script runs, with a Ctrl-C (SIGINT) arriving after a delay.
# The timer counts from the moment the script reaches whosaid's own import. (Before that is
# Python's start-up, which no program can guard.)
_CONSOLE_SCRIPT = """
import os, signal, sys, threading, time
delay = float(sys.argv.pop(1))
sys.argv[0] = "whosaid"
go = threading.Event()
def interrupt():
    go.wait()
    time.sleep(delay)
    os.kill(os.getpid(), signal.SIGINT)
threading.Thread(target=interrupt, daemon=True).start()
go.set()
from bot.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize("command", [["ask", PICKET], ["rebuild"], ["speakers"], ["articles"]])
def test_ctrl_c_while_a_command_starts_prints_no_traceback(
    tmp_path: Path, command: list[str]
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
    env["PYTHONPATH"] = str(REPO)
    where = ["--index", str(tmp_path / "index")]
    # Moments of start-up once Python runs whosaid's code: imports, parsing, opening the corpus.
    for delay in ("0.02", "0.05", "0.1", "0.2", "0.4", "0.8"):
        done = subprocess.run(
            [sys.executable, "-c", _CONSOLE_SCRIPT, delay, *command, *where],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=PROMPTLY_S,
        )
        if done.returncode == 0:
            continue  # it finished before the Ctrl-C came
        assert "Traceback" not in done.stderr, (delay, done.stderr)
        assert done.returncode == 130, (delay, done.returncode, done.stderr)
