"""Command-line interface: a thin Typer layer over the library.

Commands parse arguments, call the library, and turn domain errors into exit codes:
0 success, 1 some inputs failed (the rest was processed), 2 bad arguments or settings,
3 store errors, 130 interrupted.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from presswatch import __version__
from presswatch.analysis.claims import ClaimGroup, disagreements, group_claims
from presswatch.analysis.ledger import (
    CSV_COLUMNS,
    DEFAULT_KINDS,
    KIND_CHOICES,
    TOTALS_BY,
    LedgerRow,
    Total,
    TotalsBy,
    build_ledger,
    csv_number,
    csv_row,
    left_out,
    plain_date,
    select,
    totals,
)
from presswatch.analysis.stances import Shift, StancePoint, of_holder, shifts, stance_points
from presswatch.analysis.statements import link_statements
from presswatch.analysis.timeline import TimelineEntry, build_timeline
from presswatch.domain import cached_pack
from presswatch.errors import InputError, PresswatchError
from presswatch.ingest import normalise_date
from presswatch.runs import RunReport, count_inputs, extract_records, ingest
from presswatch.settings import Settings, load_settings
from presswatch.store import Store, period_of

app = typer.Typer(
    help="presswatch: turn news and opinion articles into a sourced knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, soft_wrap=True)
out = Console()

DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db", help="SQLite file or SQLAlchemy URL [default: presswatch.db, or $PRESSWATCH_DB]."
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Settings file (TOML) layered over the shipped defaults."),
]
DomainOpt = Annotated[
    str | None,
    typer.Option(
        "--domain", help="Domain pack: a YAML file or a shipped pack name [default: ukraine]."
    ),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="Output format: table, csv or json.")
]
PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files or folders (text, Markdown, HTML, JSON Lines, .jsonl.gz).", show_default=False
    ),
]
ManifestOpt = Annotated[
    Path | None,
    typer.Option(
        "--manifest",
        help="JSON Lines manifest of {path, published?, title?, outlet?, authors?, url?}; "
        "paths relative to it.",
    ),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date for every input (overrides found and given dates)."
    ),
]


def _settings(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config).with_overrides(**overrides)


def _fail(exc: PresswatchError) -> typer.Exit:
    err.print(Text.assemble(("error", "bold red"), f": {exc.message}"))
    return typer.Exit(exc.exit_code)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM (kill) into KeyboardInterrupt so a run stops like Ctrl-C."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _check_inputs(
    paths: list[Path] | None, manifest: Path | None, published: str | None
) -> str | None:
    if not paths and manifest is None:
        raise InputError("give files or folders to read, or --manifest FILE")
    if published is None:
        return None
    try:
        return normalise_date(published)
    except ValueError as exc:
        raise InputError(f"--published: {exc}") from exc


def _report_failures(report: RunReport) -> None:
    for f in report.failures:
        err.print(Text(f"failed: {f.message()} [{f.code}]", style="red"))


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    """presswatch: turn news and opinion articles into a sourced knowledge base."""
    if version:
        out.print(f"presswatch {__version__}")
        raise typer.Exit(0)


@app.command()
def extract(
    paths: PathsArg = None,
    manifest: ManifestOpt = None,
    published: PublishedOpt = None,
    domain: DomainOpt = None,
    config: ConfigOpt = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Add the document text as doc.text.")
    ] = False,
) -> None:
    """Print one JSON extraction record per document (JSON Lines) to standard output."""
    try:
        settings = _settings(config, domain=domain)
        date = _check_inputs(paths, manifest, published)
        report = RunReport()
        # the bar goes to standard error, and only on a terminal: standard output is data
        bar = _progress(disable=not err.is_terminal)
        with bar, _sigterm_as_interrupt():
            # counting means reading the inputs once more: only worth it for a visible bar
            total = count_inputs(paths or [], manifest=manifest) if err.is_terminal else None
            task = bar.add_task("extract", total=total)
            for ex in extract_records(
                paths or [], settings=settings, manifest=manifest, published=date, report=report
            ):
                bar.update(task, completed=report.counts["read"] + report.counts["failed"])
                # JSON inputs carry their text in the record so offsets can be checked
                with_text = include_text or Path(ex.doc.path).suffix.lower() not in (
                    ".txt",
                    ".md",
                    ".markdown",
                )
                sys.stdout.write(
                    json.dumps(ex.to_dict(include_text=with_text), ensure_ascii=False) + "\n"
                )
                sys.stdout.flush()
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]")
        raise typer.Exit(130) from None
    except PresswatchError as exc:
        raise _fail(exc) from exc
    _report_failures(report)
    err.print(f"extracted {report.counts['extracted']} document(s), {len(report.failures)} failed")
    if report.failures:
        raise typer.Exit(1)


def _open_store(db: Path | None, config: Path | None = None) -> Store:
    settings = load_settings(config)
    target = str(db) if db is not None else os.environ.get("PRESSWATCH_DB", settings.db)
    return Store.open(target)


def _progress(disable: bool = False) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
        disable=disable,
    )


def run_ingest(
    store: Store,
    paths: list[Path],
    *,
    manifest: Path | None,
    published: str | None,
    settings: Settings,
    label: str = "ingest",
) -> RunReport:
    """Ingest with a progress bar; returns the report (shared by ``ingest`` and ``demo``)."""
    total = count_inputs(paths, manifest=manifest)
    with _progress() as bar, _sigterm_as_interrupt():
        task = bar.add_task(label, total=total)
        report = ingest(
            store,
            paths,
            settings=settings,
            manifest=manifest,
            published=published,
            progress=lambda n: bar.advance(task, n),
            command_args={
                "paths": [str(p) for p in paths],
                "manifest": str(manifest) if manifest else None,
            },
        )
    return report


def print_summary(store: Store, report: RunReport | None, *, top: int = 15) -> None:
    """End-of-run summary: counts, failures, top actors, documents by month."""
    if report is not None:
        counts = Table(title="run", show_header=False)
        for key in ("stored", "unchanged", "duplicate", "near-duplicates", "failed"):
            counts.add_row(key, str(report.counts.get(key, 0)))
        out.print(counts)
        for f in report.failures:
            out.print(Text(f"failed: {f.message()} [{f.code}]", style="red"))
        if report.interrupted:
            out.print(
                "[yellow]interrupted: what was stored is kept; "
                "run the same command again to finish[/]"
            )
    stats = store.stats()
    out.print(Text(f"store {store.url}: " + ", ".join(f"{v} {k}" for k, v in stats.items())))
    actors = Table(title=f"top {top} actors")
    for col in ("actor", "type", "mentions", "documents"):
        actors.add_column(col, justify="right" if col in ("mentions", "documents") else "left")
    for a in store.actors(limit=top):
        actors.add_row(Text(a.canonical), a.type, str(a.mentions), str(a.documents))
    out.print(actors)
    months = Table(title="documents by month")
    months.add_column("month")
    months.add_column("documents", justify="right")
    months.add_column("")
    rows = store.documents_by_month()
    peak = max((n for _, n in rows), default=1)
    for month, n in rows:
        months.add_row(month, str(n), "█" * max(1, round(30 * n / peak)))
    out.print(months)


@app.command("ingest")
def ingest_cmd(
    paths: PathsArg = None,
    db: DbOpt = None,
    manifest: ManifestOpt = None,
    published: PublishedOpt = None,
    domain: DomainOpt = None,
    config: ConfigOpt = None,
    n_process: Annotated[
        int | None, typer.Option("--n-process", help="Parser processes (nlp.pipe n_process).")
    ] = None,
) -> None:
    """Read, extract and store documents; already-stored texts are skipped."""
    try:
        settings = _settings(config, domain=domain, n_process=n_process)
        date = _check_inputs(paths, manifest, published)
        with _open_store(db, config) as store:
            report = run_ingest(
                store, paths or [], manifest=manifest, published=date, settings=settings
            )
            print_summary(store, report)
    except PresswatchError as exc:
        raise _fail(exc) from exc
    if report.interrupted:
        raise typer.Exit(130)
    if report.failures:
        raise typer.Exit(1)


def _emit(rows: list[dict[str, Any]], columns: list[str], fmt: str, title: str) -> None:
    if fmt == "json":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    elif fmt == "table":
        t = Table(title=title)
        for c in columns:
            t.add_column(c)
        for r in rows:
            t.add_row(*(Text("" if r.get(c) is None else str(r.get(c))) for c in columns))
        out.print(t)
    else:
        raise InputError(f"--format must be table, csv or json, not {fmt!r}")


@app.command()
def actors(
    db: DbOpt = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Only this type: PERSON ORG GPE LOC NORP WEAPON.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Only actors whose name contains this.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many rows (0: all).")] = 50,
    documents: Annotated[
        bool, typer.Option("--documents", help="List the documents of each actor instead.")
    ] = False,
    fmt: FormatOpt = "table",
) -> None:
    """List resolved actors with mention and document counts (or their documents)."""
    try:
        with _open_store(db) as store:
            if documents:
                found = store.actors(
                    type=type_.upper() if type_ else None, limit=limit or None, name=name
                )
                docs = [
                    {"actor": a.canonical, "type": a.type, **d}
                    for a in found
                    for d in store.actor_documents(a.canonical, type=a.type)
                ]
                cols = ["actor", "type", "published", "mentions", "title", "id"]
                _emit(docs, cols, fmt, "documents by actor")
                return
            rows = [
                {
                    "actor": a.canonical,
                    "type": a.type,
                    "mentions": a.mentions,
                    "documents": a.documents,
                    "first": a.first_published,
                    "last": a.last_published,
                }
                for a in store.actors(
                    type=type_.upper() if type_ else None, limit=limit or None, name=name
                )
            ]
        _emit(rows, ["actor", "type", "mentions", "documents", "first", "last"], fmt, "actors")
    except PresswatchError as exc:
        raise _fail(exc) from exc


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find; "quoted phrase" and prefix* work.')],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many hits.")] = 20,
    fmt: FormatOpt = "table",
) -> None:
    """Full-text search over stored documents (ranked, with snippets)."""
    try:
        with _open_store(db) as store:
            rows = [
                {
                    "id": h.id[:12],
                    "published": h.published,
                    "title": h.title,
                    "path": h.path,
                    "snippet": h.snippet,
                }
                for h in store.search(query, limit=limit)
            ]
        _emit(rows, ["id", "published", "title", "snippet"], fmt, f"search: {query}")
    except PresswatchError as exc:
        raise _fail(exc) from exc


@app.command()
def quotes(
    db: DbOpt = None,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Only this speaker (exact name, else part of it)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Published on or after DATE.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Published on or before DATE.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", help="At most this many statements (0: all).")
    ] = 0,
    fmt: FormatOpt = "table",
) -> None:
    """Who said what: each statement once, with every document that reports it."""
    try:
        dates = {k: _date_option(k, v) for k, v in (("--since", since), ("--until", until))}
        with _open_store(db) as store:
            rows = store.quotes(speaker=speaker, since=dates["--since"], until=dates["--until"])
        statements = link_statements(rows)[: limit or None]
        if fmt == "json":
            for s in statements:
                sys.stdout.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")
            return
        table = [
            {
                "speaker": s.speaker or "",
                "first": s.first_published,
                "type": s.type,
                "quote": s.text,
                "sources": len(s.sources),
                "documents": "; ".join(
                    f"{src['published'] or 'undated'} {src['doc_id'][:12]}" for src in s.sources
                ),
            }
            for s in statements
        ]
        _emit(table, ["speaker", "first", "type", "quote", "sources", "documents"], fmt, "quotes")
    except PresswatchError as exc:
        raise _fail(exc) from exc


FORMATS = ("table", "csv", "json")
TIMELINE_COLUMNS = ["date", "actors", "event", "predicate", "sources", "documents"]


def _timeline_row(entry: TimelineEntry) -> dict[str, Any]:
    published = {s["doc_id"]: s.get("published") for s in entry.sources}
    return {
        "date": entry.date or "undated",
        "actors": ", ".join(entry.actors),
        "event": entry.text,
        "predicate": entry.predicate,
        "sources": len(entry.documents),
        "documents": "; ".join(
            f"{published[doc_id] or 'undated'} {doc_id[:12]}" for doc_id in entry.documents
        ),
    }


@app.command()
def timeline(
    db: DbOpt = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Only events of this actor (exact name, else part of it)."),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from", help="Events whose date reaches DATE or later (2022, 2022-04, 2022-04-24)."
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Events whose date starts on DATE or earlier.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many events (0: all).")] = 0,
    undated: Annotated[
        bool, typer.Option("--undated", help="Also list events with no date, after the others.")
    ] = False,
    fmt: FormatOpt = "table",
) -> None:
    """What happened when: each event once, in date order, with every document that
    reports it."""
    try:
        if fmt not in FORMATS:
            raise InputError(f"--format must be table, csv or json, not {fmt!r}")
        since, until = _date_option("--from", from_), _date_option("--to", to)
        low, high = period_of(since), period_of(until)
        if low and high and low.start > high.end:
            raise InputError(f"--from {since} is after --to {until}")
        with _open_store(db) as store:
            rows = store.events(actor=actor, since=since, until=until, dated_only=not undated)
        entries = build_timeline(rows)[: max(limit, 0) or None]
        if fmt == "json":
            for entry in entries:
                sys.stdout.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
            return
        if not entries and fmt == "table":
            out.print("no events" + (" match" if actor or since or until else " stored"))
            return
        _emit([_timeline_row(e) for e in entries], TIMELINE_COLUMNS, fmt, "timeline")
    except PresswatchError as exc:
        raise _fail(exc) from exc


def _date_range(from_: str | None, to: str | None) -> tuple[str | None, str | None]:
    """``--from``/``--to`` as ISO dates, checked and in order."""
    since, until = _date_option("--from", from_), _date_option("--to", to)
    low, high = period_of(since), period_of(until)
    if low and high and low.start > high.end:
        raise InputError(f"--from {since} is after --to {until}")
    return since, until


TOTALS_COLUMNS = ["key", "commitments", "value_usd"]


def _totals_row(total: Total) -> dict[str, Any]:
    return {
        "key": total.key,
        "commitments": total.commitments,
        "value_usd": csv_number(total.value_usd),
    }


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _print_ledger_table(rows: list[LedgerRow]) -> None:
    table = Table(title="ledger")
    for column in ("date", "donor", "recipient", "item", "quantity", "value_usd", "status"):
        table.add_column(column, justify="right" if column in ("quantity", "value_usd") else "left")
    table.add_column("sources", justify="right")
    for row in rows:
        table.add_row(
            plain_date(row.date) or "undated",
            Text(row.donor or ""),
            Text(row.recipient or ""),
            Text(row.item),
            csv_number(row.quantity),
            _money(row.value_usd),
            row.status or "",
            str(len(row.documents)),
        )
    out.print(table)
    grand = totals(rows, "donor")[-1]
    out.print(f"total: {grand.commitments} commitment(s), {_money(grand.value_usd)} USD")


def _print_totals_table(found: list[Total], by: str) -> None:
    table = Table(title=f"ledger by {by}")
    table.add_column(by)
    table.add_column("commitments", justify="right")
    table.add_column("value_usd", justify="right")
    for i, total in enumerate(found):
        last = i == len(found) - 1
        table.add_row(
            Text(total.key, style="bold" if last else ""),
            str(total.commitments),
            _money(total.value_usd),
            end_section=i == len(found) - 2,
        )
    out.print(table)


@app.command()
def ledger(
    db: DbOpt = None,
    donor: Annotated[
        str | None,
        typer.Option("--donor", help="Only this donor (exact name, else part of it)."),
    ] = None,
    recipient: Annotated[
        str | None,
        typer.Option("--recipient", help="Only this recipient (exact name, else part of it)."),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Commitments dated on or after DATE (2022, 2022-04, 2022-04-24); undated "
            "ones by publication date.",
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Commitments dated on or before DATE.")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="Print totals (count and value_usd) by donor, month or item instead."
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="Kinds of aid, comma-separated: "
            + ", ".join(KIND_CHOICES)
            + " (unspecified: no item class names it).",
        ),
    ] = ",".join(DEFAULT_KINDS),
    proposals: Annotated[
        bool,
        typer.Option(
            "--proposals",
            help="Also aid not yet committed: proposed by a donor or requested by a recipient.",
        ),
    ] = False,
    all_recipients: Annotated[
        bool,
        typer.Option(
            "--all-recipients",
            help="Also aid to countries that are not parties to the domain pack's conflict.",
        ),
    ] = False,
    vague: Annotated[
        bool,
        typer.Option(
            "--vague",
            help="Also commitments that name only a giver and a kind of aid (no recipient, "
            "named system, quantity or value: 'we provide weapons').",
        ),
    ] = False,
    fmt: FormatOpt = "table",
    config: ConfigOpt = None,
    domain: DomainOpt = None,
) -> None:
    """Aid pledged, authorised or sent (asked for, with --proposals): each commitment
    once, with every document that reports it, its furthest status and its value in US
    dollars. Military aid unless --kind says otherwise; aid to the parties of the domain
    pack's conflict and to recipients that are no country, unless --all-recipients or
    --recipient says otherwise; commitments that name more than a giver and a kind of
    aid, unless --vague."""
    try:
        if fmt not in FORMATS:
            raise InputError(f"--format must be table, csv or json, not {fmt!r}")
        if by is not None and by not in TOTALS_BY:
            raise InputError(f"--by must be donor, month or item, not {by!r}")
        kinds = [k.strip().lower() for k in kind.split(",") if k.strip()]
        bad = [k for k in kinds if k not in KIND_CHOICES]
        if bad or not kinds:
            raise InputError(
                f"--kind must be one or more of {', '.join(KIND_CHOICES)}, not {kind!r}"
            )
        since, until = _date_range(from_, to)
        others = left_out(
            cached_pack(_settings(config, domain=domain).domain).other_countries(),
            recipient=recipient,
            all_recipients=all_recipients,
        )
        with _open_store(db) as store:
            found = store.commitments(donor=donor, recipient=recipient, since=since, until=until)
        rows = select(
            build_ledger(found),
            kinds,
            uncommitted=proposals,
            other_recipients=others,
            vague=vague,
        )
        filtered = bool(donor or recipient or since or until or found)
        if not rows and fmt == "table":
            out.print("no commitments" + (" match" if filtered else " stored"))
            return
        if by is not None:
            grouped = totals(rows, cast(TotalsBy, by))
            if fmt == "table":
                _print_totals_table(grouped, by)
            else:
                _emit([_totals_row(t) for t in grouped], TOTALS_COLUMNS, fmt, f"ledger by {by}")
            return
        if fmt == "json":
            for row in rows:
                sys.stdout.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            _emit([csv_row(r) for r in rows], list(CSV_COLUMNS), fmt, "ledger")
        else:
            _print_ledger_table(rows)
    except PresswatchError as exc:
        raise _fail(exc) from exc


STANCE_COLUMNS = ["holder", "proposition", "stance", "published", "outlet", "doc", "start",
                  "end", "evidence"]  # fmt: skip


def _stance_row(point: StancePoint) -> dict[str, Any]:
    return {
        "holder": point.holder,
        "proposition": point.proposition,
        "stance": point.stance,
        "published": point.published or "undated",
        "outlet": point.outlet or "",
        "doc": point.doc_id[:12],
        "start": point.start,
        "end": point.end,
        "evidence": point.text,
    }


def _print_shifts(found: list[Shift]) -> None:
    if not found:
        out.print("no shifts")
        return
    out.print("[bold]shifts[/bold]")
    for shift in found:
        out.print(Text(shift.describe()))
        for label, points in (("before", shift.evidence_before), ("after", shift.evidence_after)):
            point = points[-1] if label == "before" else points[0]
            out.print(Text(f"  {label}: {point.published} {point.doc_id[:12]} “{point.text}”"))


@app.command()
def stances(
    db: DbOpt = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Only this holder (exact name, else part of it)."),
    ] = None,
    proposition: Annotated[
        str | None, typer.Option("--proposition", help="Only this proposition id (P2).")
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="Stances published on or after DATE (2022, 2022-04)."),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Stances published on or before DATE.")
    ] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Where each actor (and each article's author) stands on the domain pack's
    propositions, at every dated piece of evidence, with shifts flagged. JSON: one
    object per stance, then one per shift (with "shift": true)."""
    try:
        if fmt not in FORMATS:
            raise InputError(f"--format must be table, csv or json, not {fmt!r}")
        since, until = _date_range(from_, to)
        with _open_store(db) as store:
            rows = store.stances(proposition=proposition, since=since, until=until)
        points = stance_points(rows)
        if actor:  # after authors are named: "--actor Champion" finds his own voice
            points = of_holder(points, actor)
        changes = shifts(points)
        if fmt == "json":
            for point in points:
                sys.stdout.write(json.dumps(point.to_dict(), ensure_ascii=False) + "\n")
            for shift in changes:
                record = {"shift": True, **shift.to_dict()}
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        if not points and fmt == "table":
            filtered = actor or proposition or since or until
            out.print("no stances" + (" match" if filtered else " stored"))
            return
        if fmt == "table":
            columns = ["holder", "proposition", "stance", "published", "evidence"]
            _emit([_stance_row(p) for p in points], columns, fmt, "stances")
            _print_shifts(changes)
        else:
            _emit([_stance_row(p) for p in points], STANCE_COLUMNS, fmt, "stances")
    except PresswatchError as exc:
        raise _fail(exc) from exc


