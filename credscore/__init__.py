"""credscore: how well is a news article sourced?

>>> from credscore import Scorer
>>> Scorer().score(text).score          # doctest: +SKIP

``import credscore`` is cheap: spaCy loads on the first score, torch never for the
feature-only scorer.
"""

from credscore.errors import CredscoreError, CredscoreWarning, InputError, ModelLoadError
from credscore.results import SCHEMA_VERSION, ArticleResult, ClaimResult, ErrorResult, load_schema
from credscore.scorer import Scorer, __version__

__all__ = [
    "SCHEMA_VERSION",
    "ArticleResult",
    "ClaimResult",
    "CredscoreError",
    "CredscoreWarning",
    "ErrorResult",
    "InputError",
    "ModelLoadError",
    "Scorer",
    "__version__",
    "load_schema",
]
