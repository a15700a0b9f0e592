"""User text → a safe FTS5 query where every word is a prefix."""

from __future__ import annotations

import re
import unicodedata

# Letters and digits only: quotes, '*', '-', ':', '(' and the like can never
# reach FTS5 syntax. Underscore is a separator for the unicode61 tokenizer too.
_WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 8


def prefix_query(text: str) -> str | None:
    """``'ross mar'`` → ``'"ross"* "mar"*'``; ``None`` when no word is left.

    Each word is quoted, so ``AND``/``OR``/``NEAR`` are searched as words, not
    operators; words are ANDed. The tokenizer folds case and accents of both
    the index and the query.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text))[:MAX_WORDS]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)
