"""Files shipped with FSE Desk: PSS vocabularies, translations, style sheet, icons.

They are package data of ``fse_desk`` and read through :mod:`importlib.resources`, so
they are found alike in a source checkout, an installed wheel and the installer's
bundle, wherever each puts them (never a path computed from ``__file__``).
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """The shipped file or folder at ``parts`` (e.g. ``resource("vocabularies", "atc.csv")``)."""
    return files(__name__).joinpath(*parts)
