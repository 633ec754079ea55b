"""The numpy query encoder gives sentence-transformers' vectors, and asking never imports torch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.embedding import Embedder, bundled_model_path
from index.query_encoder import QueryEncoder, supports

ROOT = Path(__file__).resolve().parents[2]
TEXTS = (
    "How many organizations signed the ACLU letter?",
    "x",
    "What did Sheriff Margaret Mims say about ICE agents in the Fresno County Jail in 2015?",
    "Café, naïve, “curly quotes”, em—dash, 134 immigrants, $2.5 million, 1,000 acres",
    "UPPER CASE QUESTION ABOUT DETAINERS",
    "   leading and trailing space   ",
    "词语 and emoji 🙂 mixed in",
    "word " * 400,  # longer than the model's 256 tokens: truncated the same way
)


@pytest.mark.slow
def test_encode__equals_sentence_transformers_to_float32_rounding():
    import numpy as np

    embedder = Embedder()
    reference = embedder.encode(list(TEXTS))
    encoder = QueryEncoder(embedder.model_path)
    for text, expected in zip(TEXTS, reference, strict=True):
        got = encoder.encode(text)
        assert got.dtype == np.float32 and got.shape == expected.shape
        assert np.abs(got - expected).max() < 2e-6, text[:40]


@pytest.mark.slow
def test_ask__answers_without_importing_torch_or_sentence_transformers(bot, corpus_dir):
    index_dir = bot.catalog.settings.resolved_index_dir
    script = (
        "import sys, json\n"
        "from assistant import Assistant\n"
        f"bot = Assistant.from_corpus({str(corpus_dir)!r}, index_dir={str(index_dir)!r})\n"
        "answer = bot.ask('How many organizations signed the ACLU letter?')\n"
        "print(json.dumps([answer.to_dict(), sorted(m for m in ('torch', 'sentence_transformers',"
        " 'transformers', 'llama_index') if m in sys.modules)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    answer, imported = json.loads(done.stdout)
    assert imported == []
    assert answer == bot.ask("How many organizations signed the ACLU letter?").to_dict()


def _edit_json(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        data = [m for m in data if m["type"] != changes.get("drop_module")]
    else:
        data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "supported"),
    [
        (None, True),
        (lambda d: _edit_json(d / "1_Pooling" / "config.json", pooling_mode_cls_token=True), False),
        (lambda d: _edit_json(d / "1_Pooling" / "config.json", pooling_mode_mean_tokens=False), False),
        (lambda d: _edit_json(d / "config.json", model_type="roberta"), False),
        (lambda d: _edit_json(d / "config.json", hidden_act="gelu_new"), False),
        (
            lambda d: _edit_json(d / "modules.json", drop_module="sentence_transformers.models.Normalize"),
            False,
        ),
        (lambda d: (d / "model.safetensors").unlink(), False),
        (lambda d: (d / "modules.json").write_text("not json"), False),
    ],
)
def test_supports__only_bert_with_mean_pooling_and_normalize(tmp_path, change, supported):
    source = bundled_model_path()
    assert source is not None
    folder = tmp_path / "model"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("model.safetensors"))
    (folder / "model.safetensors").symlink_to(source / "model.safetensors")
    if change is not None:
        change(folder)
    assert supports(folder) is supported
