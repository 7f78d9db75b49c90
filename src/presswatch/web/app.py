"""The web app and JSON API: a thin FastAPI edge over :mod:`presswatch.web.views`.

Every page is served twice from one view: as HTML (``/timeline``) and as its JSON twin
(``/timeline.json``); the ledger also as CSV (``/ledger.csv``, the columns of
``presswatch ledger --format csv``). A page is declared once (:class:`PageSpec`: its
paths, its query arguments as one FastAPI dependency, its view and its template) and
:func:`add_page` registers both routes, the JSON one in the OpenAPI document. Routes
only parse arguments, call a view, render the result and turn errors into statuses
(:mod:`presswatch.web.errors`): the JSON twins, the CSV and the API answer errors as
``{"error": code, "message": ..., "status": ...}``, pages as an HTML page with that
status; an unexpected error is a 500 in the same shape (:class:`InternalErrors`).

The app reads; the one write is ``POST /api/ingest``, refused (401) unless a token was
given at start-up and the request carries it as ``Authorization: Bearer TOKEN``.
Request bodies over ``max_upload_bytes`` are refused (413) before they are read whole.

Pages are cached (:mod:`presswatch.web.cache`) until the store changes. Pages are
rendered with Jinja2 with autoescaping on; document text is marked up by
:mod:`presswatch.web.highlight`, which escapes every slice. No page loads anything from
another origin (the Content-Security-Policy says so), so the app works offline. No page
or JSON answer shows a path of the server's file system (see :mod:`presswatch.web.views`).
"""

# No `from __future__ import annotations` here: the routes' dependencies are built at
# run time (add_page), and FastAPI reads them from the annotations.

import contextlib
import csv
import hmac
import io
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path as FilePath
from typing import Annotated, Any, Generic, Literal, TypeVar, cast
from urllib.parse import urlsplit

import jinja2
from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from presswatch import __version__
from presswatch.analysis.ledger import CSV_COLUMNS, DEFAULT_KINDS, csv_row
from presswatch.domain import cached_pack
from presswatch.errors import PresswatchError
from presswatch.pipeline import Pipeline
from presswatch.settings import Settings, load_settings
from presswatch.store import Store
from presswatch.web import views
from presswatch.web.cache import CHECK_INTERVAL_S, Memo, StoreCache
from presswatch.web.charts import StanceMark, StanceRow, bar_chart, stance_chart
from presswatch.web.errors import (
    TooLarge,
    Unauthorized,
    Unprocessable,
    UnsupportedMediaType,
    error_body,
    status_of,
)
from presswatch.web.highlight import Fact, render_text
from presswatch.web.ingest import Ingestor

A = TypeVar("A")

#: Default most bytes ``POST /api/ingest`` reads.
MAX_UPLOAD_BYTES = 5_000_000
#: Most rows one page may ask for (``limit``).
MAX_LIMIT = 10_000
#: Most rows each list of the actor page may ask for.
MAX_ACTOR_LIMIT = 1_000
#: Highest page number (and offset into a text) a request may ask for.
MAX_PAGE = 1_000_000
MAX_OFFSET = 1_000_000_000
#: Longest search query.
MAX_QUERY = 1_000
#: Actors (the most mentioned) whose pages are built ahead of readers.
WARM_ACTORS = 10

JSON_MEDIA = "application/json"
HTML_MEDIA = "text/html; charset=utf-8"
CSV_MEDIA = "text/csv; charset=utf-8"

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    (
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
)

#: Codes of the HTTP errors that routing and request parsing raise.
HTTP_CODES: dict[int, str] = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    415: "unsupported-media-type",
}

NAV: tuple[tuple[str, str], ...] = (
    ("/", "Home"),
    ("/search", "Search"),
    ("/timeline", "Timeline"),
    ("/ledger", "Ledger"),
    ("/stances", "Stances"),
    ("/sources", "Sources"),
)

log = logging.getLogger(__name__)


# -- request and response shapes (for validation and the OpenAPI document) ------------------


class ErrorBody(BaseModel):
    """The one shape of every error answer: :meth:`PresswatchError.to_dict` with the
    HTTP status."""

    error: str = Field(description="Stable machine code, e.g. not-found, unauthorized.")
    message: str = Field(description="What went wrong, for people.")
    status: int = Field(description="The HTTP status of the answer.")


