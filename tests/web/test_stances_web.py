"""The stances page and its JSON twin, the actor page's stances over time, and the
stance chart: filters, bad filters, paging, caps, undated stances, stores without
stances. The stances are planted (conftest.STANCES, stance_support.py); one test goes
through the real extractor."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from stance_support import Planted, save_documents

from conftest import AUTHOR_EVIDENCE, HOSTILE_AUTHOR, QUOTE, SPEAKER, write_articles
from presswatch.domain import load_pack
from presswatch.models import Document
from presswatch.pipeline import Pipeline
from presswatch.runs import ingest
from presswatch.settings import Settings
from presswatch.store import Store
from presswatch.web import create_app, views
from presswatch.web.charts import StanceMark, StanceRow, stance_chart

MARK = re.compile(r'<a class="stance-mark stance-(\w+)" href="([^"]+)"><title>([^<]*)</title>')
SHIFT = f"{SPEAKER}: P1 favor -&gt; against between 2022-04 and 2022-08"


def actor_url(name: str, suffix: str = "") -> str:
    return f"/actors/{quote(name, safe='')}{suffix}"


def unescape_href(href: str) -> str:
    return href.replace("&amp;", "&").split("#")[0]


def highlighted(page: str) -> str:
    """The text of the highlighted sentence of a document page."""
    inside = page.split('<span id="hl" class="highlight">', 1)[1]
    depth, out = 1, []
    for piece in re.split(r"(<[^>]+>)", inside):
        if piece.startswith("<span"):
            depth += 1
        elif piece == "</span>":
            depth -= 1
            if depth == 0:
                break
        elif not piece.startswith("<"):
            out.append(piece)
    return "".join(out)


@pytest.fixture
def stance_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """An app over a store built from documents and planted stances (no spaCy)."""
    clients: list[TestClient] = []

    def make(
        documents: list[tuple[Document, list[Planted]]], actors: tuple[str, ...] = ()
    ) -> TestClient:
        db = save_documents(tmp_path / f"s{len(clients)}.db", documents, actors)
        client = TestClient(create_app(db))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def doc(text: str, published: str | None, n: int, **meta: Any) -> Document:
    return Document(text=text, path=f"doc{n}.txt", published=published, title=f"Doc {n}", **meta)


# -- the stances page ----------------------------------------------------------------------


def test_stances_page_charts_each_proposition(client: TestClient) -> None:
    answer = client.get("/stances")
    assert answer.status_code == 200
    page = answer.text
    assert page.count('<svg class="chart stance-chart"') == 3  # P1, P2, P4; none on P3, P5
    marks = MARK.findall(page)
    assert sorted(kind for kind, _, _ in marks) == ["against", "against", "favor", "favor", "mixed"]
    for _, href, _ in marks:
        assert re.fullmatch(r"/documents/[0-9a-f]{64}\?start=\d+&amp;end=\d+#hl", href)
    tips = [tip for _, _, tip in marks]
    assert f"{SPEAKER}: favor on P1, 2022-04-25: “{QUOTE}” (Austin and Blinken visit Kyiv)" in tips
    for word in ("favor", "against", "mixed"):  # the legend names each shape
        assert f'<g class="stance-key stance-{word}">' in page and f">{word}</text></g>" in page
    assert '<text class="chart-label" x="190.0" y="' in page and ">2022-04</text>" in page
    assert SHIFT in page
    assert "No stances on P3 yet." in page and "No stances on P5 yet." in page
    table = page.split('id="P1"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 3  # the header and two stances
    assert '<a class="stance-evidence" href="/documents/' in table and QUOTE in table
    assert "2022-04-25" in table and "2022-08-10" in table
    assert f'href="{actor_url(SPEAKER)}"' in table  # the holder is an actor: its page


def test_stances_json_twin(client: TestClient) -> None:
    data = client.get("/stances.json").json()
    assert data["pack"] == "ukraine" and data["message"] is None
    assert (data["stored"], data["total"], data["holders"], data["undated"]) == (5, 5, 4, 0)
    assert data["filters"] == {"actor": None, "proposition": None, "from": None, "to": None}
    assert data["months"] == ["2022-04", "2022-05", "2022-06", "2022-07", "2022-08", "2022-09"]
    by_id = {p["id"]: p for p in data["propositions"]}
    assert list(by_id) == ["P1", "P2", "P3", "P4", "P5"]
    p1 = by_id["P1"]
    assert (
        p1["wording"] and p1["in_pack"] and p1["counts"] == {"favor": 1, "against": 1, "mixed": 0}
    )
    assert [h["name"] for h in p1["holders"]] == [SPEAKER]
    assert [s["stance"] for s in p1["stances"]] == ["favor", "against"]  # by date
    point = p1["stances"][0]
    assert point["evidence"]["text"] == QUOTE and point["published"] == "2022-04-25"
    assert point["href"] == views.document_href(
        point["doc_id"], point["evidence"]["start"], point["evidence"]["end"]
    )
    assert point["actor_href"] == actor_url(SPEAKER) and "path" not in point
    [row] = p1["chart"]["rows"]
    assert row["label"] == SPEAKER and [m["stance"] for m in row["marks"]] == ["favor", "against"]
    [shift] = p1["shifts"]
    assert shift["summary"] == SHIFT.replace("&gt;", ">")
    assert shift["evidence_before"][0]["href"] == point["href"]
    assert shift["evidence_after"][0]["published"] == "2022-08-10"
    # an author's stance is held by the author, by name
    names = {h["name"] for h in by_id["P4"]["holders"]}
    assert names == {"Sam Reed", HOSTILE_AUTHOR}
    sam = next(s for s in by_id["P4"]["stances"] if s["holder"] == "Sam Reed")
    assert sam["evidence"]["text"] == AUTHOR_EVIDENCE and sam["actor_href"] is None
    assert by_id["P3"]["stances"] == [] and by_id["P3"]["total"] == 0


def test_a_stance_mark_leads_to_its_highlighted_evidence(client: TestClient) -> None:
    page = client.get("/stances?proposition=P4").text
    for _, href, tip in MARK.findall(page):
        target = client.get(unescape_href(href))
        assert target.status_code == 200
        evidence = tip.split("“", 1)[1].split("”", 1)[0]
        assert evidence.replace("&amp;", "&") in highlighted(target.text).replace("&amp;", "&")


def test_stances_filters(client: TestClient) -> None:
    def get(**params: str) -> dict[str, Any]:
        answer = client.get("/stances.json", params=params)
        assert answer.status_code == 200, answer.text
        data: dict[str, Any] = answer.json()
        return data

    austin = get(actor=SPEAKER)
    assert austin["total"] == 2 and austin["filtered"]
    assert {p["id"]: p["total"] for p in austin["propositions"]}["P1"] == 2
    assert get(actor="austin")["total"] == 2  # a part of the name, any case
    assert get(actor="Reed")["propositions"][3]["stances"][0]["holder"] == "Sam Reed"
    p4 = get(proposition="p4")  # the id, any case
    assert p4["filters"]["proposition"] == "P4" and [p["id"] for p in p4["propositions"]] == ["P4"]
    assert p4["total"] == 2
    assert get(**{"from": "2022-08"})["total"] == 4
    assert get(to="2022-05")["total"] == 1
    window = get(**{"from": "2022-08-01", "to": "2022-08-31", "actor": SPEAKER})
    assert window["total"] == 1 and window["propositions"][0]["shifts"] == []
    assert get(actor="Nobody Atall")["total"] == 0
    page = client.get("/stances", params={"actor": "Nobody Atall"}).text
    assert "No stances match these filters (5 stored in all)." in page
    kept = client.get("/stances", params={"proposition": "P1", "from": "2022"}).text
    assert '<option value="P1" selected>' in kept and 'name="from" value="2022"' in kept
    assert 'href="/stances">clear</a>' in kept


@pytest.mark.parametrize(
    ("query", "code", "words"),
    [
        ("from=someday", "input", "from"),
        ("to=2022-13-45", "input", "to"),
        ("from=2023&to=2022", "input", "after"),
        ("proposition=P9", "input", "P1, P2, P3, P4, P5"),
        ("limit=0", "bad-request", "limit"),
        ("page=0", "bad-request", "page"),
        ("proposition=" + "P" * 65, "bad-request", "proposition"),
    ],
)
def test_stances_bad_filters_are_400(client: TestClient, query: str, code: str, words: str) -> None:
    answer = client.get(f"/stances.json?{query}")
    assert answer.status_code == 400
    body = answer.json()
    assert set(body) == {"error", "message", "status"}
    assert body["error"] == code and body["status"] == 400 and words in body["message"]
    page = client.get(f"/stances?{query}")
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]


def test_stances_tables_are_paged(client: TestClient) -> None:
    first = client.get("/stances.json?limit=1").json()
    assert first["pages"] == 2
    p1 = first["propositions"][0]
    assert (p1["page"], p1["pages"], p1["total"]) == (1, 2, 2)
    assert [s["stance"] for s in p1["stances"]] == ["favor"]
    assert len(p1["chart"]["rows"][0]["marks"]) == 2  # the chart shows every stance
    second = client.get("/stances.json?limit=1&page=2").json()["propositions"][0]
    assert [s["stance"] for s in second["stances"]] == ["against"]
    page = client.get("/stances?limit=1").text
    assert 'rel="next" href="/stances?limit=1&amp;page=2"' in page and "page 1 of 2" in page
    past = client.get("/stances?page=9").text
    assert "No stances on P1 on this page (2 in all)" in past


def test_an_empty_store_says_there_are_no_stances_yet(empty_client: TestClient) -> None:
    page = empty_client.get("/stances")
    assert page.status_code == 200
    assert "No stances in this database yet: it holds no documents." in page.text
    assert "stance-chart" not in page.text
    data = empty_client.get("/stances.json").json()
    assert data["message"].startswith("No stances in this database yet")
    assert data["total"] == 0 and [p["total"] for p in data["propositions"]] == [0] * 5


def test_documents_without_stances_say_how_to_get_them(
    stance_client: Callable[..., TestClient],
) -> None:
    client = stance_client([(doc("Nothing argued here.", "2022-01-02", 1), [])])
    page = client.get("/stances").text
    assert "No stances in this database yet: none of its 1 documents has a stance" in page
    assert "re-ingest them into a new database" in page
    assert "No stances on P1" not in page  # said once, for the whole page
    assert client.get("/stances.json?actor=x&from=2022").json()["message"] is not None


def test_stances_without_a_month_are_listed_but_not_charted(
    stance_client: Callable[..., TestClient],
) -> None:
    texts = ["Send tanks now.", "Send jets soon.", "Send shells today.", "Stop sending arms."]
    client = stance_client(
        [
            (doc(texts[0], "2022-03-14", 1), [("Ann Lee", "P4", "favor", texts[0])]),
            (doc(texts[1], "2022-05", 2), [("Ann Lee", "P4", "favor", texts[1])]),
            (doc(texts[2], "2022", 3), [("Ann Lee", "P4", "favor", texts[2])]),
            (doc(texts[3], None, 4), [("Ann Lee", "P4", "against", texts[3])]),
        ]
    )
    data = client.get("/stances.json").json()
    p4 = data["propositions"][3]
    assert data["undated"] == 2 and p4["undated"] == 2
    assert data["months"] == ["2022-03", "2022-04", "2022-05"]
    assert [m["published"] for m in p4["chart"]["rows"][0]["marks"]] == ["2022-03-14", "2022-05"]
    assert [s["published"] for s in p4["stances"]] == ["2022-03-14", "2022-05", "2022", None]
    page = client.get("/stances").text
    assert len(MARK.findall(page)) == 2
    assert "2 stance(s) without a month" in page and "not on the time axis" in page
    assert '<td class="date">undated</td>' in page
    assert p4["shifts"] == []  # an undated stance shifts nothing


def test_holders_and_marks_past_the_caps_are_counted(
    stance_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "CHART_HOLDERS", 3)
    monkeypatch.setattr(views, "CHART_MARKS", 2)
    documents = []
    for n in range(6):
        text = f"Holder {n} wants more weapons sent, message {n}."
        documents.append(
            (doc(text, f"2023-0{n + 1}-10", n), [(f"Holder {n}", "P4", "favor", text)])
        )
    for n in range(6, 9):  # Holder 0 speaks most
        text = f"Holder 0 repeats the call, time {n}."
        documents.append((doc(text, f"2023-0{n + 1}-10", n), [("Holder 0", "P4", "favor", text)]))
    client = stance_client(documents)
    p4 = client.get("/stances.json").json()["propositions"][3]
    rows = p4["chart"]["rows"]
    assert [r["label"] for r in rows] == ["Holder 0", "Holder 1", "Holder 2"]
    assert p4["chart"]["hidden_holders"] == 3
    assert [len(r["marks"]) for r in rows] == [2, 1, 1] and rows[0]["hidden"] == 2
    assert [m["published"] for m in rows[0]["marks"]] == ["2023-08-10", "2023-09-10"]  # latest
    assert [h["charted"] for h in p4["holders"]] == [True] * 3 + [False] * 3
    assert p4["total"] == 9 and len(p4["stances"]) == 9  # the table lists them all
    page = client.get("/stances").text
    assert "The chart shows the latest 2 of the 4 dated stances of Holder 0" in page
    assert "3 more holder(s) with fewer stances are not charted" in page


def test_propositions_not_in_the_pack_are_shown_too(
    stance_client: Callable[..., TestClient],
) -> None:
    text = "Grain must flow."
    client = stance_client([(doc(text, "2023-02-01", 1), [("Ann Lee", "P9", "favor", text)])])
    data = client.get("/stances.json").json()
    assert [p["id"] for p in data["propositions"]][-1] == "P9"
    assert data["propositions"][-1]["in_pack"] is False
    assert client.get("/stances.json?proposition=p9").json()["total"] == 1
    assert "not a proposition of the ukraine pack" in client.get("/stances").text


def test_the_real_extractor_s_stance_reaches_the_page(tmp_path: Path, pipeline: Pipeline) -> None:
    """A sentence the stance extractor reads as for P4, through ingest to the page."""
    feed = write_articles(
        tmp_path,
        [
            {
                "title": "Scholz on tanks",
                "published": "2023-01-20",
                "text": '"We must give Ukraine more tanks and long-range missiles now," '
                "said Olaf Scholz.",
            }
        ],
    )
    db = tmp_path / "real.db"
    with Store.open(db) as store:
        ingest(store, [feed], settings=Settings(), pipeline=pipeline)
    with TestClient(create_app(db)) as client:
        data = client.get("/stances.json", params={"actor": "Olaf Scholz"}).json()
        found = [
            (s["proposition"], s["stance"]) for p in data["propositions"] for s in p["stances"]
        ]
        assert ("P4", "favor") in found
        assert "stance-mark stance-favor" in client.get("/stances?proposition=P4").text


# -- the actor page ------------------------------------------------------------------------


def test_actor_page_shows_its_stances_over_time(client: TestClient) -> None:
    page = client.get(actor_url(SPEAKER)).text
    section = page.split('<section id="stances">', 1)[1].split("</section>", 1)[0]
    assert "<h2>Stances over time (2)</h2>" in section
    assert section.count('<svg class="chart stance-chart"') == 1
    marks = MARK.findall(section)
    assert [kind for kind, _, _ in marks] == ["favor", "against"]
    assert '<text class="chart-label stance-holder"' in section and ">P1</text>" in section
    assert SHIFT in section
    assert section.count(QUOTE) >= 2 and "<th>proposition</th>" in section
    assert 'href="/stances?actor=Lloyd+Austin">on the stances page</a>' in section
    target = client.get(unescape_href(marks[0][1]))
    assert QUOTE in highlighted(target.text)


def test_actor_json_carries_its_stances_and_shifts(client: TestClient) -> None:
    stances = client.get(actor_url(SPEAKER, ".json")).json()["stances"]
    assert (stances["total"], stances["page"], stances["pages"]) == (2, 1, 1)
    assert stances["message"] is None
    assert [(r["proposition"], r["stance"]) for r in stances["rows"]] == [
        ("P1", "favor"),
        ("P1", "against"),
    ]
    assert [p["id"] for p in stances["propositions"]] == ["P1"]
    assert [r["label"] for r in stances["chart"]["rows"]] == ["P1"]
    assert stances["chart"]["rows"][0]["title"] == load_pack("ukraine").propositions[0].wording
    assert [s["summary"] for s in stances["shifts"]] == [SHIFT.replace("&gt;", ">")]
    assert stances["months"][0] == "2022-04" and stances["months"][-1] == "2022-08"
    paged = client.get(actor_url(SPEAKER, ".json?limit=1&stances_page=2")).json()["stances"]
    assert [r["stance"] for r in paged["rows"]] == ["against"] and paged["pages"] == 2
    assert client.get(actor_url(SPEAKER, ".json?stances_page=0")).status_code == 400


def test_actor_without_stances_says_so(client: TestClient) -> None:
    page = client.get(actor_url("United States")).text
    assert "No stances of United States yet" in page
    assert client.get(actor_url("United States", ".json")).json()["stances"]["total"] == 0


def test_actor_page_finds_the_stances_of_the_documents_it_wrote(
    stance_client: Callable[..., TestClient],
) -> None:
    first = "Mara Linden writes: the sanctions must be tightened."
    second = "Mara Linden said later that sanctions hurt Europe."
    client = stance_client(
        [
            (
                doc(first, "2023-01-05", 1, authors=["Mara Linden", "Tomas Reede"]),
                [("author", "P5", "favor", "the sanctions must be tightened")],
            ),
            (doc(second, "2023-03-05", 2), [("Mara Linden", "P5", "against", second)]),
        ],
        actors=("Mara Linden",),
    )
    stances = client.get(actor_url("Mara Linden", ".json")).json()["stances"]
    assert [(r["holder"], r["stance"]) for r in stances["rows"]] == [
        ("Mara Linden, Tomas Reede", "favor"),
        ("Mara Linden", "against"),
    ]


def test_actor_page_of_a_store_without_stances_says_why(
    stance_client: Callable[..., TestClient],
) -> None:
    client = stance_client([(doc("Ann Lee spoke.", "2023-01-05", 1), [])], actors=("Ann Lee",))
    page = client.get(actor_url("Ann Lee")).text
    assert "No stances in this database yet: none of its 1 documents" in page


# -- caching and the chart -----------------------------------------------------------------


def test_stance_views_use_the_memo(client: TestClient, web_store: Any) -> None:
    keys: list[Hashable] = []

    def memo(key: Hashable, compute: Callable[[], Any]) -> Any:
        keys.append(key)
        return compute()

    pack = load_pack("ukraine")
    with Store.open(web_store.path) as store:
        views.stances(store, pack, proposition="P1", memo=memo)
        views.actor(store, SPEAKER, pack=pack, memo=memo)
    names = {key[0] for key in keys if isinstance(key, tuple)}
    assert {"stance-points", "stance-rows", "actor-stances"} <= names
    assert ("stance-points", "P1", None, None) in keys


def test_stances_pages_are_cached_and_warmed(web_store: Any) -> None:
    app = create_app(web_store.path, check_interval=60, warm_up=True)
    with TestClient(app) as test_client:
        revision = app.state.cache.refresh()  # built by warm-up, before any request
        assert app.state.cache.data.peek((revision, ("stance-points", None, None, None)))
        for path in ("/stances", "/stances.json?proposition=P1", actor_url(SPEAKER)):
            first = test_client.get(path)
            kept = len(app.state.cache.pages)
            again = test_client.get(path)
            assert len(app.state.cache.pages) == kept
            assert again.status_code == 200 and again.content == first.content


def test_stance_chart_shapes_labels_and_escaping() -> None:
    rows = [
        StanceRow(
            '<b onmouseover="x()">Ann</b>',
            [
                StanceMark("2022-01-31", "favor", "/documents/a?start=1&end=2#hl", "<script>"),
                StanceMark("2022-02", "against", "/documents/b", "against"),
                StanceMark("2022-03-01", "mixed", "/documents/c", "mixed"),
                StanceMark("2021-12-01", "favor", "/documents/d", "off the axis"),
            ],
            href="/stances?actor=Ann",
        )
    ]
    svg = stance_chart(rows, ["2022-01", "2022-02", "2022-03"], label='"><script>')
    assert svg.startswith('<svg class="chart stance-chart"') and svg.endswith("</svg>")
    assert "<script>" not in svg and "<b " not in svg and 'onmouseover="' not in svg
    assert "&lt;script&gt;" in svg and "&lt;b onmouseover=&#34;x()&#34;&gt;Ann&lt;/b&gt;" in svg
    assert 'href="/documents/a?start=1&amp;end=2#hl"' in svg
    marks = MARK.findall(svg)
    assert [kind for kind, _, _ in marks] == ["favor", "against", "mixed"]  # not off the axis
    assert "<circle" in svg and "<rect" in svg and "<path" in svg  # a shape per stance

    def at(kind: str, shape: str) -> float:
        found = re.search(rf'stance-{kind}" href[^>]*><title>[^<]*</title>{shape}([\d.]+)', svg)
        assert found is not None, kind
        return float(found.group(1))

    # in date order along the axis (a square's x is its left edge)
    assert at("favor", '<circle cx="') < at("against", '<rect x="') + 5 < at("mixed", '<path d="M')
    assert stance_chart([], ["2022-01"], label="none") == ""
    assert stance_chart(rows, [], label="none") == ""
