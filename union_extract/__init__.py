"""union_extract: structured data from Chinese trade-union newspaper text.

    >>> import union_extract
    >>> doc = union_extract.extract("本报讯 记者王五报道 日前，温岭市总工会……")
    >>> doc.articles[0].byline.reporters
    ['王五']
"""
from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from .errors import UnusableInputError

if TYPE_CHECKING:
    from .models import Article, Document, ErrorRecord
    from .pipeline import Extractor


def __getattr__(name: str):
    # the extractor's modules load on first use: importing union_extract.spacy_bridge (which spaCy
    # does through its entry point whenever it builds a pipeline) stays cheap. The pydantic models
    # too: the CLI writes plain dicts, and importing pydantic cost ~0.15 s of its start-up (issue 16)
    if name == "Extractor":
        from .pipeline import Extractor
        return Extractor
    if name in ("Article", "Document", "ErrorRecord"):
        from . import models
        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__version__ = "0.1.0"
__all__ = ["extract", "Extractor", "Document", "Article", "ErrorRecord", "UnusableInputError", "__version__"]

_default: "Extractor | None" = None


def extract(text: str | bytes, source_id: str = "text",
            reference_date: datetime.date | str | None = None) -> Document:
    """Extract every article of ``text`` (a page dump or a single article). Bytes are decoded as
    the CLI reads files (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030) and the encoding is
    recorded in ``Document.encoding``; ``reference_date`` is a date or an ISO string.

    Raises :class:`UnusableInputError` -- and nothing else -- when the input cannot be used:
    ``kind`` is ``not_text``, ``undecodable``, ``empty``, ``bad_reference_date`` or ``internal``
    (a bug of ours, with the original exception chained)."""
    from .pipeline import Extractor, extract_checked
    global _default
    if _default is None:
        _default = Extractor()
    return extract_checked(_default, text, source_id=source_id, reference_date=reference_date)