CLAIM_COLUMNS = ["value", "unit", "qualifier", "about", "source", "published", "doc"]
COMPARE_COLUMNS = ["group", "about", "value", "unit", "qualifier", "source", "published", "doc",
                   "text"]  # fmt: skip


def _claim_row(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "value": csv_number(claim.get("value")),
        "unit": claim.get("unit") or "",
        "qualifier": claim.get("qualifier") or "",
        "about": claim.get("about") or "",
        "source": claim.get("source") or "",
        "published": claim.get("published") or "undated",
        "doc": str(claim["doc_id"])[:12],
        "text": claim.get("text") or "",
    }


def _print_groups(groups: list[ClaimGroup]) -> None:
    for group in groups:
        spread = group.spread
        title = f"{group.about or '?'} ({group.unit or 'no unit'})" + (
            f": values {spread:.0%} apart" if spread is not None else ""
        )
        table = Table(title=Text(title))
        for column in ("value", "qualifier", "source", "published", "doc", "text"):
            table.add_column(column, justify="right" if column == "value" else "left")
        for claim in group.claims:
            row = _claim_row(claim)
            table.add_row(
                row["value"],
                Text(row["qualifier"]),
                Text(row["source"]),
                row["published"],
                row["doc"],
                Text(row["text"]),
            )
        out.print(table)


