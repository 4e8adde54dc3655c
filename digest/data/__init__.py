"""Vocabularies, gazetteer and patterns the extractor reads: data, one entry a line."""
