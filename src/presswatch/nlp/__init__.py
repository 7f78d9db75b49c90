"""Parsing and extractors: pure functions over a parsed document."""