@app.command()
def claims(
    db: DbOpt = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", help="Only claims on this source's word (exact name, else part of it)."
        ),
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", help="Only claims whose subject contains TEXT.")
    ] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Published on or after DATE.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Published on or before DATE.")] = None,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Group claims about the same quantity and show only the groups whose "
            "documents disagree (values over 5% apart, or different sources).",
        ),
    ] = False,
    fmt: FormatOpt = "table",
) -> None:
    """Numbers the texts assert: value, unit, hedge, what is counted, and on whose word."""
    try:
        if fmt not in FORMATS:
            raise InputError(f"--format must be table, csv or json, not {fmt!r}")
        since, until = _date_range(from_, to)
        with _open_store(db) as store:
            rows = store.claims(source=source, about=about, since=since, until=until)
        filtered = bool(source or about or since or until)
        if compare:
            groups = disagreements(group_claims(rows))
            if fmt == "json":
                for group in groups:
                    sys.stdout.write(json.dumps(group.to_dict(), ensure_ascii=False) + "\n")
            elif fmt == "csv":
                flat = [
                    {"group": i, **_claim_row(c)}
                    for i, group in enumerate(groups, 1)
                    for c in group.claims
                ]
                _emit(flat, COMPARE_COLUMNS, fmt, "claims compared")
            elif not groups:
                out.print("no disagreeing claims" + (" match" if filtered else " stored"))
            else:
                _print_groups(groups)
            return
        if fmt == "json":
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        if not rows and fmt == "table":
            out.print("no claims" + (" match" if filtered else " stored"))
            return
        _emit([_claim_row(r) for r in rows], CLAIM_COLUMNS, fmt, "claims")
    except PresswatchError as exc:
        raise _fail(exc) from exc


