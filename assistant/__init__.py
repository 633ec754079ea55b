"""A grounded question-answering assistant over a folder of news articles.

    from assistant import Assistant
    bot = Assistant.from_corpus("corpus")
    ans = bot.ask("How many organizations signed the letter?")
    print(ans.text)                      # verbatim quotes, each marked [1], [2], ...
    for c in ans.citations:
        print(c.number, c.outlet, c.date, c.quote, c.start, c.end)

Every answer is made of verbatim quotes whose offsets point into the article
text; when the corpus does not say, `ans.abstained` is True.
"""

from assistant.answers import Answer, Citation
from assistant.api import Assistant
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
    "IndexBusy",
    "InvalidQuestion",
    "ModelNotFound",
    "Settings",
    "StoreError",
    "UnknownArticle",
]
