"""Settings: the one place where command-line flags and environment variables
become configuration.

`Settings.from_env()` reads the environment once, at the edge (the CLI, the web
app, the public API); everything below receives a `Settings` value and never
looks at `os.environ` itself.

Environment variables:

    ASSISTANT_CORPUS           corpus folder (default: ./corpus)
    ASSISTANT_INDEX_DIR        where the index lives (default: a per-corpus
                               folder under $XDG_CACHE_HOME/news-assistant)
    ASSISTANT_EMBEDDING_MODEL  a sentence-transformers model folder of a
                               transformer with mean pooling (default: the
                               bundled all-MiniLM-L6-v2); its ONNX exports are
                               kept under $XDG_CACHE_HOME/news-assistant/models
    CHROMA_HOST, CHROMA_PORT   use a Chroma server instead of the embedded store
    ASSISTANT_LLM_URL          an OpenAI-compatible server's base URL (e.g.
                               http://127.0.0.1:8080/v1): answers are then
                               written by its model (default: unset, the
                               extractive reader, nothing contacted)
    ASSISTANT_LLM_MODEL        the model name to ask for (default: the first
                               the server lists)
    ASSISTANT_LLM_API_KEY      the key, for hosted servers
    ASSISTANT_LLM_TIMEOUT      seconds to wait for an answer (default: 120)
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["Settings", "default_index_dir", "model_cache_dir"]

DEFAULT_CORPUS = Path("corpus")
DEFAULT_CHUNK_SIZE = 48
DEFAULT_CHUNK_OVERLAP = 0
DEFAULT_CHROMA_PORT = 8000
# A 1.5B model on two CPU cores takes 15-20 s an answer; a loaded machine, several times that.
DEFAULT_LLM_TIMEOUT = 120.0


@dataclass(frozen=True)
class Settings:
    """Everything the index and the assistant can be told.

    >>> Settings(corpus_dir=Path("news")).with_overrides(top_k=12).top_k
    12
    """

    corpus_dir: Path = DEFAULT_CORPUS
    index_dir: Path | None = None
    embedding_model: str | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP
    top_k: int = 8
    chroma_host: str | None = None
    chroma_port: int = DEFAULT_CHROMA_PORT
    cache_home: Path | None = None
    llm_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = DEFAULT_LLM_TIMEOUT

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from environment variables, then apply `overrides`
        (flags given on the command line win over the environment)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if env.get("ASSISTANT_CORPUS"):
            values["corpus_dir"] = Path(env["ASSISTANT_CORPUS"])
        if env.get("ASSISTANT_INDEX_DIR"):
            values["index_dir"] = Path(env["ASSISTANT_INDEX_DIR"])
        if env.get("ASSISTANT_EMBEDDING_MODEL"):
            values["embedding_model"] = env["ASSISTANT_EMBEDDING_MODEL"]
        if env.get("CHROMA_HOST"):
            values["chroma_host"] = env["CHROMA_HOST"]
        if env.get("CHROMA_PORT"):
            values["chroma_port"] = _number(
                env["CHROMA_PORT"], int, "CHROMA_PORT must be a port number",
                "set it to the port 'chroma run' listens on, e.g. 8000",
            )
        for name, key in (("ASSISTANT_LLM_URL", "llm_url"), ("ASSISTANT_LLM_MODEL", "llm_model"),
                          ("ASSISTANT_LLM_API_KEY", "llm_api_key")):
            if env.get(name):
                values[key] = env[name]
        if env.get("ASSISTANT_LLM_TIMEOUT"):
            values["llm_timeout"] = _number(
                env["ASSISTANT_LLM_TIMEOUT"], float, "ASSISTANT_LLM_TIMEOUT must be a number of seconds",
                "set it to e.g. 120",
            )
        cache = env.get("XDG_CACHE_HOME") or (
            str(Path(env["HOME"]) / ".cache") if env.get("HOME") else None
        )
        if cache:
            values["cache_home"] = Path(cache)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        """Raise `AssistantError` for a value no component could use, naming the fix."""
        from index.errors import AssistantError

        if self.llm_url is not None and not re.match(r"https?://[^\s/]+", self.llm_url):
            raise AssistantError(
                f"The LLM URL must start with http:// or https://, got '{self.llm_url}': "
                "pass the server's OpenAI-compatible base URL, e.g. --llm-url http://127.0.0.1:8080/v1."
            )
        if self.llm_timeout <= 0:
            raise AssistantError(f"The LLM timeout must be positive, got {self.llm_timeout}: use e.g. 120.")

    def with_overrides(self, **overrides: object) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]

    @property
    def resolved_index_dir(self) -> Path:
        """The index folder: the one set, or a default derived from the corpus path."""
        if self.index_dir is not None:
            return Path(self.index_dir)
        return default_index_dir(self.corpus_dir, cache_home=self.cache_home)

    @property
    def model_cache_dir(self) -> Path:
        """Where the embedding model's ONNX exports are kept (see `index.model_export`)."""
        return model_cache_dir(cache_home=self.cache_home)


def _number(text: str, kind: type, what: str, fix: str) -> float:
    from index.errors import AssistantError

    try:
        return kind(text)  # type: ignore[no-any-return]
    except ValueError:
        raise AssistantError(f"{what}, got '{text}': {fix}.") from None


def default_index_dir(corpus_dir: Path, *, cache_home: Path | None = None) -> Path:
    """A per-corpus folder, so two corpora never share an index.

    Example: corpus/ -> ~/.cache/news-assistant/corpus-1a2b3c4d
    """
    corpus = Path(corpus_dir).resolve()
    digest = hashlib.sha256(str(corpus).encode()).hexdigest()[:8]
    return _cache_root(cache_home) / f"{corpus.name or 'corpus'}-{digest}"


def model_cache_dir(*, cache_home: Path | None = None) -> Path:
    """Example: -> ~/.cache/news-assistant/models"""
    return _cache_root(cache_home) / "models"


def _cache_root(cache_home: Path | None) -> Path:
    return (cache_home if cache_home is not None else Path.home() / ".cache") / "news-assistant"
