"""Drafting: one letter in any format, and one copy per recipient."""
