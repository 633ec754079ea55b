"""A grounded question-answering assistant over a folder of news articles.

    from assistant import Assistant
    bot = Assistant.from_corpus("corpus")
    ans = bot.ask("How many organizations signed the letter?")
    print(ans.text)                      # verbatim quotes, each marked [1], [2], ...
    for c in ans.citations:
        print(c.number, c.outlet, c.date, c.quote, c.start, c.end)

Every citation is a verbatim quote whose offsets point into the article text;
when the corpus does not say, `ans.abstained` is True. With
`Assistant(catalog, reader=LLMReader(url=...))`, or ASSISTANT_LLM_URL, a
language model writes the answer and every sentence of it is checked against
the quote it cites.
"""

from assistant.answers import Answer, Citation
from assistant.api import Assistant
from assistant.llm_reader import LLMReader
from assistant.readers import ExtractiveReader, Reader, ReaderUnavailable
from index.articles import Article
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
from index.settings import Settings

__all__ = [
    "Answer",
    "Article",
    "Assistant",
    "AssistantError",
    "Citation",
    "CorpusError",
    "CorpusNotFound",
    "EmptyCorpus",
    "ExtractiveReader",
    "IndexBusy",
    "InvalidQuestion",
    "LLMReader",
    "ModelNotFound",
    "Reader",
    "ReaderUnavailable",
    "Settings",
    "StoreError",
    "UnknownArticle",
]