class Article(BaseModel):
    """An article to ingest: its text and what is known about it. Other fields are kept
    with the document (``extra``), as for a JSON Lines record."""

    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1, description="The article's text.")
    title: str | None = None
    published: str | None = Field(default=None, description="Date: 2022-04-24, 2022-04 or 2022.")
    url: str | None = None
    outlet: str | None = None
    authors: list[str] | str | None = Field(
        default=None, description="Names, as a list or one string ('A and B')."
    )


class IngestFailureModel(BaseModel):
    """An input that could not be ingested, and why."""

    file: str = Field(description="api:<file name> (or api:<title>) it was sent as.")
    line: int | None = Field(description="Its line, for a line of a JSON Lines file.")
    code: str = Field(description="Stable machine code, e.g. empty, bad-date.")
    reason: str


class IngestAnswer(BaseModel):
    """What ``POST /api/ingest`` did."""

    id: str | None = Field(description="The id of the (first) document read.")
    ids: list[str] = Field(description="The ids of every document read, stored now or before.")
    href: str | None = Field(description="Its page.")
    stored: int = Field(description="Documents stored by this request.")
    unchanged: int = Field(description="Documents whose text was stored already.")
    failures: list[IngestFailureModel]
    run_id: int | None


BEARER = HTTPBearer(auto_error=False, description="The token given to `presswatch serve`.")

BAD_ARGUMENTS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad arguments"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **BAD_ARGUMENTS,
    404: {"model": ErrorBody, "description": "No such document or actor"},
}


# -- query arguments, shared by each page and its JSON twin ---------------------------------

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many rows.")]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number (from 1).")]
FromDate = Annotated[
    str | None, Query(alias="from", description="On or after DATE (2022, 2022-04, 2022-04-24).")
]
ToDate = Annotated[str | None, Query(alias="to", description="On or before DATE.")]
Offset = Annotated[
    int | None,
    Query(ge=0, le=MAX_OFFSET, description="Highlight the sentence of this offset range."),
]
SourcesLimit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Documents per page.")]
ActorLimit = Annotated[
    int, Query(ge=1, le=MAX_ACTOR_LIMIT, description="Rows per page of each list.")
]


def _section_page(section: str) -> Any:
    return Query(ge=1, le=MAX_PAGE, description=f"Page of the {section} (from 1).")


@dataclass(frozen=True, slots=True)
class NoArgs:
    """A page without arguments."""


def no_args() -> NoArgs:
    return NoArgs()


@dataclass(frozen=True, slots=True)
class DocumentArgs:
    doc_id: str
    start: int | None = None
    end: int | None = None


def document_args(
    doc_id: Annotated[
        str, Path(description="The document's id, or a unique prefix of it (6 hex digits).")
    ],
    start: Offset = None,
    end: Offset = None,
) -> DocumentArgs:
    return DocumentArgs(doc_id, start, end)


@dataclass(frozen=True, slots=True)
class ActorArgs:
    name: str
    limit: int = views.ACTOR_LIMIT
    quotes_page: int = 1
    stances_page: int = 1
    given_page: int = 1
    received_page: int = 1
    documents_page: int = 1


def actor_args(
    name: Annotated[str, Path(description="The actor's canonical name.")],
    limit: ActorLimit = views.ACTOR_LIMIT,
    quotes_page: Annotated[int, _section_page("quotes")] = 1,
    stances_page: Annotated[int, _section_page("stances")] = 1,
    given_page: Annotated[int, _section_page("commitments given")] = 1,
    received_page: Annotated[int, _section_page("commitments received")] = 1,
    documents_page: Annotated[int, _section_page("documents")] = 1,
) -> ActorArgs:
    return ActorArgs(
        name, limit, quotes_page, stances_page, given_page, received_page, documents_page
    )


@dataclass(frozen=True, slots=True)
class TimelineArgs:
    actor: str | None = None
    from_: str | None = None
    to: str | None = None
    undated: bool = False
    limit: int = views.DEFAULT_LIMIT
    page: int = 1


