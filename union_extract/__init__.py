"""union_extract: structured data from Chinese trade-union newspaper text.

    >>> import union_extract
    >>> doc = union_extract.extract("本报讯 记者潘仙德报道 日前，温岭市总工会……")
    >>> doc.articles[0].byline.reporters
    ['潘仙德']
"""
from __future__ import annotations

from .errors import UnusableInputError
from .models import Article, Document, ErrorRecord
from .pipeline import Extractor

__version__ = "0.1.0"
__all__ = ["extract", "Extractor", "Document", "Article", "ErrorRecord", "UnusableInputError", "__version__"]

_default: Extractor | None = None


def extract(text: str, source_id: str = "text", reference_date=None) -> Document:
    """Extract every article of ``text`` (a page dump or a single article).

    Raises :class:`UnusableInputError` (and nothing else) for input it cannot use."""
    global _default
    if not isinstance(text, str):
        raise UnusableInputError("not_text", f"expected str, got {type(text).__name__}")
    if _default is None:
        _default = Extractor()
    try:
        return _default.extract(text, source_id=source_id, reference_date=reference_date)
    except UnusableInputError:
        raise
    except RecursionError as exc:  # pragma: no cover - defensive
        raise UnusableInputError("internal", f"extraction failed: {exc}") from exc
