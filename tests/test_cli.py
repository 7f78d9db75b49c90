"""The CLI: exit codes, output shapes, failures named with their file, the demo."""

from __future__ import annotations

import csv
import gzip
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.models import (
    Commitment,
    Document,
    Event,
    Extraction,
    NumericClaim,
    Span,
    Stance,
    StanceEvidence,
    text_id,
)
from presswatch.store import Store

runner = CliRunner()

TEXT = (
    "Lloyd Austin, America’s defence secretary, visited Kyiv on Sunday. Mr Austin met "
    "President Volodymyr Zelensky and promised more HIMARS launchers.\n"
)
RECORD_KEYS = {
    "doc",
    "entities",
    "quotes",
    "timexes",
    "events",
    "numeric_claims",
    "commitments",
    "stances",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "austin.txt").write_text(TEXT, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    lines = [
        json.dumps(
            {
                "text": "Olaf Scholz spoke to Vladimir Putin.",
                "title": "Call",
                "published": "2024-11-15",
            }
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
    ]
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_extract_prints_records_and_names_failed_inputs(folder: Path, pipeline: object) -> None:
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 1  # some inputs failed, the rest was extracted
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert all(set(r) >= RECORD_KEYS for r in records)
    by_name = {Path(r["doc"]["path"].split(":")[0]).name: r for r in records}
    austin = by_name["austin.txt"]
    names = {e["canonical"]: e for e in austin["entities"]}
    assert {"Lloyd Austin", "Kyiv", "United States", "Volodymyr Zelensky", "HIMARS"} <= set(names)
    forms = {m["text"]: m["form"] for m in names["Lloyd Austin"]["mentions"]}
    assert forms["America’s defence secretary"] == "title" and "Mr Austin" in forms
    feed = by_name["feed.jsonl"]
    assert (
        feed["doc"]["text"] == "Olaf Scholz spoke to Vladimir Putin."
    )  # JSON input carries its text
    assert feed["doc"]["published"] == "2024-11-15" and feed["doc"]["title"] == "Call"
    for r in records:
        assert r["quotes"] == [] and r["stances"] == []
    err = result.stderr
    assert f"{folder / 'empty.txt'}" in err and "[empty]" in err
    assert f"{folder / 'feed.jsonl'}:2" in err and "[bad-json]" in err
    assert f"{folder / 'feed.jsonl'}:3" in err and "[no-text]" in err


def test_extract_published_override_and_bad_date(folder: Path, pipeline: object) -> None:
    ok = runner.invoke(
        app, ["extract", "--published", "April 30, 2022", str(folder / "austin.txt")]
    )
    assert ok.exit_code == 0
    assert json.loads(ok.stdout)["doc"]["published"] == "2022-04-30"
    bad = runner.invoke(app, ["extract", "--published", "someday", str(folder / "austin.txt")])
    assert bad.exit_code == 2
    assert "--published" in bad.stderr and "someday" in bad.stderr


def test_extract_needs_inputs() -> None:
    result = runner.invoke(app, ["extract"])
    assert result.exit_code == 2
    assert "--manifest" in result.stderr


def test_ingest_then_query_commands(folder: Path, tmp_path: Path, pipeline: object) -> None:
    db = tmp_path / "cli.db"
    ing = runner.invoke(app, ["ingest", "--db", str(db), str(folder)])
    assert ing.exit_code == 1, ing.stdout  # two inputs failed, recorded
    assert "top 15 actors" in ing.stdout and "documents by month" in ing.stdout
    assert "feed.jsonl:2" in ing.stdout
    again = runner.invoke(app, ["ingest", "--db", str(db), str(folder / "austin.txt")])
    assert again.exit_code == 0

    actors = runner.invoke(app, ["actors", "--db", str(db), "--format", "json", "--limit", "0"])
    assert actors.exit_code == 0
    rows = [json.loads(line) for line in actors.stdout.splitlines()]
    austin = next(r for r in rows if r["actor"] == "Lloyd Austin")
    assert austin["type"] == "PERSON" and austin["mentions"] == 3 and austin["documents"] == 1

    people = runner.invoke(app, ["actors", "--db", str(db), "--type", "person", "--format", "csv"])
    assert people.stdout.splitlines()[0] == "actor,type,mentions,documents,first,last"
    assert all(",PERSON," in line for line in people.stdout.splitlines()[1:])

    found = runner.invoke(app, ["search", "--db", str(db), "HIMARS", "--format", "json"])
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert len(hits) == 1 and "[HIMARS]" in hits[0]["snippet"]
    hostile = runner.invoke(app, ["search", "--db", str(db), 'AND ( "U.S.'])
    assert hostile.exit_code == 0

    doc_id = hits[0]["id"]
    shown = runner.invoke(app, ["show", "--db", str(db), doc_id])
    assert shown.exit_code == 0
    assert "Mr Austin met" in shown.stdout and "actors in this document" in shown.stdout
    missing = runner.invoke(app, ["show", "--db", str(db), "ffffffffffff"])
    assert missing.exit_code == 1

    fails = runner.invoke(app, ["failures", "--db", str(db), "--format", "json"])
    codes = sorted(json.loads(line)["code"] for line in fails.stdout.splitlines())
    assert codes == ["bad-json", "empty", "no-text"]


def test_bad_format_is_an_argument_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["actors", "--db", str(tmp_path / "x.db"), "--format", "xml"])
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_demo_without_corpus_says_how_to_point_it(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--shared", str(tmp_path), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 2
    assert "--shared DIR" in result.stderr and "presswatch ingest" in result.stderr


def test_demo_on_a_small_corpus(tmp_path: Path, pipeline: object) -> None:
    shared = tmp_path / "shared"
    wh = shared / "corpora" / "wh-ukraine"
    seeds = shared / "corpora" / "seeds"
    wh.mkdir(parents=True)
    seeds.mkdir(parents=True)
    with gzip.open(wh / "docs.jsonl.gz", "wt", encoding="utf-8") as fh:
        for day, text in (
            ("2022-04-26", TEXT),
            ("2022-05-02", "Joe Biden signed the Ukraine aid bill."),
        ):
            fh.write(json.dumps({"id": day, "published": day, "title": "t", "text": text}) + "\n")
    (seeds / "s.txt").write_text("Antony Blinken met Dmytro Kuleba in Kyiv.\n", encoding="utf-8")
    (seeds / "manifest.jsonl").write_text(
        json.dumps({"path": "s.txt", "published": "2022-06-01"}) + "\n", encoding="utf-8"
    )
    db = tmp_path / "demo.db"
    result = runner.invoke(
        app, ["demo", "--shared", str(shared), "--db", str(db), "--n-process", "1", "--no-serve"]
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (
        "Lloyd Austin" in result.stdout
        and "2022-04" in result.stdout
        and "2022-06" in result.stdout
    )
    rerun = runner.invoke(
        app, ["demo", "--shared", str(shared), "--db", str(db), "--n-process", "1", "--no-serve"]
    )
    assert rerun.exit_code == 0
    assert "unchanged" in rerun.stdout


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("presswatch ")


def test_show_json_twin_and_untrusted_markup(tmp_path: Path, pipeline: object) -> None:
    text = "[bold red]Olaf Scholz[/] met [link=x]Lloyd Austin[/link] in Berlin.\n"
    path = tmp_path / "markup.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "m.db"
    assert runner.invoke(app, ["ingest", "--db", str(db), str(path)]).exit_code == 0
    shown = runner.invoke(app, ["show", "--db", str(db), str(path)])
    assert shown.exit_code == 0
    assert "[bold red]Olaf Scholz[/]" in shown.stdout  # printed as written, not as markup
    as_json = runner.invoke(app, ["show", "--db", str(db), str(path), "--format", "json"])
    payload = json.loads(as_json.stdout)
    assert payload["text"] == text and payload["near_duplicates"] == []
    canon = {e["canonical"] for e in payload["record"]["entities"]}
    assert {"Olaf Scholz", "Lloyd Austin"} <= canon


def test_actor_documents(folder: Path, tmp_path: Path, pipeline: object) -> None:
    db = tmp_path / "ad.db"
    runner.invoke(app, ["ingest", "--db", str(db), str(folder)])
    result = runner.invoke(
        app, ["actors", "--db", str(db), "--name", "Scholz", "--documents", "--format", "json"]
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["actor"], r["title"], r["mentions"]) for r in rows] == [("Olaf Scholz", "Call", 1)]


def test_quotes_command_links_a_statement_across_documents(
    tmp_path: Path, pipeline: object
) -> None:
    d = tmp_path / "q"
    d.mkdir()
    (d / "a.txt").write_text(
        "Lloyd Austin visited Kyiv. “We want to see Russia weakened so that it cannot "
        "invade its neighbours again,” he said.\n",
        encoding="utf-8",
    )
    (d / "b.txt").write_text(
        "In April Lloyd Austin said the U.S. wants to “see Russia weakened so that it "
        "cannot invade its neighbours again.” Dmitry Peskov said the remark was hostile.\n",
        encoding="utf-8",
    )
    manifest = d / "manifest.jsonl"
    manifest.write_text(
        json.dumps({"path": "a.txt", "published": "2022-04-25"})
        + "\n"
        + json.dumps({"path": "b.txt", "published": "2022-08-07"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "q.db"
    assert (
        runner.invoke(app, ["ingest", "--db", str(db), "--manifest", str(manifest)]).exit_code == 0
    )
    out = runner.invoke(
        app, ["quotes", "--db", str(db), "--speaker", "lloyd austin", "--format", "json"]
    )
    assert out.exit_code == 0, out.stderr
    statements = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(statements) == 1
    assert [s["published"] for s in statements[0]["sources"]] == ["2022-04-25", "2022-08-07"]
    assert statements[0]["type"] == "direct"
    later = runner.invoke(
        app, ["quotes", "--db", str(db), "--since", "2022-08-01", "--format", "csv"]
    )
    lines = later.stdout.splitlines()
    assert lines[0] == "speaker,first,type,quote,sources,documents"
    assert {line.split(",")[0] for line in lines[1:]} == {"Lloyd Austin", "Dmitry Peskov"}
    bad = runner.invoke(app, ["quotes", "--db", str(db), "--until", "soon"])
    assert bad.exit_code == 2 and "--until" in bad.stderr


# -- timeline -------------------------------------------------------------------------------

VISIT_A = "Lloyd Austin visited Kyiv on Sunday. Russia invaded Ukraine in February 2022."
VISIT_B = "Austin and Blinken visited Kyiv on April 24. Germany will send Gepard tanks."
PLEDGE = "Olaf Scholz pledged Gepard tanks in April 2022."


def _event(
    text: str, span: str, trigger: str, predicate: str, date: str | None, *actors: str
) -> Event:
    start = text.index(span)
    at = text.index(trigger, start)
    granularity = {10: "day", 7: "month", 4: "year"}.get(len(date or ""))
    return Event(
        Span.of(text, start, start + len(span)),
        Span.of(text, at, at + len(trigger)),
        predicate,
        date,
        granularity,
        None,
        False,
        tuple(actors),
        "occurred",
    )


@pytest.fixture
def events_db(tmp_path: Path) -> Path:
    """A store with hand-made events (no extractor involved): one visit reported twice."""
    a, b, c = VISIT_A, VISIT_B, PLEDGE
    docs = [
        Extraction(
            Document(a, "a.txt", title="Austin in Kyiv", published="2022-04-25"),
            events=[
                _event(a, "Lloyd Austin visited Kyiv", "visited", "visit", "2022-04-24",
                       "Lloyd Austin", "Kyiv"),
                _event(a, "Russia invaded Ukraine", "invaded", "invade", "2022-02",
                       "Russia", "Ukraine"),
            ],
        ),
        Extraction(
            Document(b, "b.txt", published="2022-04-26"),
            events=[
                _event(b, "Austin and Blinken visited Kyiv", "visited", "visit", "2022-04-24",
                       "Lloyd Austin", "Antony Blinken", "Kyiv"),
                _event(b, "Germany will send Gepard tanks", "send", "send", None, "Germany"),
            ],
        ),
        Extraction(
            Document(c, "c.txt", published="2022-05-03"),
            events=[
                _event(c, "Olaf Scholz pledged Gepard tanks", "pledged", "pledge", "2022-04",
                       "Olaf Scholz", "Germany"),
            ],
        ),
    ]  # fmt: skip
    db = tmp_path / "events.db"
    with Store.open(str(db)) as store:
        run = store.start_run("test", {})
        for ex in docs:
            store.save(ex, run_id=run)
    return db


def _timeline(db: Path, *args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["timeline", "--db", str(db), "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _summary(entries: list[dict[str, Any]]) -> list[tuple[str | None, str, int]]:
    return [(e["date"], e["predicate"], len(e["sources"])) for e in entries]


def test_timeline_json_lines_one_entry_per_event(events_db: Path) -> None:
    entries = _timeline(events_db)
    assert _summary(entries) == [
        ("2022-02", "invade", 1),
        ("2022-04", "pledge", 1),
        ("2022-04-24", "visit", 2),
    ]
    visit = entries[2]
    assert visit["actors"] == ["Lloyd Austin", "Kyiv", "Antony Blinken"]
    assert visit["first_published"] == "2022-04-25"
    assert [(s["doc_id"], s["published"], s["text"]) for s in visit["sources"]] == [
        (text_id(VISIT_A), "2022-04-25", "Lloyd Austin visited Kyiv"),
        (text_id(VISIT_B), "2022-04-26", "Austin and Blinken visited Kyiv"),
    ]
    assert visit["sources"][0]["title"] == "Austin in Kyiv"
    assert visit["sources"][0]["path"] == "a.txt"


def test_timeline_table_and_csv(events_db: Path) -> None:
    table = runner.invoke(app, ["timeline", "--db", str(events_db)], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.stderr
    assert "timeline" in table.stdout and "Lloyd Austin visited Kyiv" in table.stdout
    result = runner.invoke(app, ["timeline", "--db", str(events_db), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "date,actors,event,predicate,sources,documents"
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["date"] for r in rows] == ["2022-02", "2022-04", "2022-04-24"]
    assert rows[-1] == {
        "date": "2022-04-24",
        "actors": "Lloyd Austin, Kyiv, Antony Blinken",
        "event": "Lloyd Austin visited Kyiv",
        "predicate": "visit",
        "sources": "2",
        "documents": f"2022-04-25 {text_id(VISIT_A)[:12]}; 2022-04-26 {text_id(VISIT_B)[:12]}",
    }


def test_timeline_filters(events_db: Path) -> None:
    # an exact name, then a part of one
    assert _summary(_timeline(events_db, "--actor", "lloyd austin")) == [("2022-04-24", "visit", 2)]
    assert _summary(_timeline(events_db, "--actor", "Scholz")) == [("2022-04", "pledge", 1)]
    assert _timeline(events_db, "--actor", "Putin") == []
    # an event counts when its date overlaps the range
    assert _summary(_timeline(events_db, "--from", "2022-04-24", "--to", "2022-04-24")) == [
        ("2022-04", "pledge", 1),
        ("2022-04-24", "visit", 2),
    ]
    assert _summary(_timeline(events_db, "--to", "March 2022")) == [("2022-02", "invade", 1)]
    assert _summary(_timeline(events_db, "--from", "2022", "--to", "2022")) == _summary(
        _timeline(events_db)
    )
    assert _timeline(events_db, "--from", "2023") == []
    # undated events after the dated ones; --limit counts entries
    assert _summary(_timeline(events_db, "--undated"))[-1] == (None, "send", 1)
    assert _summary(_timeline(events_db, "--limit", "1")) == [("2022-02", "invade", 1)]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--from", "soon"], "--from"),
        (["--to", "2022-02-30"], "--to"),
        (["--from", "2022-05", "--to", "2022-04"], "--from"),
        (["--format", "xml"], "--format"),
    ],
)
def test_timeline_bad_arguments(events_db: Path, args: list[str], option: str) -> None:
    result = runner.invoke(app, ["timeline", "--db", str(events_db), *args])
    assert result.exit_code == 2
    assert option in result.stderr


def test_timeline_of_an_empty_store(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    result = runner.invoke(app, ["timeline", "--db", db])
    assert result.exit_code == 0 and "no events stored" in result.stdout
    filtered = runner.invoke(app, ["timeline", "--db", db, "--actor", "Austin"])
    assert filtered.exit_code == 0 and "no events match" in filtered.stdout
    assert runner.invoke(app, ["timeline", "--db", db, "--format", "json"]).stdout == ""
    header = runner.invoke(app, ["timeline", "--db", db, "--format", "csv"]).stdout
    assert header.splitlines() == ["date,actors,event,predicate,sources,documents"]


# -- ledger and claims ----------------------------------------------------------------------

AID_1 = "On April 26 Germany pledged 50 Gepard tanks worth 500 million euros to Ukraine."
AID_2 = "Scholz said Germany will send 50 Gepard tanks to Ukraine. Russia lost 75,000 men."
AID_3 = "Germany has delivered the 50 Gepard tanks to Ukraine. Russia lost 60,000, US says."
AID_4 = "The US sent Ukraine HIMARS launchers worth $700 million in May 2022."


def _commitment(
    text: str,
    span: str,
    item: str,
    donor: str,
    *,
    quantity: float | None = None,
    value_usd: float | None = None,
    amount: float | None = None,
    currency: str | None = None,
    status: str = "announced",
    date: str | None = None,
    item_class: str | None = None,
) -> Commitment:
    start = text.index(span)
    return Commitment(Span.of(text, start, start + len(span)), donor, "Ukraine", item,
                      item_class, quantity, amount, currency, value_usd, status, date, None,
                      "author")  # fmt: skip


def _claim(text: str, span: str, value: float, unit: str, about: str, source: str) -> NumericClaim:
    start = text.index(span)
    return NumericClaim(Span.of(text, start, start + len(span)), value, unit, None, False,
                        about, source)  # fmt: skip


@pytest.fixture
def aid_db(tmp_path: Path) -> Path:
    """A store with hand-made commitments (the Gepard package in three documents) and
    claims (Russian losses by two sources)."""
    gepard = {"quantity": 50, "item_class": "air defence"}
    docs = [
        Extraction(
            Document(AID_1, "1.txt", title="Gepard", published="2022-04-27"),
            commitments=[
                _commitment(AID_1, AID_1[:-1], "Gepard", "Germany", value_usd=525e6,
                            amount=500e6, currency="EUR", date="2022-04-26", **gepard),
            ],
        ),
        Extraction(
            Document(AID_2, "2.txt", published="2022-04-28"),
            commitments=[
                _commitment(AID_2, "Germany will send 50 Gepard tanks to Ukraine", "Gepard",
                            "Germany", value_usd=520e6, date="2022-04", **gepard),
            ],
            numeric_claims=[
                _claim(AID_2, "75,000 men", 75000, "soldiers", "Russian soldiers killed",
                       "author"),
            ],
        ),
        Extraction(
            Document(AID_3, "3.txt", published="2022-07-10"),
            commitments=[
                _commitment(AID_3, "Germany has delivered the 50 Gepard tanks to Ukraine",
                            "Gepard", "Germany", status="delivered", value_usd=530e6,
                            date="2022-04", **gepard),
            ],
            numeric_claims=[
                _claim(AID_3, "60,000", 60000, "soldiers",
                       "Russian soldiers killed or wounded", "Pentagon"),
            ],
        ),
        Extraction(
            Document(AID_4, "4.txt", published="2022-05-20"),
            commitments=[
                _commitment(AID_4, AID_4[:-1], "HIMARS launchers", "United States",
                            value_usd=700e6, amount=700e6, currency="USD", date="2022-05",
                            item_class="artillery"),
            ],
        ),
    ]  # fmt: skip
    db = tmp_path / "aid.db"
    with Store.open(str(db)) as store:
        run = store.start_run("test", {})
        for ex in docs:
            store.save(ex, run_id=run)
    return db


def _add(db: Path, text: str, published: str, commitments: list[Commitment]) -> None:
    """Store one more document, ``text``, with ``commitments``."""
    extra = Extraction(Document(text, f"{published}.txt", published=published),
                       commitments=commitments)  # fmt: skip
    with Store.open(str(db)) as store:
        store.save(extra, run_id=store.start_run("test", {}))


def _ledger(db: Path, *args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["ledger", "--db", str(db), "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ledger_json_one_row_per_commitment(aid_db: Path) -> None:
    rows = _ledger(aid_db)
    assert [(r["donor"], r["item"], r["date"], r["status"], r["documents"]) for r in rows] == [
        ("Germany", "Gepard", "2022-04-26", "delivered", 3),
        ("United States", "HIMARS launchers", "2022-05", "announced", 1),
    ]
    gepard = rows[0]
    assert gepard["value_usd"] == 525e6 and gepard["quantity"] == 50
    assert [s["doc_id"] for s in gepard["sources"]] == [
        text_id(AID_1),
        text_id(AID_2),
        text_id(AID_3),
    ]
    assert gepard["sources"][0]["text"] == AID_1[:-1]
    assert gepard["sources"][0]["title"] == "Gepard"


def test_ledger_csv(aid_db: Path) -> None:
    result = runner.invoke(app, ["ledger", "--db", str(aid_db), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert header.startswith(
        "donor,recipient,item,quantity,value_usd,amount,currency,status,date,sources"
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2
    assert {k: rows[0][k] for k in header.split(",")[:10]} == {
        "donor": "Germany",
        "recipient": "Ukraine",
        "item": "Gepard",
        "quantity": "50",
        "value_usd": "525000000",
        "amount": "500000000",
        "currency": "EUR",
        "status": "delivered",
        "date": "2022-04-26",
        "sources": "3",
    }
    # a month is its middle day, and says it is a month
    assert (rows[1]["date"], rows[1]["date_precision"], rows[1]["date_period"]) == (
        "2022-05-16",
        "month",
        "2022-05-01/2022-05-31",
    )
    assert rows[0]["date_precision"] == "day"
    assert rows[1]["item_class"] == "artillery"


def test_ledger_table_and_totals(aid_db: Path) -> None:
    result = runner.invoke(app, ["ledger", "--db", str(aid_db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Gepard" in result.stdout and "HIMARS" in result.stdout
    assert "total: 2 commitment(s), 1,225,000,000 USD" in result.stdout
    by_donor = runner.invoke(
        app, ["ledger", "--db", str(aid_db), "--by", "donor", "--format", "csv"]
    )
    assert by_donor.exit_code == 0, by_donor.stderr
    assert by_donor.stdout.splitlines() == [
        "key,commitments,value_usd",
        "United States,1,700000000",
        "Germany,1,525000000",
        "total,2,1225000000",
    ]
    by_month = runner.invoke(
        app, ["ledger", "--db", str(aid_db), "--by", "month"], env={"COLUMNS": "200"}
    )
    assert by_month.exit_code == 0, by_month.stderr
    assert "2022-04" in by_month.stdout and "2022-05" in by_month.stdout
    assert "1,225,000,000" in by_month.stdout
    by_item = runner.invoke(
        app, ["ledger", "--db", str(aid_db), "--by", "item", "--format", "json"]
    )
    assert [json.loads(line)["key"] for line in by_item.stdout.splitlines()] == [
        "artillery",
        "air defence",
        "total",
    ]


def test_ledger_filters(aid_db: Path) -> None:
    assert [r["donor"] for r in _ledger(aid_db, "--donor", "united")] == ["United States"]
    assert [r["donor"] for r in _ledger(aid_db, "--recipient", "ukraine")] == [
        "Germany",
        "United States",
    ]
    assert [r["donor"] for r in _ledger(aid_db, "--from", "2022-05")] == ["United States"]
    assert [r["donor"] for r in _ledger(aid_db, "--to", "April 2022")] == ["Germany"]
    assert _ledger(aid_db, "--donor", "France") == []


@pytest.mark.parametrize(
    ("command", "args", "option"),
    [
        ("ledger", ["--from", "soon"], "--from"),
        ("ledger", ["--to", "2022-02-30"], "--to"),
        ("ledger", ["--from", "2022-05", "--to", "2022-04"], "--from"),
        ("ledger", ["--by", "outlet"], "--by"),
        ("ledger", ["--format", "xml"], "--format"),
        ("ledger", ["--kind", "weapons"], "--kind"),
        ("ledger", ["--kind", ""], "--kind"),
        ("claims", ["--from", "soon"], "--from"),
        ("claims", ["--format", "xml"], "--format"),
    ],
)
def test_ledger_and_claims_bad_arguments(
    aid_db: Path, command: str, args: list[str], option: str
) -> None:
    result = runner.invoke(app, [command, "--db", str(aid_db), *args])
    assert result.exit_code == 2
    assert option in result.stderr


def test_ledger_kinds_and_proposals(aid_db: Path) -> None:
    """Military aid committed by default; other kinds and proposals when asked."""
    text = "The US will give $300 million in food aid. Ukraine asked Germany for tanks."
    _add(aid_db, text, "2022-06-01", [
        _commitment(text, "$300 million in food aid", "food aid", "United States",
                    value_usd=3e8, item_class="humanitarian aid", date="2022-06-01"),
        _commitment(text, "Ukraine asked Germany for tanks", "tanks", "Germany",
                    status="requested", item_class="tanks", date="2022-06-01"),
    ])  # fmt: skip
    assert [r["item"] for r in _ledger(aid_db)] == ["Gepard", "HIMARS launchers"]
    assert [r["item"] for r in _ledger(aid_db, "--proposals")] == [
        "Gepard",
        "HIMARS launchers",
        "tanks",
    ]
    assert [r["kind"] for r in _ledger(aid_db, "--kind", "humanitarian")] == ["humanitarian"]
    everything = _ledger(aid_db, "--kind", "all", "--proposals")
    assert [r["item"] for r in everything] == ["Gepard", "HIMARS launchers", "food aid", "tanks"]
    assert [r["item"] for r in _ledger(aid_db, "--kind", "Military, humanitarian")] == [
        "Gepard",
        "HIMARS launchers",
        "food aid",
    ]
    result = runner.invoke(app, ["ledger", "--db", str(aid_db), "--kind", "financial"])
    assert result.exit_code == 0 and "no commitments match" in result.stdout


def test_ledger_leaves_out_aid_to_other_countries_unless_asked(aid_db: Path) -> None:
    """Aid to a country outside the domain pack's conflict (an arms sale to Pakistan in
    a briefing on Ukraine) is listed with --all-recipients, or when it is asked for."""
    text = "The US is giving $450 million of F-16 sustainment to Pakistan."
    sale = _commitment(text, text[:-1], "F-16", "United States", value_usd=4.5e8,
                       item_class="fighter jets", date="2022-09-15")  # fmt: skip
    _add(aid_db, text, "2022-09-15", [replace(sale, recipient="Pakistan")])
    assert [r["item"] for r in _ledger(aid_db)] == ["Gepard", "HIMARS launchers"]
    assert [r["item"] for r in _ledger(aid_db, "--all-recipients")] == [
        "Gepard",
        "HIMARS launchers",
        "F-16",
    ]
    assert [r["recipient"] for r in _ledger(aid_db, "--recipient", "Pakistan")] == ["Pakistan"]
    # a pack that follows no conflict leaves nothing out
    assert len(_ledger(aid_db, "--domain", "base")) == 3


def test_ledger_lists_vague_rows_only_when_asked(tmp_path: Path) -> None:
    db = tmp_path / "vague.db"
    text = "We provide weapons."
    vague = _commitment(text, text[:-1], "weapons", "United States", item_class="weapons")
    _add(db, text, "2022-09-15", [replace(vague, recipient=None)])
    assert _ledger(db) == []
    [row] = _ledger(db, "--vague")
    assert (row["donor"], row["recipient"], row["item"]) == ("United States", None, "weapons")


def test_ledger_and_claims_of_an_empty_store(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    result = runner.invoke(app, ["ledger", "--db", db])
    assert result.exit_code == 0 and "no commitments stored" in result.stdout
    filtered = runner.invoke(app, ["ledger", "--db", db, "--donor", "Germany"])
    assert filtered.exit_code == 0 and "no commitments match" in filtered.stdout
    assert runner.invoke(app, ["ledger", "--db", db, "--format", "json"]).stdout == ""
    header = runner.invoke(app, ["ledger", "--db", db, "--format", "csv"]).stdout
    assert header.splitlines()[0].startswith("donor,recipient,item,quantity,value_usd")
    claims = runner.invoke(app, ["claims", "--db", db])
    assert claims.exit_code == 0 and "no claims stored" in claims.stdout
    compare = runner.invoke(app, ["claims", "--db", db, "--compare"])
    assert compare.exit_code == 0 and "no disagreeing claims stored" in compare.stdout


def test_claims_lists_and_compares(aid_db: Path) -> None:
    result = runner.invoke(app, ["claims", "--db", str(aid_db), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["value"], r["source"], r["published"]) for r in rows] == [
        ("75000", "author", "2022-04-28"),
        ("60000", "Pentagon", "2022-07-10"),
    ]
    assert rows[0]["doc"] == text_id(AID_2)[:12]
    only = runner.invoke(app, ["claims", "--db", str(aid_db), "--source", "penta", "-f", "json"])
    assert [json.loads(line)["value"] for line in only.stdout.splitlines()] == [60000]
    table = runner.invoke(app, ["claims", "--db", str(aid_db)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Russian soldiers killed" in table.stdout
    compare = runner.invoke(app, ["claims", "--db", str(aid_db), "--compare", "--format", "json"])
    assert compare.exit_code == 0, compare.stderr
    (group,) = [json.loads(line) for line in compare.stdout.splitlines()]
    assert group["sources"] == ["author", "Pentagon"]
    assert [(c["value"], c["published"], c["text"]) for c in group["claims"]] == [
        (75000, "2022-04-28", "75,000 men"),
        (60000, "2022-07-10", "60,000"),
    ]
    shown = runner.invoke(app, ["claims", "--db", str(aid_db), "--compare"],
                          env={"COLUMNS": "200"})  # fmt: skip
    assert shown.exit_code == 0
    assert "75,000 men" in shown.stdout and "2022-07-10" in shown.stdout
    # one source alone has nothing to disagree with
    alone = runner.invoke(app, ["claims", "--db", str(aid_db), "--compare", "--source", "author"])
    assert "no disagreeing claims match" in alone.stdout


STANCE_1 = 'Olaf Scholz said: "Talks with Moscow are pointless for now."'
STANCE_2 = 'Olaf Scholz said: "We must seek a ceasefire soon."'


def _stance(text: str, part: str, holder: str, stance: str) -> Stance:
    at = text.index(part)
    span = Span(at, at + len(part), part)
    return Stance(holder, "P2", stance, span, (StanceEvidence(span, stance, "quote"),))


@pytest.fixture
def stance_db(tmp_path: Path) -> Path:
    """A store where Olaf Scholz turns from against to favor on P2."""
    db = tmp_path / "stances.db"
    with Store.open(db) as store:
        run = store.start_run("ingest", {})
        for text, published, part, stance in (
            (STANCE_1, "2022-04-02", "Talks with Moscow are pointless", "against"),
            (STANCE_2, "2024-11-15", "We must seek a ceasefire", "favor"),
        ):
            doc = Document(text, f"{published}.txt", published=published, authors=["Ann Writer"])
            ex = Extraction(doc, stances=[_stance(text, part, "Olaf Scholz", stance)])
            assert store.save(ex, run_id=run)
    return db


def test_stances_table_lists_stances_and_flags_the_shift(stance_db: Path) -> None:
    result = runner.invoke(app, ["stances", "--db", str(stance_db)])
    assert result.exit_code == 0, result.output
    assert "Olaf Scholz: P2 against -> favor between 2022-04 and 2024-11" in result.stdout
    assert "Talks with Moscow are pointless" in result.stdout


def test_stances_json_and_csv(stance_db: Path) -> None:
    result = runner.invoke(app, ["stances", "--db", str(stance_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("stance") for r in records[:2]] == ["against", "favor"]
    [shift] = [r for r in records if r.get("shift")]
    assert (shift["before"], shift["after"], shift["since"], shift["until"]) == (
        "against",
        "favor",
        "2022-04",
        "2024-11",
    )
    result = runner.invoke(app, ["stances", "--db", str(stance_db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["holder"], r["stance"], r["published"]) for r in rows] == [
        ("Olaf Scholz", "against", "2022-04-02"),
        ("Olaf Scholz", "favor", "2024-11-15"),
    ]
    assert STANCE_1[int(rows[0]["start"]) : int(rows[0]["end"])] == rows[0]["evidence"]


def test_stances_filters_and_bad_options(stance_db: Path) -> None:
    empty = runner.invoke(app, ["stances", "--db", str(stance_db), "--proposition", "P5"])
    assert empty.exit_code == 0 and "no stances match" in empty.stdout
    only = runner.invoke(
        app, ["stances", "--db", str(stance_db), "--from", "2024", "--format", "csv"]
    )
    assert only.stdout.count("Olaf Scholz") == 1
    bad = runner.invoke(app, ["stances", "--db", str(stance_db), "--format", "xml"])
    assert bad.exit_code != 0 and "--format" in bad.output
