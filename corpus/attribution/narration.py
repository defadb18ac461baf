"""Names met in narration ("Kazak president Nursultan Nazarbaev"), registered for later cues."""

from __future__ import annotations

import re

from corpus.attribution.lexicon import (
    ROLE_NOUNS,
    TITLES,
    word_set,
)
from corpus.attribution.people import SpeakerRegistry, parse_subject

_NAME_AFTER_ROLE = re.compile(
    r"\b(?P<role>(?:[A-Za-z][\w’'-]*\s+){0,2}(?:"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r"))\s+(?P<name>[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*){1,2})\b"
)
_ROLE_ADJECTIVES = word_set(
    "new former deputy vice prime foreign local senior chief acting opposition state"
)
_TITLED_NAME = re.compile(
    r"\b(?P<role>(?:Prime Minister|President|Foreign Minister|Minister|Senator|Governor|Mayor|"
    r"Ambassador|General))\s+(?P<name>[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*){1,2})\b"
)


def register_mentions(text: str, registry: SpeakerRegistry, paragraph: int) -> None:
    """People introduced in narration ("Kazak president Nursultan Nazarbaev") for later cues."""
    for pattern in (_TITLED_NAME, _NAME_AFTER_ROLE):
        for match in pattern.finditer(text):
            name = match.group("name")
            if any(word in TITLES for word in name.split()):
                continue
            role_words = match.group("role").split()
            # keep "Kazak president", "Shymkent resident", "deputy minister"; drop "met his"
            while len(role_words) > 1 and not (
                role_words[0][:1].isupper() or role_words[0].lower() in _ROLE_ADJECTIVES
            ):
                role_words.pop(0)
            role = " ".join(role_words)
            mention = parse_subject(name)
            if mention is not None and mention.kind == "person":
                registry.register(mention, paragraph, role=role, spoke=False)
