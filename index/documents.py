"""What of a passage is searchable: its text, who said it (name and role) and the article title.

The speaker and title make "Who is Mahambet Abjan?" or "What did Abenov write on Facebook?" find
passages whose own words never name the speaker ("…,” she said.").
"""

from __future__ import annotations

from index.store import PassageRecord
from index.tokenize import tokenize


def metadata_text(passage: PassageRecord, title: str) -> str:
    """Speaker name, role and article title: shared by many passages, so built once per set."""
    return "\n".join(part for part in (passage.speaker_name, passage.speaker_role, title) if part)


def document_terms(passage: PassageRecord, title: str) -> list[str]:
    """The BM25 document of a passage: the terms of its text, then of its metadata."""
    return tokenize(passage.text) + tokenize(metadata_text(passage, title))
