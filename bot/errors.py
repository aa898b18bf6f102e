"""Errors shared by the domain core."""


class InputError(Exception):
    """Bad input from a person or a caller (wrong date, negative amount, unknown kind...).

    The message is pt-PT and fits on one line: the CLI prints it as ``erro: <message>``.
    """
