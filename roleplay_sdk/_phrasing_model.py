"""A small learned reading of a person's words: plan()'s fallback when no rule reads them strongly.

The rules in roleplay_sdk._plan are precise on the phrasings they know and guess on the ones
they do not. This module is a multinomial logistic regression over word, word-pair and
five-character features, trained by scripts/train-phrasing-model on the labelled corpus
in tests/data (never on the held-out file) and shipped as _phrasing_model.json. plan() asks
it only when the rules found no strong request, adopts its answer only above THRESHOLD, and
never lets it start a session; its roleplay_type replaces the rows' only where a single cue
gave that, and only above TYPE_OVERRIDE (see roleplay_sdk._plan). Pure Python,
deterministic, no I/O after the first load.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any, NamedTuple

MODEL_FILE = "_phrasing_model.json"
FORMAT = 2
#: A guess is adopted only when the model gives it at least this probability.
THRESHOLD = 0.75
#: A scenario the rules typed on a single cue takes the model's roleplay_type only this sure.
TYPE_OVERRIDE = 0.99
BIAS = "^"  # present in every text: each label's prior
_WORD = re.compile(r"[a-z0-9_]+")
# What a word stands for matters more than the word: any session id reads as one.
_PLACEHOLDERS = (
    (re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+"), " xemailx "),
    (re.compile(r"\brps_\w+"), " xsessionx "),
    (re.compile(r"\basg_\w+"), " xassignmentx "),
    (re.compile(r"\b\d+\b"), " xnumx "),
)
_GRAM = 5


def label_of(agent: str, operation: str | None) -> str:
    """One label for what a case is: an agent that is not the roleplay agent, or its operation."""
    return f"roleplay:{operation}" if agent == "roleplay" else agent


def features(text: str) -> list[str]:
    """The features of a text, sorted (so training sums in the same order on every machine)."""
    return sorted(_feature_set(text))


def _feature_set(text: str) -> set[str]:
    """The features of a text, unordered: what a guess needs (sorting them costs a third)."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    for pattern, placeholder in _PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    words = _WORD.findall(text)
    joined = f" {' '.join(words)} "
    return {
        BIAS,
        *words,
        *map(" ".join, pairwise(words)),
        *["#" + joined[i : i + _GRAM] for i in range(len(joined) - _GRAM + 1)],
    }


class Guess(NamedTuple):
    label: str
    probability: float


class Classifier:
    """One softmax over labels, its weights stored sparsely per feature."""

    def __init__(self, labels: Sequence[str], weights: dict[str, Sequence[Sequence[Any]]]):
        self.labels = tuple(labels)
        self.weights = weights  # feature -> [[label index, weight], ...], as JSON has it

    def guess(self, text: str) -> Guess:
        scores = [0] * len(self.labels)  # whole hundredths: exact in any order of features
        get = self.weights.get
        for feature in _feature_set(text):
            row = get(feature)
            if row is not None:
                for index, weight in row:
                    scores[index] += weight
        return _best(self.labels, scores)

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "weights": {f: [list(pair) for pair in row] for f, row in sorted(self.weights.items())},
        }


def _best(labels: Sequence[str], scores: Sequence[int]) -> Guess:
    top = max(scores)
    exps = [math.exp((score - top) / SCALE) for score in scores]
    best = max(range(len(labels)), key=exps.__getitem__)
    return Guess(labels[best], exps[best] / sum(exps))


class PhrasingModel(NamedTuple):
    """What the words ask for (label_of) and, for a practice, its roleplay_type."""

    intent: Classifier
    roleplay_type: Classifier


@cache
def load() -> PhrasingModel:
    """The shipped model (read once per process)."""
    raw = resources.files("roleplay_sdk").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return from_json(json.loads(raw))


def from_json(data: dict[str, Any]) -> PhrasingModel:
    if data.get("format") != FORMAT:
        raise ValueError(f"{MODEL_FILE}: format {data.get('format')!r}, expected {FORMAT}")
    return PhrasingModel(
        Classifier(data["intent"]["labels"], data["intent"]["weights"]),
        Classifier(data["roleplay_type"]["labels"], data["roleplay_type"]["weights"]),
    )


# --- training (scripts/train-phrasing-model; the tests retrain to prove the shipped file) --

EPOCHS = 10
LEARNING_RATE = 0.2
SEED_ORDER_STEP = 7919  # cases are visited in a fixed, shuffled-looking order: no RNG state
DECIMALS = 2
#: Weights are shipped as whole hundredths, so a guess sums integers: the same on every machine
#: whatever order the features come in.
SCALE = 10**DECIMALS
PRUNE_BELOW = 0.05  # weights smaller than this change no decision and are not shipped


def train(examples: Iterable[tuple[str, str]]) -> Classifier:
    """Plain stochastic gradient descent on the softmax loss, in a fixed order."""
    data = [(features(text), label) for text, label in examples]
    labels = sorted({label for _, label in data})
    index = {label: i for i, label in enumerate(labels)}
    dense: dict[str, list[float]] = {}
    count = len(data)
    step = SEED_ORDER_STEP if count % SEED_ORDER_STEP else 1
    order = [(i * step) % count for i in range(count)]
    for _ in range(EPOCHS):
        for position in order:
            feats, label = data[position]
            rows = [dense.setdefault(f, [0.0] * len(labels)) for f in feats]
            scores = [sum(column) for column in zip(*rows, strict=True)]  # summed in feature order
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            target = index[label]
            for k in range(len(labels)):
                gradient = exps[k] / total - (k == target)
                if abs(gradient) < 1e-3:
                    continue
                change = LEARNING_RATE * gradient
                for row in rows:
                    row[k] -= change
    sparse = {
        f: [(k, round(w * SCALE)) for k, w in enumerate(row) if abs(w) >= PRUNE_BELOW]
        for f, row in dense.items()
    }
    return Classifier(labels, {f: row for f, row in sparse.items() if row})


def model_json(intent: Classifier, roleplay_type: Classifier, files: Sequence[str]) -> str:
    data = {
        "format": FORMAT,
        "trained_on": list(files),
        "intent": intent.to_json(),
        "roleplay_type": roleplay_type.to_json(),
    }
    return json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n"
