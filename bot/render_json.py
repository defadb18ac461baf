"""Search results as JSON: the contract scripts rely on (`whosaid ask --json`)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pydantic import BaseModel

from index.results import SearchResult


def result_object(result: SearchResult) -> dict[str, object]:
    return {
        "query": result.query,
        "took_ms": round(result.took_ms, 3),
        "corrections": dict(result.corrections),
        "hits": [
            {"rank": hit.rank, "score": hit.score, "passage": hit.passage.model_dump(mode="json")}
            for hit in result.hits
        ],
    }


def result_line(result: SearchResult) -> str:
    """One JSON object on one line (`ask -` prints one per question)."""
    return json.dumps(result_object(result), ensure_ascii=False)


def models_json(items: Sequence[BaseModel]) -> str:
    return json.dumps(
        [item.model_dump(mode="json") for item in items], ensure_ascii=False, indent=1
    )
