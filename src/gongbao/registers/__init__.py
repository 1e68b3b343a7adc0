"""Cross-document views computed from the stored facts: pure functions over records."""
