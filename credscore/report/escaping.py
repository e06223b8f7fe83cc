"""The escaping kernel: markup is only ever made by :func:`el`, so every other string is text.

:func:`el` escapes every attribute value and every child that is not already :class:`Markup`;
article text and every string from a result are plain ``str`` and so always go through
:func:`html.escape`. The rest of the report builds its HTML with these four names only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class Markup(str):
    """A fragment of HTML made by :func:`el`; any other ``str`` is text and gets escaped.

    >>> el("b", None, "<i>") == "<b>&lt;i&gt;</b>"
    True
    """

    __slots__ = ()


def escape(value: object) -> Markup:
    """``value`` as HTML text: :class:`Markup` as it is, anything else through ``html.escape``.

    A carriage return becomes ``&#13;`` so the HTML parser does not fold ``\\r\\n`` into ``\\n``.

    >>> escape('"><img src=x onerror=alert(1)>')
    '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True).replace("\r", "&#13;"))


def el(tag: str, attrs: Mapping[str, object] | None = None, *children: object) -> Markup:
    """``<tag attrs>children</tag>``: attribute values always escaped, children unless :class:`Markup`.

    Attributes whose value is ``None`` or ``False`` are left out.

    >>> el("a", {"title": "<x>", "href": None}, "1 < 2")
    '<a title="&lt;x&gt;">1 &lt; 2</a>'
    """
    if not _NAME.match(tag):
        raise ValueError(f"tag name {tag!r} is not a plain lower-case name")
    parts = [f"<{tag}"]
    for name, value in (attrs or {}).items():
        if not _NAME.match(name):
            raise ValueError(f"attribute name {name!r} is not a plain lower-case name")
        if value is None or value is False:
            continue
        parts.append(f' {name}="{html.escape(str(value), quote=True)}"')
    parts.append(">")
    parts.extend(escape(child) for child in children)
    parts.append(f"</{tag}>")
    return Markup("".join(parts))


def join(parts: Iterable[object]) -> Markup:
    """Concatenate, escaping whatever is not :class:`Markup`.

    >>> join([el("b", None, "x"), "&"])
    '<b>x</b>&amp;'
    """
    return Markup("".join(escape(p) for p in parts))


def separated(parts: Iterable[object], separator: str = ", ") -> Markup:
    """``parts`` joined with ``separator`` between them, each escaped unless :class:`Markup`.

    >>> separated([el("a", None, "C1"), el("a", None, "C2")])
    '<a>C1</a>, <a>C2</a>'
    """
    return Markup(escape(separator).join(escape(p) for p in parts))
