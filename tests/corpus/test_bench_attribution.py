"""The PolNeAR attribution benchmark, on a tiny PolNeAR-format article written here.

PolNeAR itself has no licence and never enters the repository; this article, its brat
annotations and its CoreNLP-style XML are our own, built to the same formats.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from corpus.attribution import attribute
from corpus.bench_attribution import (
    SPLITS,
    Report,
    main,
    open_polnear,
    render,
    run,
    same_person,
)
from corpus.models import NARRATOR, Article, Passage, Source, Speaker

TITLE = "Farmers weigh the new water rules"
PARAGRAPHS = [
    "“We cannot plant until the canal is repaired,” said Anna Berg, a farmer in the valley.",
    "The district’s budget was cut by a third last year.",
    "Local official Tomas Reiner called the delay “regrettable but unavoidable.”",
    "“Nobody told us anything,” Berg said.",
    "“The pumps are old,” he said.",
]
PEOPLE = ("Anna Berg", "Tomas Reiner", "Berg")


def _text() -> str:
    return TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    end = start + len(needle)
    return start + len(needle) - len(needle.lstrip()), end - len(needle) + len(needle.rstrip())


# (paragraph, source, cue, content) of each attribution, as an annotator would mark them
ATTRIBUTIONS = [
    (0, "Anna Berg", "said", "“We cannot plant until the canal is repaired,”"),
    (2, "Local official Tomas Reiner", "called", "the delay “regrettable but unavoidable.”"),
    (3, "Berg", "said", "“Nobody told us anything,”"),
    (4, " he ", "said", "“The pumps are old,”"),
]


def _ann(text: str) -> str:
    """Brat standoff: one attribution per quote (source, cue, content), as PolNeAR writes it."""
    lines = []
    for number, (paragraph, *needles) in enumerate(ATTRIBUTIONS):
        at = text.index(PARAGRAPHS[paragraph])
        t = 4 * number
        for offset, (kind, needle) in enumerate(
            zip(("Source", "Cue", "Content"), needles, strict=True)
        ):
            start, end = _span(text, needle, at)
            lines.append(f"T{t + offset + 1}\t{kind} {start} {end}\t{text[start:end]}")
        start, end = _span(text, needles[1], at)
        lines.append(f"T{t + 4}\tAttribution {start} {end}\t{text[start:end]}")
        lines.append(
            f"E{number + 1}\tAttribution:T{t + 4} Content:T{t + 3} Cue:T{t + 2} Source:T{t + 1}"
        )
    return "\n".join(lines) + "\n"


def _corenlp(text: str) -> str:
    """CoreNLP-style XML: one sentence per line or paragraph, PERSON tags on our names, and a
    coreference chain from "he" back to Tomas Reiner."""
    person_spans = [m.span() for name in PEOPLE for m in re.finditer(re.escape(name), text)]
    sentences = []
    he_at: tuple[int, int] | None = None
    reiner_at: tuple[int, int, int] | None = None
    for number, block in enumerate(re.finditer(r"[^\n]+", text), start=1):
        tokens = []
        for index, token in enumerate(re.finditer(r"\w+|[^\w\s]", block.group(0)), start=1):
            start, end = block.start() + token.start(), block.start() + token.end()
            person = any(s <= start and end <= e for s, e in person_spans)
            if token.group(0) == "he":
                he_at = (number, index)
            if token.group(0) == "Tomas":
                reiner_at = (number, index, index + 2)
            tokens.append(
                f'<token id="{index}"><word>{escape(token.group(0))}</word>'
                f"<lemma>{escape(token.group(0).lower())}</lemma>"
                f"<CharacterOffsetBegin>{start}</CharacterOffsetBegin>"
                f"<CharacterOffsetEnd>{end}</CharacterOffsetEnd><POS>X</POS>"
                f"<NER>{'PERSON' if person else 'O'}</NER></token>"
            )
        sentences.append(f'<sentence id="{number}"><tokens>{"".join(tokens)}</tokens></sentence>')
    assert he_at is not None and reiner_at is not None
    chain = (
        '<coreference><mention representative="true">'
        f"<sentence>{reiner_at[0]}</sentence><start>{reiner_at[1]}</start>"
        f"<end>{reiner_at[2]}</end><head>{reiner_at[1] + 1}</head><text>Tomas Reiner</text>"
        f"</mention><mention><sentence>{he_at[0]}</sentence><start>{he_at[1]}</start>"
        f"<end>{he_at[1] + 1}</end><head>{he_at[1]}</head><text>he</text></mention></coreference>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><root><document><sentences>'
        + "".join(sentences)
        + f"</sentences><coreference>{chain}</coreference></document></root>"
    )


NAME = "usa-wire_2016-10-01_farmers-weigh-water"


def _write_checkout(root: Path, split: str = "dev") -> None:
    text = _text()
    base = root / "data" / split
    for folder in ("text", "attributions", "corenlp"):
        (base / folder).mkdir(parents=True)
    (base / "text" / f"{NAME}.txt").write_text(text, encoding="utf-8")
    (base / "attributions" / f"{NAME}_ab12.ann").write_text(_ann(text), encoding="utf-8")
    (base / "attributions" / f"{NAME}_zz99.ann").write_text("", encoding="utf-8")  # 2nd annotator
    (base / "corenlp" / f"{NAME}.txt.xml").write_text(_corenlp(text), encoding="utf-8")
    # an article whose annotations are missing is skipped, not fatal
    (base / "text" / "orphan_2016-10-02_x.txt").write_text("T\n\nBody.\n", encoding="utf-8")
    (base / "attributions" / "orphan_2016-10-02_x_ab12.ann").write_text("", encoding="utf-8")


def _bare_git(checkout: Path, into: Path) -> Path:
    env_args = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(checkout)], check=True)
    subprocess.run(["git", "-C", str(checkout), "add", "."], check=True)
    subprocess.run(
        ["git", "-C", str(checkout), *env_args, "commit", "-q", "-m", "synthetic"], check=True
    )
    subprocess.run(["git", "clone", "-q", "--bare", str(checkout), str(into)], check=True)
    return into


def _speaker_for(paragraph: str) -> Speaker:
    # A stand-in attribution: the first quote right, the partial quote given to another
    # person, the rest narration.
    if paragraph.startswith("“We cannot"):
        return Speaker(name="Anna Berg", role="a farmer in the valley", kind="person")
    if paragraph.startswith("Local official"):
        return Speaker(name="Anna Berg", kind="person")
    if paragraph.startswith("“Nobody"):
        return Speaker(name="Berg", kind="unknown")
    return NARRATOR


def _scripted(article: Article) -> list[Passage]:
    return [
        Passage(
            id=f"{article.id}:{n}:0",
            article_id=article.id,
            paragraph=n,
            text=paragraph,
            speaker=_speaker_for(paragraph),
            source=Source.of(article),
        )
        for n, paragraph in enumerate(article.paragraphs)
    ]


def test_scores_named_quotes_and_reports_pronouns_apart(tmp_path: Path) -> None:
    _write_checkout(tmp_path)
    report = run(open_polnear(tmp_path), "dev", _scripted)
    # three quotes by named people: right, wrong person, unattributed (named but unknown)
    assert dict(report.named) == {"right": 1, "wrong person": 1, "unattributed": 1}
    assert report.causes == {"wrong person": 1, "name found but unknown (not registered)": 1}
    # "he" is judged against the coreference chain's name, on its own line
    assert dict(report.pronoun) == {"unattributed": 1}
    assert report.skipped == ["orphan_2016-10-02_x"]
    table = render(report)
    assert "gold source a named person" in table and "33.3%" in table


def test_reads_a_bare_git_directory_like_a_checkout(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    _write_checkout(checkout, "train")
    git_dir = _bare_git(checkout, tmp_path / "PolNeAR.git")
    from_git = run(open_polnear(git_dir), "train", _scripted)
    from_folder = run(open_polnear(checkout), "train", _scripted)
    assert from_git.named == from_folder.named and from_git.named["right"] == 1
    assert from_git.pronoun == from_folder.pronoun


def test_real_attribution_gets_a_plain_inverted_cue_right(tmp_path: Path) -> None:
    _write_checkout(tmp_path)
    failures: list[str] = []
    report = run(open_polnear(tmp_path), "dev", attribute, show_failures=9, out=failures.append)
    assert report.named["right"] >= 1  # “…,” said Anna Berg, a farmer in the valley.
    assert report.named["wrong person"] == 0
    assert len(failures) == sum(report.causes.values())


def test_cli_prints_the_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_checkout(tmp_path)
    assert main(["--polnear", str(tmp_path), "--split", "dev"]) == 0
    assert "direct quotes" in capsys.readouterr().out
    assert main(["--polnear", str(tmp_path), "--json", "--limit", "1"]) == 0
    assert '"named_person_quotes"' in capsys.readouterr().out


def test_only_train_and_dev_can_be_chosen(tmp_path: Path) -> None:
    assert SPLITS == ("dev", "train")
    with pytest.raises(SystemExit) as exit_info:
        main(["--polnear", str(tmp_path), "--split", "test"])
    assert exit_info.value.code == 2
    with pytest.raises(ValueError):
        run(open_polnear(_checkout_with_dev(tmp_path)), "test", _scripted)


def _checkout_with_dev(root: Path) -> Path:
    _write_checkout(root)
    return root


def test_a_folder_that_is_not_polnear_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--polnear", str(tmp_path)]) == 2
    assert "cannot read PolNeAR" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("gold", "ours", "same"),
    [
        ("Caddell", "Pat Caddell", True),
        ("Obama", "Barack Obama", True),
        ("Brad Holm", "City Attorney Brad Holm", True),
        ("Mr. Obama", "Barack Obama", True),
        ("G.K. Butterfield", "G. K. Butterfield", True),
        ("Mitch McConnell", "McConnell (R-Ky.)", True),
        ("Hillary Clinton", "Bill Clinton", False),
        ("Trump", "Mike Pence", False),
        ("Clinton's", "Hillary Clinton", True),
    ],
)
def test_names_match_by_surname_and_given_name(gold: str, ours: str, same: bool) -> None:
    assert same_person(gold, ours) is same


def test_report_json_holds_counts_only() -> None:
    report = Report("dev", 3, 1.0)
    report.named["right"] += 2
    assert report.as_json()["named_person_quotes"] == {"right": 2}
