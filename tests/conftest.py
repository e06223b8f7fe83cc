"""Shared fixtures: the seed articles, one loaded scorer, and the output schema validator."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_IDS = ("000", "001", "002", "003", "004")


def seed_path(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (they live in ../shared/seeds beside the repo)")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0]


@pytest.fixture(scope="session", autouse=True)
def onnx_cache(tmp_path_factory):
    """ONNX exports (the default CPU runtime builds one per model) go to a folder of this test
    session, not the user's ~/.cache, unless $CREDSCORE_CACHE names one."""
    if os.environ.get("CREDSCORE_CACHE"):
        yield Path(os.environ["CREDSCORE_CACHE"])
        return
    path = tmp_path_factory.mktemp("onnx-cache")
    os.environ["CREDSCORE_CACHE"] = str(path)  # os.environ, so spawned worker processes see it too
    yield path
    del os.environ["CREDSCORE_CACHE"]


@pytest.fixture(scope="session")
def scorer():
    from credscore import Scorer

    return Scorer(model=None).load()  # the feature-only path; the model has its own tests


@pytest.fixture(scope="session", params=["features", "model"])
def seed_results(request, scorer):
    """Every seed scored once per test session and scorer, keyed by its prefix ("000" …).

    Each seed test runs twice: with the feature-only scorer and with the shipped model (the
    default ``Scorer()``), so a retrained model cannot quietly lose what the seeds show.
    """
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    from credscore.intake import read_path

    chosen = scorer
    if request.param == "model":
        from importlib.util import find_spec

        if find_spec("torch") is None:
            pytest.skip("the model extra (torch) is not installed")
        chosen = request.getfixturevalue("shipped_scorer")
    return {p: (read_path(seed_path(p)), chosen.score_article(read_path(seed_path(p)))) for p in SEED_IDS}


@pytest.fixture(scope="session")
def shipped_scorer(shipped_model_dir):
    """The shipped model's scorer, loaded once per test session."""
    from credscore import Scorer

    return Scorer(model=shipped_model_dir).load()


@pytest.fixture(params=["features", "model"])
def scorer_in_mode(request, scorer):
    """The feature-only scorer, then the shipped model's: a reading an editor relies on holds in both modes."""
    return scorer if request.param == "features" else request.getfixturevalue("shipped_scorer")


def claims_by_text(result) -> dict:
    """A result's claims' attributions, keyed by the claim's text."""
    return {c.text: c.attribution for c in result.claims}


@pytest.fixture(scope="session")
def shipped_model_dir() -> Path:
    """The shipped model's directory (``credscore/models/credscore-minilm`` or ``$CREDSCORE_MODEL``); skips without one."""
    from credscore.errors import ModelLoadError
    from credscore.model.locate import resolve_model_dir

    try:
        return resolve_model_dir("default")
    except ModelLoadError as exc:
        pytest.skip(f"no shipped model: {exc}")


@pytest.fixture(scope="session")
def validate():
    """Validate a result dict against the published JSON Schema; raises on any violation."""
    import jsonschema

    from credscore import load_schema

    validator = jsonschema.Draft202012Validator(load_schema())

    def check(payload: dict) -> dict:
        errors = sorted(validator.iter_errors(payload), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
        return payload

    return check


# Non-English samples for the English-only warning (written for these tests).
GERMAN = (
    "Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland beschlossen. Nach Angaben "
    "des Wirtschaftsministeriums sollen die Maßnahmen vor allem den Energiesektor treffen. Ein "
    "Sprecher sagte, man stimme sich eng mit den europäischen Partnern ab, um die Wirkung der "
    "Sanktionen zu verstärken, und werde das Parlament noch in dieser Woche unterrichten."
)
RUSSIAN = (
    "Правительство в среду объявило о новых мерах поддержки экономики. По словам министра финансов, "
    "программа рассчитана на три года и затронет прежде всего малый бизнес. Эксперты считают, что "
    "этих средств может оказаться недостаточно, если цены на энергию продолжат расти."
)
