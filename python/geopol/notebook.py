"""A notebook view of a text with its mentions highlighted."""

from __future__ import annotations

import html
from collections.abc import Iterable

from geopol._core import Mention

__all__ = ["Highlighted", "highlight"]

_COLORS = {
    "state": "#cfe8ff",
    "organization": "#d9f2d0",
    "official": "#ffe1b3",
    "role": "#eadcff",
}


class Highlighted:
    """A text and its mentions; Jupyter shows it as HTML with each mention marked.

    The mark's tooltip gives the entity id and name, how it matched, and an official's
    post. ``str()`` gives a plain-text form with ``[text|id]`` marks.
    """

    def __init__(self, text: str, mentions: Iterable[Mention]) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))

    def _repr_html_(self) -> str:
        out: list[str] = []
        pos = 0
        for m in self.mentions:
            if m.start < pos:
                continue
            out.append(html.escape(self.text[pos : m.start]))
            tip = f"{m.id} ({m.name}) by {m.matched_by}"
            if m.role is not None:
                tip += f"; {m.role.title}"
                if m.role.of_name:
                    tip += f" of {m.role.of_name}"
            color = _COLORS.get(m.kind, "#eeeeee")
            out.append(
                f'<mark style="background:{color};padding:0 2px;border-radius:3px" '
                f'title="{html.escape(tip)}">{html.escape(self.text[m.start : m.end])}'
                f'<sub style="font-size:65%;opacity:.7"> {html.escape(m.kind)}</sub></mark>'
            )
            pos = m.end
        out.append(html.escape(self.text[pos:]))
        # `pre-wrap` keeps the text's own line breaks: a `<br>` beside them would show each
        # twice.
        body = "".join(out)
        return f'<div style="line-height:1.9;white-space:pre-wrap">{body}</div>'

    def __str__(self) -> str:
        out: list[str] = []
        pos = 0
        for m in self.mentions:
            if m.start < pos:
                continue
            out.append(self.text[pos : m.start])
            out.append(f"[{self.text[m.start : m.end]}|{m.id}]")
            pos = m.end
        out.append(self.text[pos:])
        return "".join(out)

    def __repr__(self) -> str:
        return f"<Highlighted: {len(self.mentions)} mentions>"


def highlight(text: str, mentions: Iterable[Mention]) -> Highlighted:
    """The text with its mentions marked, for display in a notebook.

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
    >>> text = "Troops left Chad & came back."
    >>> print(geopol.highlight(text, m.extract(text)))
    Troops left [Chad|state:TCD] & came back.
    >>> "&amp;" in geopol.highlight(text, m.extract(text))._repr_html_()
    True
    """
    return Highlighted(text, mentions)
