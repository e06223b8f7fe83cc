"""Shipped lexicons: one JSONL file per lexicon (header line, then one entry per line).

Load them with :func:`credscore.lexicon.load_lexicon`. Third-party licences of the lists some of
them are curated from are in ``LICENSES/``.
"""