def _date_option(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return normalise_date(value)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from exc


STYLES = {
    "PERSON": "bold cyan",
    "ORG": "bold magenta",
    "GPE": "bold green",
    "LOC": "green",
    "NORP": "yellow",
    "WEAPON": "bold red",
}


@app.command()
def show(
    doc: Annotated[
        str,
        typer.Argument(help="Document id (or a unique prefix of 6+ characters) or source path."),
    ],
    db: DbOpt = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="text (actors marked) or json (the stored record)."),
    ] = "text",
) -> None:
    """Print a stored document with its actors marked, its sources and near-duplicates."""
    try:
        with _open_store(db) as store:
            stored = store.document(doc)
            near = store.near_duplicates_of(stored.id) if stored else []
    except PresswatchError as exc:
        raise _fail(exc) from exc
    if stored is None:
        err.print(Text.assemble(("error", "red"), f": no stored document matches {doc!r}"))
        raise typer.Exit(1)
    if fmt == "json":
        payload = stored.to_dict()
        payload["near_duplicates"] = [{"id": i, "similarity": s} for i, s in near]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return
    if fmt != "text":
        raise _fail(InputError(f"--format must be text or json, not {fmt!r}"))
    head = Table(show_header=False, box=None)
    for k, v in (
        ("id", stored.id),
        ("path", stored.path),
        ("title", stored.title),
        ("published", stored.published),
        ("outlet", stored.outlet),
        ("authors", ", ".join(stored.authors)),
        ("url", stored.url),
        ("sources", "; ".join(stored.sources) if len(stored.sources) > 1 else None),
        ("near-duplicates", "; ".join(f"{i[:12]} ({s:.2f})" for i, s in near) or None),
    ):
        if v:
            head.add_row(Text(k, style="dim"), Text(str(v)))
    out.print(head)
    body = Text(stored.text)
    seen: dict[tuple[str, str], list[str]] = {}
    for m in sorted(stored.mentions, key=lambda m: (m[0], -m[1])):
        start, end, text, _form, canonical, etype = m
        body.stylize(STYLES.get(etype, "bold"), start, end)
        seen.setdefault((canonical, etype), []).append(text)
    out.print(body)
    legend = Table(title="actors in this document")
    for col in ("actor", "type", "mentions", "as written"):
        legend.add_column(col)
    for (canonical, etype), texts in sorted(seen.items()):
        forms = ", ".join(sorted(set(texts) - {canonical}))
        legend.add_row(
            Text(canonical, style=STYLES.get(etype, "bold")), etype, str(len(texts)), Text(forms)
        )
    out.print(legend)


