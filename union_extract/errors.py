"""The one exception type the library raises for unusable input."""


class UnusableInputError(ValueError):
    """Raised by :func:`union_extract.extract` when the input cannot be processed
    (not a string, undecodable bytes, empty). ``kind`` is a short machine-readable reason."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason

    def __reduce__(self):
        # pickles whole (for worker processes): the default would call cls(reason) and fail
        return type(self), (self.kind, self.reason)
