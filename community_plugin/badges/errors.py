"""The exceptions of the badges core. Each carries a message meant for a log or an operator."""


class BadgeError(Exception):
    """Base class: anything the badges core refuses."""


class ContextNotPinned(BadgeError):
    """A JSON-LD document asked for a context URL that is not shipped with the package."""

    def __init__(self, url):
        self.url = url
        super().__init__(
            f"JSON-LD context {url!r} is not pinned in community_plugin/badges/contexts; "
            "contexts are never fetched from the network"
        )


class CanonicalizationError(BadgeError):
    """The document cannot be turned into canonical N-Quads safely."""


class VerificationError(BadgeError):
    """A proof, signature, claim or date check failed."""


class StatusListError(BadgeError):
    """A status list or status entry is malformed or does not match."""


class BakingError(BadgeError):
    """The image cannot be baked or unbaked (not a PNG or SVG, broken chunks, no badge)."""
