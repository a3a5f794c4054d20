"""Composing one letter in one language into a Document: templates, views, citations, phrases."""