@app.command()
def failures(
    db: DbOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """List inputs that could not be ingested, and why."""
    try:
        with _open_store(db) as store:
            rows = store.failures()
        _emit(rows, ["run_id", "path", "line", "code", "reason"], fmt, "failed inputs")
    except PresswatchError as exc:
        raise _fail(exc) from exc


def _find_shared(shared: Path | None) -> Path | None:
    candidates = (
        [shared]
        if shared
        else [Path(p) for p in (os.environ.get("PRESSWATCH_SHARED"), "../shared", "shared") if p]
    )
    candidates += [Path(__file__).resolve().parents[3] / "shared"] if not shared else []
    for c in candidates:
        if c is not None and (c / "corpora").is_dir():
            return c
    return None


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Store for the demo.")] = Path(
        "presswatch-demo.db"
    ),
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared",
            help="Folder holding corpora/wh-ukraine and corpora/seeds "
            "[default: $PRESSWATCH_SHARED or ../shared].",
        ),
    ] = None,
    n_process: Annotated[int, typer.Option("--n-process", help="Parser processes.")] = 2,
    config: ConfigOpt = None,
    serve_after: Annotated[
        bool,
        typer.Option(
            "--serve/--no-serve",
            help=f"Then serve the web app on http://{SERVE_HOST}:{SERVE_PORT}/ until Ctrl-C.",
        ),
    ] = True,
) -> None:
    """Ingest the demo corpus (White House texts on Ukraine + the seed articles),
    summarise what was found, and serve it as a web app."""
    root = _find_shared(shared)
    if root is None:
        err.print(
            "[red]error[/]: no demo corpus found (looked for corpora/ under --shared, "
            "$PRESSWATCH_SHARED, ../shared). Point it at one with "
            "`presswatch demo --shared DIR`, or ingest your own articles with "
            "`presswatch ingest FILE_OR_FOLDER...`."
        )
        raise typer.Exit(2)
    wh = root / "corpora" / "wh-ukraine" / "docs.jsonl.gz"
    seeds = root / "corpora" / "seeds" / "manifest.jsonl"
    try:
        settings = _settings(config, n_process=n_process)
        with Store.open(str(db)) as store:
            reports = []
            if wh.exists():
                reports.append(
                    run_ingest(
                        store,
                        [wh],
                        manifest=None,
                        published=None,
                        settings=settings,
                        label="White House texts",
                    )
                )
            if seeds.exists():
                reports.append(
                    run_ingest(
                        store,
                        [],
                        manifest=seeds,
                        published=None,
                        settings=settings,
                        label="seed articles",
                    )
                )
            merged = RunReport()
            for r in reports:
                merged.counts.update(r.counts)
                merged.failures += r.failures
                merged.interrupted |= r.interrupted
            print_summary(store, merged)
            out.print(
                Text(
                    f"\nexplore: presswatch actors --db {db} | presswatch search --db {db} HIMARS "
                    f"| presswatch quotes --db {db} --speaker Austin "
                    f"| presswatch timeline --db {db} --actor Zelensky --from 2022-02 "
                    f"| presswatch show --db {db} DOC_ID"
                )
            )
    except PresswatchError as exc:
        raise _fail(exc) from exc
    if merged.interrupted:
        raise typer.Exit(130)
    if serve_after:
        _serve(str(db), host=SERVE_HOST, port=SERVE_PORT, settings=settings)


