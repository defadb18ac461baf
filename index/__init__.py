"""BM25 search over attributed passages: tokenizer, build, persistence, staleness."""
