"""Cross-document views derived from the stored facts: pure functions over records, so adding or
replacing an issue re-derives them."""
