"""A self-contained HTML report of scored articles: highlighted text, claim scores, components.

:func:`render_html` takes ``(result, text)`` pairs, ``text`` being the string the result's
offsets index (``Article.text``; for HTML input the extracted text, which the result also carries
as ``extracted_text`` and which then wins). It returns one page for the whole batch, with no
script and nothing fetched: the CSS is inline, the charts are CSS bars, a Content-Security-Policy
forbids scripts and remote loads, and every explanation is both a ``title`` (hover) and a footnote.

Escaping is structural. Markup is only ever made by :func:`el`, which escapes every attribute
value and every child that is not already :class:`Markup`; article text and every string from a
result are plain ``str`` and so always go through :func:`html.escape`. The highlighted article
text is the text cut at every span boundary, each piece escaped and wrapped in one ``<span>``
with the classes of all spans covering it; scores and labels drawn inside the text are CSS
generated content (``attr(data-label)``), so the text nodes of the article are exactly its text.

The parts, each importing only those before it: :mod:`~credscore.report.escaping` (the kernel),
:mod:`~credscore.report.legend` (colours, bands, components), :mod:`~credscore.report.charts`,
:mod:`~credscore.report.highlight` (the text), :mod:`~credscore.report.template` (CSS and page)
and :mod:`~credscore.report.page` (:func:`render_html`).

>>> page = render_html([])
>>> page.startswith("<!DOCTYPE html>") and "<script" not in page
True
"""

from credscore.report.escaping import Markup, el, escape, join
from credscore.report.highlight import highlight
from credscore.report.legend import KIND_COLOURS
from credscore.report.page import render_html

__all__ = ["KIND_COLOURS", "Markup", "el", "escape", "highlight", "join", "render_html"]
