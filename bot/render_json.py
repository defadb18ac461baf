"""Search results as JSON: the contract scripts rely on (`whosaid ask --json`)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from pydantic import BaseModel

from index.results import SearchResult


def result_object(result: SearchResult) -> dict[str, object]:
    return {
        "query": result.query,
        "took_ms": round(result.took_ms, 3),
        "corrections": dict(result.corrections),
        "hits": [
            {
                "rank": hit.rank,
                "score": hit.score,
                "passage": hit.passage.model_dump(mode="json"),
                # the sentence before, when the passage does not name its subject (or null)
                "lead_in": result.lead_ins.get(hit.passage.id),
            }
            for hit in result.hits
        ],
        # With no hits after a search: question words no article has / matched only in passing.
        "missing": list(result.missing),
        "weak": list(result.weak),
        # ... that the closest passage lacks / naming a speaker nobody quoted / no number given.
        "lacking": list(result.lacking),
        "unquoted": list(result.unquoted),
        "uncounted": result.uncounted,
    }


# Characters a terminal would obey that json.dumps leaves raw (it escapes C0 controls itself):
# DEL, C1 controls, bidi overrides. Shown as \u escapes, which JSON readers decode back.
_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_dumps(value: object, *, indent: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def result_line(result: SearchResult) -> str:
    """One JSON object on one line (`ask -` prints one per question)."""
    return safe_dumps(result_object(result))


def models_json(items: Sequence[BaseModel]) -> str:
    return safe_dumps([item.model_dump(mode="json") for item in items], indent=1)