def timeline_args(
    actor: Annotated[
        str | None, Query(description="Only events of this actor (exact name, else part of it).")
    ] = None,
    from_: FromDate = None,
    to: ToDate = None,
    undated: Annotated[bool, Query(description="Also list events with no date.")] = False,
    limit: Limit = views.DEFAULT_LIMIT,
    page: PageNo = 1,
) -> TimelineArgs:
    return TimelineArgs(actor, from_, to, undated, limit, page)


LedgerKind = Literal["military", "financial", "humanitarian", "other", "unspecified", "all"]
DEFAULT_LEDGER_KIND = cast(LedgerKind, DEFAULT_KINDS[0])
LedgerSort = Literal[
    "date", "donor", "recipient", "item", "quantity", "value_usd", "status", "sources"
]


@dataclass(frozen=True, slots=True)
class LedgerFilters:
    """What the ledger keeps and how it sorts it (the page, its JSON twin and the CSV)."""

    donor: str | None = None
    recipient: str | None = None
    from_: str | None = None
    to: str | None = None
    sort: str = "date"
    order: views.Order = "asc"
    kind: str = DEFAULT_KINDS[0]
    proposals: bool = False
    all_recipients: bool = False
    vague: bool = False


def ledger_filters(
    donor: Annotated[
        str | None, Query(description="Only this donor (exact name, else part of it).")
    ] = None,
    recipient: Annotated[
        str | None, Query(description="Only this recipient (exact name, else part of it).")
    ] = None,
    from_: FromDate = None,
    to: ToDate = None,
    sort: Annotated[LedgerSort, Query(description="Sort by this column.")] = "date",
    order: Annotated[Literal["asc", "desc"], Query(description="Sort order.")] = "asc",
    kind: Annotated[
        LedgerKind, Query(description="Only this kind of aid (`all`: every kind).")
    ] = DEFAULT_LEDGER_KIND,
    proposals: Annotated[
        bool,
        Query(description="Also aid not yet committed: proposed or requested."),
    ] = False,
    all_recipients: Annotated[
        bool,
        Query(
            description="Also aid to countries that are not parties to the domain pack's conflict."
        ),
    ] = False,
    vague: Annotated[
        bool,
        Query(
            description="Also commitments that name only a giver and a kind of aid (no "
            "recipient, named system, quantity or value)."
        ),
    ] = False,
) -> LedgerFilters:
    return LedgerFilters(
        donor, recipient, from_, to, sort, order, kind, proposals, all_recipients, vague
    )


@dataclass(frozen=True, slots=True)
class LedgerArgs(LedgerFilters):
    by: str = "donor"
    limit: int = views.DEFAULT_LIMIT
    page: int = 1


def ledger_args(
    filters: Annotated[LedgerFilters, Depends(ledger_filters)],
    by: Annotated[
        Literal["donor", "month", "item"], Query(description="Totals by donor, month or item.")
    ] = "donor",
    limit: Limit = views.DEFAULT_LIMIT,
    page: PageNo = 1,
) -> LedgerArgs:
    return LedgerArgs(**_fields(filters), by=by, limit=limit, page=page)


@dataclass(frozen=True, slots=True)
class StancesArgs:
    actor: str | None = None
    proposition: str | None = None
    from_: str | None = None
    to: str | None = None
    limit: int = views.STANCES_LIMIT
    page: int = 1


def stances_args(
    actor: Annotated[
        str | None,
        Query(description="Only this holder (exact name, else part of it; authors by name)."),
    ] = None,
    proposition: Annotated[
        str | None,
        Query(max_length=64, description="Only this proposition of the domain pack (P2)."),
    ] = None,
    from_: FromDate = None,
    to: ToDate = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Stances per proposition on a page.")
    ] = views.STANCES_LIMIT,
    page: PageNo = 1,
) -> StancesArgs:
    return StancesArgs(actor, proposition, from_, to, limit, page)


@dataclass(frozen=True, slots=True)
class SearchArgs:
    q: str = ""
    from_: str | None = None
    to: str | None = None
    outlet: str | None = None
    actor: str | None = None
    limit: int = views.SEARCH_LIMIT


