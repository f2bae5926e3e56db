"""When: time expressions in the text, resolved against the publication date.

    find_times(text, offset, published) -> [TimeSpan]   every date expression of a sentence,
                                                         absolute, relative or anchored
    speaks_of_future(sentence) -> bool                   future tense or a scheduling cue
    resolve_relation(span, anchor) -> TimeSpan           "two days after the raid" once the
                                                         raid's date is known

Modules: ``times`` (finding and interpreting), ``grammar`` (the word tables of
``data/when``, compiled), ``dates`` (calendar arithmetic on spans).
"""

from .times import find_times, resolve_relation, speaks_of_future

__all__ = ["find_times", "resolve_relation", "speaks_of_future"]
