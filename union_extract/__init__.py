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


def extract(text: str | bytes, source_id: str = "text", reference_date=None) -> Document:
    """Extract every article of ``text`` (a page dump or a single article; bytes are decoded
    as UTF-8, UTF-16 with BOM or GB18030).

    Raises :class:`UnusableInputError` -- and nothing else -- when the input cannot be used:
    ``kind`` is ``not_text``, ``undecodable``, ``empty`` or ``internal`` (a bug of ours, with the
    original exception chained)."""
    global _default
    if isinstance(text, (bytes, bytearray)):
        from .reading import decode
        try:
            text, _ = decode(bytes(text))
        except ValueError as exc:
            raise UnusableInputError("undecodable", str(exc)) from None
    if not isinstance(text, str):
        raise UnusableInputError("not_text", f"expected str or bytes, got {type(text).__name__}")
    from .reading import is_blank
    if is_blank(text):
        raise UnusableInputError("empty", "text is empty or only whitespace, control or zero-width characters")
    if _default is None:
        _default = Extractor()
    try:
        return _default.extract(text, source_id=source_id, reference_date=reference_date)
    except UnusableInputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the documented contract: one exception type
        raise UnusableInputError("internal", f"extraction failed: {type(exc).__name__}: {exc}") from exc
