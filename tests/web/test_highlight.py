"""Document text as HTML: facts marked, nested or left out, never broken; one sentence
highlighted."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from presswatch.web.highlight import (
    KINDS,
    Fact,
    highlight_range,
    render_text,
    sentence_bounds,
)

TEXT = "Mr. Austin went to Kyiv. He said: “We will help.” Then he left.\nA new line."


class Checker(HTMLParser):
    """Checks that tags are balanced and collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    return checker


def test_each_fact_is_a_mark_with_its_offsets_and_title() -> None:
    start = TEXT.index("Austin")
    html = render_text(TEXT, [Fact(start, start + 6, "actor", "Lloyd Austin (PERSON)")])
    assert (
        f'<mark class="fact fact-actor" data-kind="actor" data-start="{start}" '
        f'data-end="{start + 6}" title="Lloyd Austin (PERSON)">Austin</mark>'
    ) in html


def test_text_and_titles_are_escaped() -> None:
    text = 'A <b>"bold"</b> & <script>x</script> claim'
    end = text.index(" &")
    html = render_text(text, [Fact(2, end, "claim", '"><script>alert(1)</script>')])
    assert "<b>" not in html and "<script>" not in html
    assert '&lt;/script&gt;">&lt;b&gt;&#34;bold&#34;&lt;/b&gt;</mark>' in html
    assert " &amp; &lt;script&gt;x&lt;/script&gt; claim" in html
    assert 'title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "".join(check(html).text) == text


def test_nested_facts_nest_and_crossing_ones_are_left_out() -> None:
    quote = TEXT.index("We will help.")
    facts = [
        Fact(quote, quote + 13, "quote", "q"),
        Fact(quote + 3, quote + 7, "claim", "inside"),
        Fact(quote + 8, quote + 20, "date", "crossing"),
    ]
    html = render_text(TEXT, facts)
    assert 'data-kind="claim"' in html and 'data-kind="date"' not in html
    assert html.index('data-kind="quote"') < html.index('data-kind="claim"')
    assert check(html).balanced


def test_same_span_goes_outermost_by_kind() -> None:
    html = render_text("Germany", [Fact(0, 7, "actor", "a"), Fact(0, 7, "commitment", "c")])
    assert html.index("fact-commitment") < html.index("fact-actor")


def test_sentence_bounds_skip_abbreviations() -> None:
    start = TEXT.index("Austin")
    assert TEXT[slice(*sentence_bounds(TEXT, start, start + 6))] == "Mr. Austin went to Kyiv."
    he = TEXT.index("He said")
    assert TEXT[slice(*sentence_bounds(TEXT, he, he + 2))] == "He said: “We will help.”"
    line = TEXT.index("A new")
    assert TEXT[slice(*sentence_bounds(TEXT, line, line + 1))] == "A new line."
    then = TEXT.index("Then")
    assert TEXT[slice(*sentence_bounds(TEXT, then, then + 4))] == "Then he left."


def test_highlight_widens_over_a_fact_that_crosses_it() -> None:
    he = TEXT.index("He said")
    austin = TEXT.index("Austin")
    crossing = Fact(austin, he + 2, "quote", "two sentences")
    low, high = highlight_range(TEXT, [crossing], he, he + 2) or (0, 0)
    assert low == austin and TEXT[low:high] == "Austin went to Kyiv. He said: “We will help.”"
    html = render_text(TEXT, [crossing], (low, high))
    assert html.index('id="hl"') < html.index('data-kind="quote"')
    assert check(html).balanced
    assert highlight_range(TEXT, [], 5, len(TEXT) + 1) is None


spans = st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)), st.sampled_from(KINDS))


@settings(deadline=None)
@given(
    st.lists(spans, max_size=12),
    st.one_of(st.none(), st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))),
)
def test_any_facts_give_well_formed_html_with_the_text_intact(
    raw: list[tuple[int, int, str]], where: tuple[int, int] | None
) -> None:
    facts = [Fact(min(a, b), max(a, b), kind, f"<{kind}>") for a, b, kind in raw]
    highlight = None
    if where is not None:
        highlight = highlight_range(TEXT, facts, min(where), max(where))
    html = render_text(TEXT, facts, highlight)
    checker = check(html)
    assert checker.balanced and checker.stack == []
    assert "".join(checker.text) == TEXT
    assert html.count('id="hl"') == (1 if highlight else 0)
