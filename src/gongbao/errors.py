"""One base exception for the project; the CLI turns it into a one-line message and exit code 2."""


class GongbaoError(Exception):
    """A failure the user can act on: bad input, a missing file, an unknown document."""


class InputError(GongbaoError):
    """The input is not a gazette text at all: missing, empty, binary or undecodable."""
