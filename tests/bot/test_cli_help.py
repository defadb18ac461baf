"""What a new user reads first: --version, help texts that say what the defaults really are,
and chat wording that names no command-line flags."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from tests.bot.cli_runner import run_cli


def test_version(elsewhere: Path) -> None:
    done = run_cli("--version", cwd=elsewhere)
    assert done.returncode == 0
    assert done.stdout == f"whosaid {version('whosaid')}\n"


def test_help_says_what_json_and_files_are(elsewhere: Path) -> None:
    ask = run_cli("ask", "--help", cwd=elsewhere).stdout
    assert '--json          one JSON object per question: {"query", "took_ms",' in ask
    passages = " ".join(run_cli("passages", "--help", cwd=elsewhere).stdout.split())
    assert "FILE article files (.txt, .md, .html) to attribute" in passages
    assert "--json a JSON list of passage objects" in passages
    for command in ("speakers", "articles"):
        assert "--json        a JSON list of" in run_cli(command, "--help", cwd=elsewhere).stdout


def test_help_shows_the_folders_really_used_by_default(elsewhere: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "my-index"
    env = {"WHOSAID_INDEX_DIR": str(chosen), "COLUMNS": "400"}  # paths unbroken
    done = run_cli("ask", "--help", cwd=elsewhere, env=env)
    text = " ".join(done.stdout.split())
    assert f"index folder (default: {chosen}; WHOSAID_INDEX_DIR or .env changes it)" in text
    assert "(default: bundled)" not in text


def test_chat_wording_names_no_flags(built_index: Path, elsewhere: Path) -> None:
    done = run_cli(
        "chat",
        cwd=elsewhere,
        index_dir=built_index,
        stdin="what did Svoik say about the weather in Paris?\nxylophone\n",
    )
    assert done.returncode == 0
    assert "No passage from Pyotr Svoik answers" in done.stdout
    assert "--" not in done.stdout
    assert "Try other words, or ask without naming the speaker." in done.stdout


def test_a_batch_of_questions_exits_0_even_when_one_has_no_answer(
    built_index: Path, elsewhere: Path
) -> None:
    stdin = "Who is Mahambet Abjan?\nxylophone\n"
    done = run_cli("ask", "-", cwd=elsewhere, index_dir=built_index, stdin=stdin)
    assert done.returncode == 0
    assert "Q: xylophone\nNo passage answers “xylophone”: " in done.stdout
    single = run_cli("ask", "xylophone", cwd=elsewhere, index_dir=built_index)
    assert single.returncode == 1  # one question, no answer: still 1
