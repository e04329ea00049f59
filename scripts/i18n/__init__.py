"""The language layer: the English PO catalogues (read, sync) and the text of every
segment in each language."""
