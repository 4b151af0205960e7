"""The ``briefing`` command: one small module per command over :mod:`briefing.app`.

Each command turns its arguments into settings, makes one library call and
prints the result. Options shared by several commands are defined once in
:mod:`briefing.cli.options`; :mod:`briefing.cli.main` maps the library's
settings to flag names and its error classes to exit statuses. Heavy
libraries are imported inside the commands' ``run`` functions, so ``--help``
and ``--version`` stay quick.
"""

from briefing.cli.main import EXIT, FLAGS, flag, main

__all__ = ["EXIT", "FLAGS", "flag", "main"]
