"""Errors a user can cause: the CLI prints the message as one line and exits non-zero."""


class UserError(Exception):
    """A mistake the user can fix (bad path, bad flag value, missing token). Never a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
