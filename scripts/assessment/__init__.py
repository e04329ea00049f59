"""The self-assessment page and its in-browser Python runtime: the quiz page's form,
the engine wheel, the trimmed standard library, the precompressed runtime files."""
