"""Cross-document views derived from the stored facts (validity, …); pure functions over records."""
