"""The index: articles in, hybrid search out.

Loads a corpus folder (`articles`: text files and their `front_matter`, saved
web pages read by `webpages`, PDFs read by `pdfs`, each kind held to the
limits of `file_kinds`, extractions kept by `extraction_cache`), splits
articles into passages (`chunking`), embeds them (`embedding`), keeps them in
Chroma (`store`) and in a BM25 index (`lexical`), and searches both
(`retrieval`). `Catalog` ties these together; `uploads` checks new files
(their names by `file_names`) before `corpus_folder` writes them. Nothing here
knows about questions, answers or citations.
"""

from index.articles import Article, Corpus, Skipped, load_corpus
from index.catalog import Catalog
from index.chunking import Passage
from index.errors import (
    AssistantError,
    CorpusError,
    CorpusNotFound,
    EmptyCorpus,
    IndexBusy,
    InvalidQuestion,
    ModelNotFound,
    StoreError,
    UnknownArticle,
)
from index.indexer import Progress, SyncReport
from index.retrieval import Hit
from index.settings import Settings

__all__ = [
    "Article",
    "AssistantError",
    "Catalog",
    "Corpus",
    "CorpusError",
    "CorpusNotFound",
    "EmptyCorpus",
    "Hit",
    "IndexBusy",
    "InvalidQuestion",
    "ModelNotFound",
    "Passage",
    "Progress",
    "Settings",
    "Skipped",
    "StoreError",
    "SyncReport",
    "UnknownArticle",
    "load_corpus",
]
