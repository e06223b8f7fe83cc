"""Outlet names and URL domains reduced to one comparable key.

"The Mirror", "Daily Mirror", "a report by The Mirror" and ``https://www.mirror.co.uk/news/...``
all name the same outlet; relays are resolved by comparing these keys, so they are made here once.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: words that do not tell outlets apart ("The Daily Mirror" is "The Mirror")
_FILLER = {"the", "daily", "sunday", "online", "newspaper", "paper", "uk", "com", "co", "www", "news"}
#: lead-ins before an outlet named as a source ("a report by The Mirror", "reports in the Times")
_LEAD_IN = re.compile(r"^(?:.*\b(?:by|in|from|to|of|on)\s+)", re.IGNORECASE)
_DOMAIN_PREFIXES = ("the", "daily")
_DOMAIN_SUFFIXES = ("online",)
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac"}


def outlet_key(name: str | None) -> str | None:
    """A lower-case key for an outlet name, or None when nothing distinctive is left.

    >>> outlet_key("a report by The Mirror"), outlet_key("Daily Mirror"), outlet_key("MailOnline")
    ('mirror', 'mirror', 'mail')
    """
    if not name:
        return None
    text = _LEAD_IN.sub("", name.strip())
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _FILLER]
    if not words:
        return None
    key = " ".join(words)
    for suffix in _DOMAIN_SUFFIXES:  # "mailonline" → "mail"
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            key = key[: -len(suffix)]
    return key


def domain_key(url: str | None) -> str | None:
    """The outlet key of a URL's domain: ``https://www.dailymail.co.uk/x`` → ``mail``.

    >>> domain_key("https://www.mirror.co.uk/news/world-news/x"), domain_key("express.co.uk")
    ('mirror', 'express')
    """
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    labels = [p for p in host.lower().split(".") if p and p != "www"]
    if not labels:
        return None
    while len(labels) > 1 and (labels[-1] in _SECOND_LEVEL or len(labels[-1]) <= 3):
        labels.pop()  # co.uk, com, org.uk …
    label = labels[-1]
    for prefix in _DOMAIN_PREFIXES:  # thesun → sun, dailymail → mail
        if label.startswith(prefix) and len(label) > len(prefix) + 2:
            label = label[len(prefix):]
    return outlet_key(label)


def article_outlet_key(outlet: str | None, url: str | None) -> str | None:
    """The key an article publishes under: its outlet name, else its URL's domain."""
    return outlet_key(outlet) or domain_key(url)
