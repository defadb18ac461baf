"""Reading article files and turning them into speaker-attributed passages."""

from corpus.models import NARRATOR, Article, Hit, Passage, Source, Speaker, SpeakerKind

__all__ = ["NARRATOR", "Article", "Hit", "Passage", "Source", "Speaker", "SpeakerKind"]