def search_args(
    q: Annotated[
        str,
        Query(
            max_length=MAX_QUERY,
            description='Words to find; "quoted phrase" and prefix* work.',
        ),
    ] = "",
    from_: Annotated[
        str | None, Query(alias="from", description="Published on or after DATE.")
    ] = None,
    to: Annotated[str | None, Query(alias="to", description="Published on or before DATE.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet name contains this.")] = None,
    actor: Annotated[str | None, Query(description="Documents mentioning this actor.")] = None,
    limit: Annotated[
        int, Query(ge=1, le=views.SEARCH_SCAN, description="At most this many hits.")
    ] = views.SEARCH_LIMIT,
) -> SearchArgs:
    return SearchArgs(q, from_, to, outlet, actor, limit)


@dataclass(frozen=True, slots=True)
class SourcesArgs:
    page: int = 1
    limit: int = views.SOURCES_LIMIT


def sources_args(page: PageNo = 1, limit: SourcesLimit = views.SOURCES_LIMIT) -> SourcesArgs:
    return SourcesArgs(page, limit)


def _fields(args: Any) -> dict[str, Any]:
    """A dataclass's fields by name (shallow: nested values are not copied)."""
    return {f.name: getattr(args, f.name) for f in fields(args)}


def query_params(args: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Arguments as the query parameters they came from (``from_`` -> ``from``), less
    those at their default (and ``skip``, the path's own): what a link to another page,
    sort order or filter of the same page carries along."""
    out: dict[str, Any] = {}
    for f in fields(args):
        value = getattr(args, f.name)
        if f.name in skip or value in (None, "") or value == f.default:
            continue
        out["from" if f.name == "from_" else f.name] = value
    return out


# -- templates -------------------------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else ``None`` (no ``javascript:`` hrefs)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _number(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def chart_points(rows: list[dict[str, Any]], label: str, value: str) -> list[tuple[str, float]]:
    """``(label, value)`` pairs of view rows, for :func:`bar_chart`."""
    return [(str(row[label]), float(row[value] or 0)) for row in rows]


def stance_rows(chart: dict[str, Any]) -> list[StanceRow]:
    """The rows of a view's stance ``chart`` (the stances page's, the actor page's), for
    :func:`stance_chart`."""
    return [
        StanceRow(
            label=str(row["label"]),
            marks=[
                StanceMark(str(m["published"]), str(m["stance"]), str(m["href"]), str(m["tip"]))
                for m in row["marks"]
            ],
            title=str(row.get("title") or ""),
            href=row.get("href"),
        )
        for row in chart["rows"]
    ]


def section_href(path: str, params: dict[str, Any], section: str, page: int) -> str:
    """A page of one list of a page with several (``{section}_page``), at the list."""
    change = {f"{section}_page": page if page > 1 else None}
    return views.page_href(path, params, **change) + f"#{section}"


def _highlighted(data: dict[str, Any]) -> Any:
    facts = [Fact(f["start"], f["end"], f["kind"], f["title"]) for f in data["facts"]]
    highlight = data.get("highlight")
    bounds = (highlight["start"], highlight["end"]) if highlight else None
    return render_text(data["text"], facts, bounds)


def environment() -> jinja2.Environment:
    """The Jinja2 environment of the pages: autoescape on, helpers as globals."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("presswatch.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        document_href=views.document_href,
        actor_href=views.actor_href,
        page_href=views.page_href,
        section_href=section_href,
        bar_chart=bar_chart,
        chart_points=chart_points,
        stance_chart=stance_chart,
        stance_rows=stance_rows,
        highlighted=_highlighted,
        safe_url=safe_url,
        number=_number,
        nav=NAV,
        version=__version__,
    )
    return env


# -- security headers ------------------------------------------------------------------------


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every answer (pure ASGI: no per-request cost)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- rendered pages, served before routing when kept ---------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """A rendered answer kept in the page cache."""

    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...] = ()


def page_key(scope: Scope) -> tuple[str, str]:
    """The page cache key of a request: its path and query string."""
    return scope["path"], bytes(scope.get("query_string", b"")).decode("latin-1")


