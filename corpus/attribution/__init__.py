"""Speaker attribution of news articles, as a pipeline of stages, one module each.

`attribute(article, *, backend=None) -> list[Passage]` runs them in order (`pipeline`):

1. `quotes`: the quote spans of each paragraph (curly, straight, single, mixed marks), and the
   paragraph with its quotes masked out; `corpus.sentences` splits the sentences.
2. `people`: the article's register of people, built from the whole article before any cue is
   resolved (`build_register`): every personal name, titles, role prefixes and party tags moved
   to the role, genders from honorifics, gendered roles and the article's own pronouns.
   `names.parse_subject` reads one source phrase ("Sen. Tim Kaine (D-Va.)", "she", "officials").
3. `cues`: per sentence, a list of `Candidate`s: the source phrase as written with its
   character offsets in the paragraph, and the cue phrase ("said", "told IWPR", "—").
4. `resolve`: each candidate's source phrase becomes a Speaker through the register (surname,
   Mr./Ms. + surname, "the senator", he/she only to a speaker of that gender with nobody
   between, else `unknown`).
5. `govern`: each quote takes the cue that governs it (before, after or around it; the next
   sentence; the paragraph before for a multi-paragraph quote).
6. `passages`: consecutive sentences of a paragraph with one speaker become a passage.
`lexicon` holds the word lists.

The seam for another backend is between steps 3 and 4. `backend` (default: the environment's
`WHOSAID_ATTRIBUTION`, else "rules") names a module `corpus.attribution.<backend>` whose
`refine(sentences, candidates) -> candidates` gets every `govern.Sentence` (paragraph, offsets,
text, masked text) and the rules' candidates per sentence, and returns the candidates to use
(adding, confirming or replacing them). Resolution, quote governing and passages stay the same
whichever backend proposed the candidates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpus.attribution.pipeline import attribute


def __getattr__(name: str) -> Any:
    # Imported on first use: a question reads the word lists (`lexicon`) without paying for
    # every stage of the pipeline.
    if name == "attribute":
        from corpus.attribution.pipeline import attribute

        return attribute
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["attribute"]
