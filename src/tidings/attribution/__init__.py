"""According to whom: claims (who said, told, reported) and the spans of text they cover.

    find_claims(doc, lexicon) -> (Claim, ...)     every attribution cue of a document with its
                                                  speaker, description, relaying outlets and scope
    actor_overlapping(actors, start, end)         the actor mention at a span (shared with linking)

Module: ``claims``.
"""

from .claims import actor_overlapping, find_claims

__all__ = ["actor_overlapping", "find_claims"]
