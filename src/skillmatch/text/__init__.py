"""Text in: normalization that keeps offsets, spaCy tokens as a flat table, fast whole-text scans.

The first layer above the models: nothing here knows skills, taxonomies or results.
"""

from __future__ import annotations

from skillmatch.text.normalization import NormalizedText, normalize
from skillmatch.text.scan import ScanText
from skillmatch.text.tokenize import (
    ChunkTokenizer,
    TokenTable,
    blank_pipeline,
    table_tokenizer,
    token_table,
    tokenize_phrases,
)

__all__ = [
    "ChunkTokenizer",
    "NormalizedText",
    "ScanText",
    "TokenTable",
    "blank_pipeline",
    "normalize",
    "table_tokenizer",
    "token_table",
    "tokenize_phrases",
]
