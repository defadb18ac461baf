"""`whosaid ask` as a subprocess: exact output, exit codes, JSON, stdin, errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bot.cli_runner import run_cli

SOURCE = "   Kazakstan's Balancing Act Over Ukraine Ties · IWPR · 2014-06-26"


def test_ask_prints_rank_speaker_passage_and_source(built_index: Path, elsewhere: Path) -> None:
    done = run_cli("ask", "Murat Abenov Facebook", "-k", "1", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout == (
        "1. Murat Abenov, a well-known former member of parliament\n"
        "   Murat Abenov, a well-known former member of parliament, wrote on his Facebook page "
        "that this kind of fundraising must be avoided so as not to give Kiev the impression "
        "that Kazakstan was taking sides in the conflict.\n" + SOURCE + "\n"
    )


def test_ask_says_what_it_searched_for_instead(built_index: Path, elsewhere: Path) -> None:
    done = run_cli(
        "ask", "campaign in Karagandy stoped", "-k", "1", cwd=elsewhere, index_dir=built_index
    )
    assert done.returncode == 0
    assert done.stdout == (
        "searched for: stopped (instead of stoped)\n"
        "\n"
        "1. the article's own narration\n"
        "   In the city of Karagandy in central Kazakstan, the campaign was stopped by the local "
        "authorities.\n" + SOURCE + "\n"
    )


def test_another_romanisation_is_searched_without_calling_it_a_mistake(
    built_index: Path, elsewhere: Path
) -> None:
    # The README's own question: the article spells it Kazakstan; neither spelling is wrong.
    done = run_cli(
        "ask", "Why did Kazakhstan abstain at the UN?", cwd=elsewhere, index_dir=built_index
    )
    assert done.returncode == 0
    assert "searched for" not in done.stdout
    assert done.stdout.startswith("1. the article's own narration\n   But Kazakstan subsequently")


def test_no_results_says_so_suggests_and_exits_1(built_index: Path, elsewhere: Path) -> None:
    done = run_cli("ask", "xylophone quartet", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "No passage answers “xylophone quartet”: the articles never mention “xylophone” or "
        "“quartet”.",
        "The articles are about: Kazakstan's Balancing Act Over Ukraine Ties.",
        "Quoted: Tolganay Umbetalieva, Andrei Grishin, Mahambet Abjan (`whosaid speakers` lists "
        "everyone).",
    ]


def test_speaker_filter_by_surname_any_case(built_index: Path, elsewhere: Path) -> None:
    done = run_cli(
        "ask", "Ukraine", "--speaker", "GRISHIN", "--json", cwd=elsewhere, index_dir=built_index
    )
    assert done.returncode == 0
    hits = json.loads(done.stdout)["hits"]
    assert hits and {h["passage"]["speaker"]["name"] for h in hits} == {"Andrei Grishin"}


def test_unknown_speaker_is_a_one_line_user_error(built_index: Path, elsewhere: Path) -> None:
    done = run_cli("ask", "Ukraine", "--speaker", "Putin", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("whosaid: nobody called “Putin” is quoted; `whosaid speakers`")
    assert done.stderr.count("\n") == 1


def test_json_has_the_agreed_fields(built_index: Path, elsewhere: Path) -> None:
    done = run_cli(
        "ask",
        "Kazakhstan trade partners",
        "-k",
        "2",
        "--json",
        cwd=elsewhere,
        index_dir=built_index,
    )
    assert done.returncode == 0
    answer = json.loads(done.stdout)
    assert set(answer) == {
        *("query", "took_ms", "corrections", "hits", "missing", "weak"),
        *("lacking", "unquoted", "uncounted"),
    }
    assert answer["query"] == "Kazakhstan trade partners"
    assert answer["corrections"] == {}  # Kazakstan, as the article spells it: no mistake
    assert (answer["missing"], answer["weak"]) == ([], [])
    assert 0 < answer["took_ms"] < 1000
    assert [h["rank"] for h in answer["hits"]] == [1, 2]
    assert set(answer["hits"][0]) == {"rank", "score", "passage", "lead_in"}
    passage = answer["hits"][0]["passage"]
    assert "Ukraine ranked only seventh" in passage["text"]
    assert passage["source"]["publisher"] == "IWPR"


def test_json_with_no_results_is_still_an_object_and_exits_1(
    built_index: Path, elsewhere: Path
) -> None:
    done = run_cli("ask", "xylophone", "--json", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 1
    assert json.loads(done.stdout)["hits"] == []


def test_questions_from_stdin_give_one_json_object_per_line(
    built_index: Path, elsewhere: Path
) -> None:
    stdin = "Who is Mahambet Abjan?\n\nxylophone\nwhat did the foreign ministry say about crimea\n"
    done = run_cli(
        "ask", "-", "--json", "-k", "1", cwd=elsewhere, index_dir=built_index, stdin=stdin
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 3
    answers = [json.loads(line) for line in lines]
    assert [a["query"] for a in answers] == [
        "Who is Mahambet Abjan?",
        "xylophone",
        "what did the foreign ministry say about crimea",
    ]
    assert answers[0]["hits"][0]["passage"]["speaker"]["name"] == "Mahambet Abjan"
    assert answers[1]["hits"] == []
    assert done.returncode == 0  # every line was answered, one of them with "no answer"


def test_questions_from_stdin_as_text(built_index: Path, elsewhere: Path) -> None:
    stdin = "Who is Mahambet Abjan?\nfundraising Karagandy\n"
    done = run_cli("ask", "-", "-k", "1", cwd=elsewhere, index_dir=built_index, stdin=stdin)
    assert done.returncode == 0
    blocks = done.stdout.split("\n\n")
    assert blocks[0].startswith("Q: Who is Mahambet Abjan?\n1. Mahambet Abjan, who works with")
    assert blocks[1].startswith("Q: fundraising Karagandy\n1. the article's own narration")


def test_empty_stdin_and_empty_question_are_user_errors(built_index: Path, elsewhere: Path) -> None:
    done = run_cli("ask", "-", cwd=elsewhere, index_dir=built_index, stdin="\n\n")
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        done.stderr
        == "whosaid: no questions on stdin (`whosaid ask -` reads one question per line)\n"
    )
    done = run_cli("ask", "  ", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 2 and done.stderr.startswith("whosaid: the question is empty")


def test_bad_k_is_a_usage_error(built_index: Path, elsewhere: Path) -> None:
    done = run_cli("ask", "Crimea", "-k", "0", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 2
    assert "-k takes a number from 1 to 100" in done.stderr


def test_no_color_output_has_no_escape_codes(built_index: Path, elsewhere: Path) -> None:
    done = run_cli("ask", "Crimea", cwd=elsewhere, index_dir=built_index, env={"NO_COLOR": "1"})
    assert done.returncode == 0 and "\x1b[" not in done.stdout


def test_ask_imports_nothing_of_telegram_trafilatura_or_rich(
    built_index: Path, elsewhere: Path
) -> None:
    done = run_cli(
        "ask",
        "Crimea referendum",
        cwd=elsewhere,
        index_dir=built_index,
        python_options=("-X", "importtime"),
    )
    assert done.returncode == 0
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    heavy = {m for m in imported if m.split(".")[0] in {"telegram", "trafilatura", "rich", "httpx"}}
    assert heavy == set()


def test_empty_question_with_speaker_lists_what_they_said(
    built_index: Path, elsewhere: Path
) -> None:
    done = run_cli(
        "ask", "", "--speaker", "abjan", "-k", "10", cwd=elsewhere, index_dir=built_index
    )
    assert done.returncode == 0
    heads = [line for line in done.stdout.splitlines() if line[:1].isdigit()]
    assert len(heads) >= 3
    assert all(head.endswith("Mahambet Abjan, who works with the Shanyrak NGO") for head in heads)


def test_escape_codes_in_a_question_are_shown_not_obeyed(
    built_index: Path, elsewhere: Path
) -> None:
    done = run_cli("ask", "xylophone \x1b[2J", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 1
    assert "\x1b" not in done.stdout
    assert done.stdout.startswith("No passage answers “xylophone \\x1b[2J”: ")


def test_a_stray_byte_on_stdin_does_not_sink_the_batch(built_index: Path, elsewhere: Path) -> None:
    import subprocess
    import sys

    from tests.bot.cli_runner import REPO

    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "WHOSAID_INDEX_DIR": str(built_index)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "-", "--json", "-k", "1"],
        input=b"Who is Mahambet Abjan? \xff\n",
        capture_output=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"Mahambet Abjan" in done.stdout


def test_json_shows_terminal_controls_escaped_and_keeps_the_question(
    built_index: Path, elsewhere: Path
) -> None:
    question = "embassy \u202e\x9b\x7f"
    done = run_cli("ask", question, "--json", cwd=elsewhere, index_dir=built_index)
    assert not {"\u202e", "\x9b", "\x7f"} & set(done.stdout)
    assert json.loads(done.stdout)["query"] == question


def test_a_pasted_page_is_not_echoed_back_whole(built_index: Path, elsewhere: Path) -> None:
    done = run_cli("ask", "q" * 50_000, cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 1
    assert len(done.stdout) < 1_000 and "…”" in done.stdout


def test_a_missing_corpus_folder_is_named_even_when_an_index_exists(
    built_index: Path, elsewhere: Path
) -> None:
    ran = run_cli(
        "ask", "svoik", "--corpus", "no-such-folder", cwd=elsewhere, index_dir=built_index
    )
    assert (ran.returncode, ran.stdout) == (2, "")
    assert ran.stderr == "whosaid: corpus folder no-such-folder does not exist\n"
