"""Where the index lives by default: in the user's data folder, never inside the package."""

from pathlib import Path

from corpus.paths import user_data_dir

# Where whosaid 0.1 built the index, inside the installed package. Only read, once, to pick
# an index found there up (bot.migrate); nothing is written there any more.
OLD_INDEX_DIR = Path(__file__).resolve().parent / "built"


def default_index_dir() -> Path:
    """~/.local/share/whosaid/index on Linux (XDG_DATA_HOME moves it); WHOSAID_INDEX_DIR and
    --index beat it."""
    return user_data_dir() / "index"
