"""A command run in a fresh interpreter as ``python -m valuesapp ...`` runs it, then one line of Python
saying what the run left loaded (its modules, its mapped tables) on stderr, for the laziness tests."""


def run_then(report: str) -> str:
    """The script for ``python -c``: the command's arguments follow it; ``report`` prints to stderr."""
    return (
        "import sys, runpy\n"
        "sys.argv = ['valuesapp', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('valuesapp', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        f"{report}\n"
    )
