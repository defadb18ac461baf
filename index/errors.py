"""What can go wrong with an index on disk; every message is one sentence a user can act on."""

from __future__ import annotations


class IndexProblem(Exception):
    """Base class: the index folder cannot be used as it is."""


class IndexMissing(IndexProblem):
    """There is no index in the folder yet (nothing was ever built there)."""


class IndexCorrupt(IndexProblem):
    """The folder holds something that is not a complete index of a format we can read."""


class IndexOutdated(IndexCorrupt):
    """A complete index, but written by another format or tokenizer version: it must be rebuilt."""


class BuildError(Exception):
    """The index could not be built (for example, the corpus folder does not exist)."""


class BuildFailed(Exception):
    """The machine, not the input, stopped a build (a worker died, the disk filled up).

    Deliberately neither a BuildError nor an OSError: callers that turn those into "fix your
    input" messages must let this through, so that it keeps its own exit code. The previous
    index is always left as it was.
    """


class WorkerDied(BuildFailed):
    """An attribution worker process was killed (kill -9, the out-of-memory killer)."""


class DiskFull(BuildFailed):
    """There was no room left to write the new index."""
