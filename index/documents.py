"""What of a passage is searchable: its text, who said it (name and role) and the article title.

The speaker and title make "Who is Mahambet Abjan?" or "What did Abenov write on Facebook?" find
passages whose own words never name the speaker ("…,” she said.").
"""

from __future__ import annotations

from index.store import PassageRecord
from index.tokenize import tokenize


def searchable_text(passage: PassageRecord, title: str) -> str:
    parts = [passage.text]
    if passage.speaker_name:
        parts.append(passage.speaker_name)
    if passage.speaker_role:
        parts.append(passage.speaker_role)
    parts.append(title)
    return "\n".join(parts)


def document_terms(passage: PassageRecord, title: str) -> list[str]:
    """The BM25 document of a passage."""
    return tokenize(searchable_text(passage, title))
