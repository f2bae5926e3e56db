"""Actors: the knowledge base of countries, people and organisations, and its lookups."""

from .kb import KBEntry, KnowledgeBase, normalize

__all__ = ["KBEntry", "KnowledgeBase", "normalize"]