class PageCache:
    """Answers ``GET`` requests for pages the routes rendered and cached (and the store
    has not changed since) without routing, validation or a worker thread; everything
    else goes to the app, whose page routes fill the cache."""

    def __init__(self, app: ASGIApp, cache: StoreCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            page = self.cache.cached_page(page_key(scope))
            if isinstance(page, Page):
                headers = [
                    (b"content-type", page.media_type.encode("latin-1")),
                    (b"content-length", str(len(page.body)).encode("latin-1")),
                    *((k.encode("latin-1"), v.encode("latin-1")) for k, v in page.headers),
                ]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": page.body})
                return
        await self.app(scope, receive, send)


# -- the app ---------------------------------------------------------------------------------


def _wants_json(path: str) -> bool:
    """Is an error on ``path`` answered as JSON (the JSON twins, the CSV, the API)?"""
    return path.endswith((".json", ".csv")) or path.startswith("/api/")


def twin_href(scope: Scope) -> str:
    """The JSON twin of the page a request asked for: its path as sent (still
    percent-encoded, so that a name holding ``?`` or ``#`` stays in the path), ``.json``
    added (``/`` -> ``/index.json``), and the same query."""
    raw = scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) else str(scope["path"])
    path = path.split("?", 1)[0].rstrip("/") or "/index"
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    return f"{path}.json" + (f"?{query}" if query else "")


# -- errors no handler caught ----------------------------------------------------------------


class InternalErrors:
    """Answers an exception that no handler took as a 500 in the one error shape (a page,
    or JSON for the twins and the API), logged with its traceback, inside
    :class:`SecurityHeaders` so that the answer has them too. Nothing of the exception
    but its type reaches the client."""

    def __init__(self, app: ASGIApp, render: Callable[[str, str, int], tuple[bytes, str]]):
        self.app = app
        self.render = render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            log.exception("internal error answering %s %s", scope.get("method"), scope["path"])
            if started:
                raise
            body, media = self.render(scope["path"], f"internal error: {type(exc).__name__}", 500)
            headers = [
                (b"content-type", media.encode("latin-1")),
                (b"content-length", str(len(body)).encode("latin-1")),
            ]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": body})


# -- pages: one view, two routes -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageSpec(Generic[A]):
    """One page of the app and its JSON twin.

    ``args`` is a FastAPI dependency that reads the page's path and query arguments
    into one value (validated, documented in the OpenAPI document); ``view`` turns it
    into the page's data (:mod:`presswatch.web.views`), which ``template`` renders and
    the twin serves as JSON. ``name`` names the routes (``{name}_page``,
    ``{name}_json``); ``params`` gives the query parameters that the page's own links
    (pager, sort, filters) carry along.
    """

    name: str
    path: str
    twin: str
    template: str
    summary: str
    args: Callable[..., A]
    view: Callable[[A], dict[str, Any]]
    active: str = ""
    responses: dict[int | str, dict[str, Any]] | None = None
    params: Callable[[A], dict[str, Any]] = query_params


