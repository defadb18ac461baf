"""Speaker attribution of news articles, as a pipeline of stages, one module each.

- `lexicon`: the words attribution listens for (reporting verbs, titles, organisation words).
- `quotes`: where the quotations of a paragraph are.
- `people`: what a subject phrase names, and the article's register of people.
- `narration`: names met in narration, registered for later cues.
- `cues`: the reporting cues of one sentence, each with its source.
- `resolve`: each quotation gets the cue that governs it.
- `passages`: sentences with one speaker become passages.
- `pipeline`: `attribute(article)`, the stages in order.
"""

from __future__ import annotations

from corpus.attribution.pipeline import attribute

__all__ = ["attribute"]
