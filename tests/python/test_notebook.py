"""The notebook view: its HTML, read back as a browser's DOM would, shows the text once."""

from __future__ import annotations

from html.parser import HTMLParser

import geopol


class _Dom(HTMLParser):
    """The text a browser shows (outside the kind labels in <sub>), the tags met, and the
    style of the outer block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.styles: list[str] = []
        self._in_sub = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.styles.append(dict(attrs).get("style") or "")
        self._in_sub += tag == "sub"

    def handle_endtag(self, tag: str) -> None:
        self._in_sub -= tag == "sub"

    def handle_data(self, data: str) -> None:
        if not self._in_sub:
            self.text.append(data)


def dom_of(page: str) -> _Dom:
    d = _Dom()
    d.feed(page)
    d.close()
    return d


def test_each_line_break_is_shown_once() -> None:
    m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
    text = "Line one names Chad.\n\nLine three, after a blank line.\r\nChad & <b>not bold</b>\n"
    d = dom_of(geopol.highlight(text, m.extract(text))._repr_html_())
    assert "br" not in d.tags
    assert d.tags[0] == "div" and "white-space:pre-wrap" in d.styles[0]
    assert "".join(d.text) == text  # every character once, markup escaped, breaks kept
    assert d.tags.count("mark") == 2