# -- the app ---------------------------------------------------------------------------------


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body; TooLarge as soon as it is known to be over ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"request body of {int(declared):,} bytes is over the limit of {limit:,}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"request body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    """An ASGI ``receive`` that hands over ``body`` (already read) once."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _validation_message(exc: RequestValidationError | ValidationError) -> str:
    parts = []
    for error in exc.errors():
        loc = error.get("loc", ())
        where = ".".join(str(p) for p in loc if p not in ("query", "path", "body"))
        parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return "; ".join(parts) or "invalid request"


def create_app(
    db: str | FilePath,
    *,
    ingest_token: str | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
    check_interval: float = CHECK_INTERVAL_S,
    warm_up: bool = False,
) -> FastAPI:
    """The web app over the store ``db`` (a file path or an SQLAlchemy URL).

    ``ingest_token`` enables ``POST /api/ingest`` for requests that carry it;
    ``settings`` give the domain pack (its propositions: the stances on the stances and
    actor pages) and the ingest settings;
    ``pipeline`` is the spaCy pipeline ingest uses (loaded on first use when not given);
    ``check_interval`` is how often (seconds) the cache looks for changes in the store;
    ``warm_up`` builds the home page, the timeline, the ledger, the stances page and the
    pages of the most mentioned actors at start-up and whenever the store changes, before
    readers are switched to the new data (see :mod:`presswatch.web.cache`), so that no
    reader waits for them. An ingest through the API is answered once the caches show it.
    Raises :class:`~presswatch.errors.StoreError` when the store cannot be opened and
    :class:`~presswatch.errors.ConfigError` for a bad domain pack.
    """
    settings = settings or load_settings()
    pack = cached_pack(settings.domain)
    others = pack.other_countries()
    store = Store.open(db)

    def warm(memo: Memo) -> None:
        """The whole-store computations of the default pages, for ``memo``."""
        # best effort: what fails here, the request that needs it computes and reports
        with contextlib.suppress(PresswatchError):
            views.timeline(store, memo=memo)
        with contextlib.suppress(PresswatchError):
            views.ledger(store, other_countries=others, memo=memo)
        with contextlib.suppress(PresswatchError):
            home = views.home(store, memo=memo)
            for actor in home["top_actors"][:WARM_ACTORS]:
                views.actor(store, actor["canonical"], pack=pack, memo=memo)
        with contextlib.suppress(PresswatchError):
            views.stances(store, pack, memo=memo)

    cache = StoreCache(store, check_interval=check_interval, warm=warm if warm_up else None)
    ingestor = Ingestor(store, settings, pipeline)
    env = environment()
    favicon = resources.files("presswatch.web").joinpath("static/favicon.svg").read_bytes()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            threading.Thread(target=cache.refresh, name="presswatch-warm-up", daemon=True).start()
        yield
        store.close()

    app = FastAPI(
        title="presswatch",
        version=__version__,
        summary="A sourced knowledge base of news articles: documents, actors, quotes, "
        "events, claims and commitments.",
        description="Every page of the web app has a JSON twin (tag `pages`): the same "
        'data the page shows. Errors come as `{"error": code, "message": text, '
        '"status": http_status}`. Paths of the server\'s files are never shown: a '
        "document's `file` is the base name of the file it was read from, or the name it "
        "was sent by through the API (`api:...`).",
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.cache = cache

    def as_json(data: Any) -> bytes:
        return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")

    def error_page(path: str, code: str, message: str, status: int) -> tuple[bytes, str]:
        """The body of an error answer on ``path``, and its media type."""
        if _wants_json(path):
            return as_json(error_body(code, message, status)), JSON_MEDIA
        page = env.get_template("error.html").render(
            status=status, code=code, message=message, active="", params={}
        )
        return page.encode("utf-8"), HTML_MEDIA

    app.add_middleware(PageCache, cache=cache)
    app.add_middleware(
        InternalErrors,
        render=lambda path, message, status: error_page(path, "internal", message, status),
    )
    app.add_middleware(SecurityHeaders)  # outermost: cached pages and errors get them too
    app.mount("/static", StaticFiles(packages=[("presswatch.web", "static")]), name="static")

    def render(
        request: Request,
        template: str,
        data: dict[str, Any],
        *,
        active: str = "",
        params: dict[str, Any] | None = None,
    ) -> bytes:
        page = env.get_template(template).render(
            **data,
            data=data,
            active=active,
            params=params or {},
            json_href=twin_href(request.scope),
        )
        return page.encode("utf-8")

    def cached(
        request: Request,
        media: str,
        build: Callable[[], bytes],
        headers: tuple[tuple[str, str], ...] = (),
    ) -> Response:
        def page() -> Page:
            return Page(build(), media, headers)

        found = cache.page(page_key(request.scope), page)
        return Response(found.body, media_type=found.media_type, headers=dict(found.headers))

    def error_response(
        request: Request,
        code: str,
        message: str,
        status: int,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        headers = dict(headers or {})
        if status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        body, media = error_page(request.url.path, code, message, status)
        return Response(body, status_code=status, media_type=media, headers=headers or None)

    @app.exception_handler(PresswatchError)
    async def presswatch_error(request: Request, exc: PresswatchError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.error("answering %s with %s: %s", request.url.path, status, exc.message)
            return error_response(request, exc.code, "the store cannot be read now", status)
        return error_response(request, exc.code, exc.message, status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, "bad-request", _validation_message(exc), 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = HTTP_CODES.get(exc.status_code, "http-error")
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, code, message, exc.status_code, exc.headers)

    # -- pages and their JSON twins -------------------------------------------------------

    def add_page(spec: PageSpec[Any]) -> None:
        """The HTML route and the JSON twin of ``spec``, both cached; only the twin is in
        the OpenAPI document."""
        Args = Annotated[Any, Depends(spec.args)]

        def twin(request: Request, args: Args) -> Response:
            return cached(request, JSON_MEDIA, lambda: as_json(spec.view(args)))

        def page(request: Request, args: Args) -> Response:
            return cached(
                request,
                HTML_MEDIA,
                lambda: render(
                    request,
                    spec.template,
                    spec.view(args),
                    active=spec.active,
                    params=spec.params(args),
                ),
            )

        app.add_api_route(
            spec.twin,
            twin,
            methods=["GET"],
            name=f"{spec.name}_json",
            tags=["pages"],
            summary=spec.summary,
            description=f"The data of the page `{spec.path.replace(':path', '')}`, as JSON.",
            responses=spec.responses,
        )
        app.add_api_route(
            spec.path, page, methods=["GET"], name=f"{spec.name}_page", include_in_schema=False
        )

    def home_view(_: NoArgs) -> dict[str, Any]:
        return views.home(store, memo=cache.memo)

    def document_view(args: DocumentArgs) -> dict[str, Any]:
        return views.document(store, args.doc_id, start=args.start, end=args.end)

    def actor_view(args: ActorArgs) -> dict[str, Any]:
        return views.actor(
            store,
            args.name,
            pack=pack,
            limit=args.limit,
            quotes_page=args.quotes_page,
            stances_page=args.stances_page,
            given_page=args.given_page,
            received_page=args.received_page,
            documents_page=args.documents_page,
            memo=cache.memo,
        )

    def timeline_view(args: TimelineArgs) -> dict[str, Any]:
        return views.timeline(store, **_fields(args), memo=cache.memo)

    def ledger_view(args: LedgerArgs) -> dict[str, Any]:
        return views.ledger(store, **_fields(args), other_countries=others, memo=cache.memo)

    def stances_view(args: StancesArgs) -> dict[str, Any]:
        return views.stances(store, pack, **_fields(args), memo=cache.memo)

    def search_view(args: SearchArgs) -> dict[str, Any]:
        return views.search(store, **_fields(args), memo=cache.memo)

    def sources_view(args: SourcesArgs) -> dict[str, Any]:
        return views.sources(store, page=args.page, limit=args.limit)

    pages: list[PageSpec[Any]] = [
        PageSpec(
            "home", "/", "/index.json", "home.html",
            "Counts, documents by month, top actors, latest documents.",
            no_args, home_view, active="/",
        ),
        PageSpec(
            "document", "/documents/{doc_id}", "/documents/{doc_id}.json", "document.html",
            "A document with its facts (marked spans) and extraction record.",
            document_args, document_view, responses=NOT_FOUND,
            params=lambda a: query_params(a, skip=("doc_id",)),
        ),
        PageSpec(
            "actor", "/actors/{name:path}", "/actors/{name:path}.json", "actor.html",
            "An actor: mentions over time, quotes, stances over time, commitments, documents "
            "(each list paged).",
            actor_args, actor_view, responses=NOT_FOUND,
            params=lambda a: query_params(a, skip=("name",)),
        ),
        PageSpec(
            "timeline", "/timeline", "/timeline.json", "timeline.html",
            "Events in date order, each once with every document that reports it.",
            timeline_args, timeline_view, active="/timeline", responses=BAD_ARGUMENTS,
        ),
        PageSpec(
            "ledger", "/ledger", "/ledger.json", "ledger.html",
            "Commitments, each once, sorted and filtered, with totals.",
            ledger_args, ledger_view, active="/ledger", responses=BAD_ARGUMENTS,
        ),
        PageSpec(
            "stances", "/stances", "/stances.json", "stances.html",
            "Per proposition of the domain pack, the holders' stances over time and their shifts.",
            stances_args, stances_view, active="/stances", responses=BAD_ARGUMENTS,
        ),
        PageSpec(
            "search", "/search", "/search.json", "search.html",
            "Full-text search with filters (dates, outlet, actor).",
            search_args, search_view, active="/search", responses=BAD_ARGUMENTS,
        ),
        PageSpec(
            "sources", "/sources", "/sources.json", "sources.html",
            "Stored documents (paged), failed inputs with the reason, runs.",
            sources_args, sources_view, active="/sources", responses=BAD_ARGUMENTS,
        ),
    ]  # fmt: skip

    # the CSV before the pages: /ledger.csv is no actor, document or page of its own
    @app.get(
        "/ledger.csv",
        tags=["pages"],
        summary="Every commitment the filters keep, as `presswatch ledger --format csv`.",
        description="Text cells that a spreadsheet would read as a formula (starting with "
        "`=`, `+`, `-`, `@`, a tab or a carriage return) start with `'`.",
        responses={200: {"content": {"text/csv": {}}}, **BAD_ARGUMENTS},
    )
    def ledger_csv(
        request: Request, args: Annotated[LedgerFilters, Depends(ledger_filters)]
    ) -> Response:
        def build() -> bytes:
            rows = views.ledger_rows(
                store, **_fields(args), other_countries=others, memo=cache.memo
            )
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(csv_row(row) for row in rows)
            return buffer.getvalue().encode("utf-8")

        disposition = ("content-disposition", 'attachment; filename="ledger.csv"')
        return cached(request, CSV_MEDIA, build, (disposition,))

    for spec in pages:
        add_page(spec)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon_ico() -> Response:
        return Response(favicon, media_type="image/svg+xml")

    # -- ingest ------------------------------------------------------------------------------

    def check_token(credentials: HTTPAuthorizationCredentials | None) -> None:
        if not ingest_token:
            raise Unauthorized(
                "ingest is off: start the server with --ingest-token TOKEN "
                "(or $PRESSWATCH_INGEST_TOKEN) to allow it"
            )
        given = credentials.credentials if credentials is not None else ""
        if not hmac.compare_digest(given.encode("utf-8"), ingest_token.encode("utf-8")):
            raise Unauthorized("missing or wrong token: send Authorization: Bearer TOKEN")

    @app.post(
        "/api/ingest",
        tags=["api"],
        summary="Ingest one article (JSON) or one file (multipart field `file`).",
        description="Answers once the pages show what was stored. Documents are recorded "
        "as read from `api:<title>` (else `api:<url>`) for an article, `api:<file name>` "
        "for a file.",
        response_model=IngestAnswer,
        responses={
            401: {"model": ErrorBody, "description": "No ingest token configured, or a wrong one"},
            413: {"model": ErrorBody, "description": "Body over the upload limit"},
            415: {"model": ErrorBody, "description": "Neither JSON nor multipart/form-data"},
            422: {"model": ErrorBody, "description": "Nothing could be ingested"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    JSON_MEDIA: {"schema": {"$ref": "#/components/schemas/Article"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {"file": {"type": "string", "format": "binary"}},
                        }
                    },
                },
            }
        },
    )
    async def api_ingest(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
    ) -> dict[str, Any]:
        check_token(credentials)
        body = await _read_body(request, max_upload_bytes)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == JSON_MEDIA:
            try:
                article = Article.model_validate_json(body)
            except ValidationError as exc:
                raise Unprocessable(_validation_message(exc), code="bad-article") from exc
            result = await run_in_threadpool(
                ingestor.article, article.model_dump(exclude_none=True)
            )
        elif media == "multipart/form-data":
            upload = Request(request.scope, _replay(body))
            async with upload.form(max_files=1, max_fields=10) as form:
                part = form.get("file")
                if not isinstance(part, UploadFile):
                    raise Unprocessable("send the file in a multipart field named 'file'")
                data = await part.read()
                filename = part.filename
            result = await run_in_threadpool(ingestor.file, filename, data)
        else:
            raise UnsupportedMediaType(
                "send an article as application/json or a file as multipart/form-data"
            )
        # answer once readers see the new data, built (see presswatch.web.cache)
        await run_in_threadpool(cache.refresh)
        if not result.ids:
            failure = result.failures[0] if result.failures else None
            raise Unprocessable(
                failure.reason if failure else "nothing to ingest",
                code=failure.code if failure else None,
            )
        return result.to_dict()

    def openapi() -> dict[str, Any]:
        """FastAPI's document, with its request-validation answers (400 here, in the
        one error shape) and the Article schema of the ingest body."""
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Article"] = Article.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                answers = operation.get("responses", {})
                if "422" in answers and "HTTPValidationError" in json.dumps(answers["422"]):
                    del answers["422"]
                    answers.setdefault(
                        "400",
                        {
                            "description": "Bad arguments",
                            "content": {
                                JSON_MEDIA: {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
                            },
                        },
                    )
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
