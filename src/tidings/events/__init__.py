"""What: the PLOVER ontology and trigger lexicon, and the coder that turns parsed sentences
into events.

Modules, in the order they act: ``lexicon`` (the trigger, cue and role tables of
``data/events``), ``triggers`` (candidate triggers in a sentence), ``rules`` and ``coder``
(type, mode and certainty of each candidate), ``arguments`` and ``parties`` (source, target
and other parties), ``modality`` (attempted, failed, negated), ``link`` (date, place and
attribution of each event), ``dedupe`` (one record per real-world event in a document).
"""