SERVE_HOST = "127.0.0.1"
SERVE_PORT = 8000


def _serve(
    db: str,
    *,
    host: str,
    port: int,
    settings: Settings,
    ingest_token: str | None = None,
    max_upload_bytes: int = 5_000_000,
) -> None:
    """Serve the web app over the store ``db`` until interrupted (shared by ``serve`` and
    ``demo``)."""
    import uvicorn

    from presswatch.web import create_app

    try:
        web = create_app(
            db,
            ingest_token=ingest_token,
            max_upload_bytes=max_upload_bytes,
            settings=settings,
            warm_up=True,
        )
    except PresswatchError as exc:
        raise _fail(exc) from exc
    ingest_state = "on (POST /api/ingest with the token)" if ingest_token else "off"
    out.print(Text(f"serving {db} at http://{host}:{port}/ (ingest {ingest_state}); Ctrl-C stops"))
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")
    ] = SERVE_HOST,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = SERVE_PORT,
    ingest_token: Annotated[
        str | None,
        typer.Option(
            "--ingest-token",
            envvar="PRESSWATCH_INGEST_TOKEN",
            help="Allow POST /api/ingest for requests sending `Authorization: Bearer TOKEN` "
            "(without it the server only reads).",
            show_default=False,
        ),
    ] = None,
    max_upload_bytes: Annotated[
        int,
        typer.Option("--max-upload-bytes", help="Largest request body /api/ingest reads."),
    ] = 5_000_000,
    config: ConfigOpt = None,
) -> None:
    """Serve the web app and its JSON API (OpenAPI at /openapi.json) over a store."""
    try:
        settings = _settings(config)
        if max_upload_bytes <= 0:
            raise InputError("--max-upload-bytes must be a positive number of bytes")
        if not 0 < port < 65536:
            raise InputError(f"--port must be between 1 and 65535, not {port}")
    except PresswatchError as exc:
        raise _fail(exc) from exc
    target = str(db) if db is not None else os.environ.get("PRESSWATCH_DB", settings.db)
    _serve(
        target,
        host=host,
        port=port,
        settings=settings,
        ingest_token=ingest_token or None,
        max_upload_bytes=max_upload_bytes,
    )


@app.command()
def bench(
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            help="JSON Lines (.gz) corpus "
            "[default: ../shared/corpora/news-2022/articles.jsonl.gz].",
        ),
    ] = None,
    n: Annotated[int, typer.Option("--n", help="Number of articles.")] = 1000,
    config: ConfigOpt = None,
) -> None:
    """Benchmark: time of `extract` over N articles divided by bare spaCy nlp.pipe time
    on the same articles, measured in one run (a ratio, robust to machine noise)."""
    from presswatch.benchmark import run_benchmark

    root = _find_shared(None)
    path = corpus or (root / "corpora" / "news-2022" / "articles.jsonl.gz" if root else None)
    if path is None or not path.exists():
        err.print("[red]error[/]: no corpus; pass --corpus FILE.jsonl.gz")
        raise typer.Exit(2)
    result = run_benchmark(path, n=n, settings=_settings(config))
    out.print_json(json.dumps(result))


if __name__ == "__main__":  # pragma: no cover
    app()
