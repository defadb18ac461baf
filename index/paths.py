"""Default index location, resolved against the installed package, not the working folder."""

from pathlib import Path

DEFAULT_INDEX_DIR = Path(__file__).resolve().parent / "built"
