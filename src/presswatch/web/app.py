"""The web app and JSON API: a thin FastAPI edge over :mod:`presswatch.web.views`.

Every page is served twice from one view: as HTML (``/timeline``) and as its JSON twin
(``/timeline.json``); the ledger also as CSV (``/ledger.csv``, the columns of
``presswatch ledger --format csv``). Routes only parse arguments, call a view, render
the result and turn errors into statuses (:mod:`presswatch.web.errors`): the JSON twins
answer errors as ``{"error": {"code", "message", "status"}}``, pages as an HTML page.

The app reads; the one write is ``POST /api/ingest``, refused (401) unless a token was
given at start-up and the request carries it as ``Authorization: Bearer TOKEN``.
Request bodies over ``max_upload_bytes`` are refused (413) before they are read whole.

Pages are cached (:mod:`presswatch.web.cache`) until the store changes. Pages are
rendered with Jinja2 with autoescaping on; document text is marked up by
:mod:`presswatch.web.highlight`, which escapes every slice. No page loads anything from
another origin (the Content-Security-Policy says so), so the app works offline.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import jinja2
from fastapi import Depends, FastAPI, Query, Request
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
from presswatch.analysis.ledger import CSV_COLUMNS, csv_row
from presswatch.domain import cached_pack
from presswatch.errors import PresswatchError
from presswatch.pipeline import Pipeline
from presswatch.settings import Settings, load_settings
from presswatch.store import Store
from presswatch.web import views
from presswatch.web.cache import CHECK_INTERVAL_S, StoreCache
from presswatch.web.charts import bar_chart
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

#: Default most bytes ``POST /api/ingest`` reads.
MAX_UPLOAD_BYTES = 5_000_000
#: Most rows one page may ask for (``limit``).
MAX_LIMIT = 10_000

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
)

NAV: tuple[tuple[str, str], ...] = (
    ("/", "Home"),
    ("/search", "Search"),
    ("/timeline", "Timeline"),
    ("/ledger", "Ledger"),
    ("/stances", "Stances"),
    ("/sources", "Sources"),
)


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
    path: str
    line: int | None
    code: str
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

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad arguments"},
    404: {"model": ErrorBody, "description": "Not found"},
}


# -- query arguments, shared by each page and its JSON twin ---------------------------------

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many rows.")]
PageNo = Annotated[int, Query(ge=1, description="Page number (from 1).")]
FromDate = Annotated[
    str | None, Query(alias="from", description="On or after DATE (2022, 2022-04, 2022-04-24).")
]
ToDate = Annotated[str | None, Query(alias="to", description="On or before DATE.")]
Offset = Annotated[
    int | None, Query(ge=0, description="Highlight the sentence of this offset range.")
]
SourcesLimit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Documents per page.")]


@dataclass(frozen=True, slots=True)
class TimelineArgs:
    actor: str | None
    from_: str | None
    to: str | None
    undated: bool
    limit: int
    page: int


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


@dataclass(frozen=True, slots=True)
class LedgerArgs:
    donor: str | None
    recipient: str | None
    from_: str | None
    to: str | None
    sort: str
    order: views.Order
    by: str


LedgerSort = Literal[
    "date", "donor", "recipient", "item", "quantity", "value_usd", "status", "sources"
]


def ledger_args(
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
    by: Annotated[
        Literal["donor", "month", "item"], Query(description="Totals by donor, month or item.")
    ] = "donor",
) -> LedgerArgs:
    return LedgerArgs(donor, recipient, from_, to, sort, order, by)


@dataclass(frozen=True, slots=True)
class SearchArgs:
    q: str
    from_: str | None
    to: str | None
    outlet: str | None
    actor: str | None
    limit: int


def search_args(
    q: Annotated[str, Query(description='Words to find; "quoted phrase" and prefix* work.')] = "",
    from_: Annotated[
        str | None, Query(alias="from", description="Published on or after DATE.")
    ] = None,
    to: Annotated[str | None, Query(alias="to", description="Published on or before DATE.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet name contains this.")] = None,
    actor: Annotated[str | None, Query(description="Documents mentioning this actor.")] = None,
    limit: Annotated[
        int, Query(ge=1, le=views.SEARCH_SCAN, description="At most this many hits.")
    ] = (views.SEARCH_LIMIT),
) -> SearchArgs:
    return SearchArgs(q, from_, to, outlet, actor, limit)


def _params(args: TimelineArgs | LedgerArgs | SearchArgs) -> dict[str, Any]:
    """Arguments as the query parameters they came from (``from_`` -> ``from``)."""
    out = asdict(args)
    if "from_" in out:
        out["from"] = out.pop("from_")
    return {k: v for k, v in out.items() if v not in (None, "")}


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
        bar_chart=bar_chart,
        chart_points=chart_points,
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


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith((".json", ".csv")) or path.startswith("/api/")


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
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body"))
        parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return "; ".join(parts) or "invalid request"


def create_app(
    db: str | Path,
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
    ``settings`` give the domain pack (stances page) and the ingest settings;
    ``pipeline`` is the spaCy pipeline ingest uses (loaded on first use when not given);
    ``check_interval`` is how often (seconds) the cache looks for changes in the store;
    ``warm_up`` builds the timeline and the ledger in the background at start-up and
    after each ingest, so that their first request does not wait for them.
    Raises :class:`~presswatch.errors.StoreError` when the store cannot be opened and
    :class:`~presswatch.errors.ConfigError` for a bad domain pack.
    """
    settings = settings or load_settings()
    pack = cached_pack(settings.domain)
    store = Store.open(db)
    cache = StoreCache(store, check_interval=check_interval)
    ingestor = Ingestor(store, settings, pipeline)
    env = environment()
    favicon = resources.files("presswatch.web").joinpath("static/favicon.svg").read_bytes()

    def warm() -> None:
        """Fill the cache with the whole-store computations of the default pages."""
        try:
            views.home(store, memo=cache.memo)
            views.timeline(store, memo=cache.memo)
            views.ledger(store, memo=cache.memo)
        except PresswatchError:
            pass  # best effort: the request that needs it computes it and reports the error

    def start_warming() -> None:
        if warm_up:
            threading.Thread(target=warm, name="presswatch-warm-up", daemon=True).start()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        start_warming()
        yield
        store.close()

    app = FastAPI(
        title="presswatch",
        version=__version__,
        summary="A sourced knowledge base of news articles: documents, actors, quotes, "
        "events, claims and commitments.",
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.cache = cache
    app.add_middleware(PageCache, cache=cache)
    app.add_middleware(SecurityHeaders)  # outermost: cached pages get the headers too
    app.mount("/static", StaticFiles(packages=[("presswatch.web", "static")]), name="static")

    def render(
        request: Request,
        template: str,
        data: dict[str, Any],
        *,
        active: str = "",
        params: dict[str, Any] | None = None,
    ) -> bytes:
        path = request.url.path.rstrip("/") or "/index"
        query = f"?{request.url.query}" if request.url.query else ""
        page = env.get_template(template).render(
            **data,
            data=data,
            active=active,
            params=params or {},
            json_href=f"{path}.json{query}",
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

    def as_json(data: Any) -> bytes:
        return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")

    def error_response(request: Request, code: str, message: str, status: int) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if _wants_json(request):
            return Response(
                as_json(error_body(code, message, status)),
                status_code=status,
                media_type=JSON_MEDIA,
                headers=headers,
            )
        page = env.get_template("error.html").render(
            status=status, code=code, message=message, active="", params={}
        )
        return Response(page, status_code=status, media_type=HTML_MEDIA, headers=headers)

    @app.exception_handler(PresswatchError)
    async def presswatch_error(request: Request, exc: PresswatchError) -> Response:
        return error_response(request, exc.code, exc.message, status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, "bad-request", _validation_message(exc), 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, code, message, exc.status_code)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        return error_response(request, "internal", f"internal error: {type(exc).__name__}", 500)

    # -- home --------------------------------------------------------------------------------

    def home_data() -> dict[str, Any]:
        return views.home(store, memo=cache.memo)

    @app.get("/index.json", tags=["pages"], summary="Counts, top actors, recent documents.")
    def home_json(request: Request) -> Response:
        return cached(request, JSON_MEDIA, lambda: as_json(home_data()))

    @app.get("/", include_in_schema=False)
    def home_page(request: Request) -> Response:
        return cached(
            request,
            HTML_MEDIA,
            lambda: render(request, "home.html", home_data(), active="/", params={}),
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon_ico() -> Response:
        return Response(favicon, media_type="image/svg+xml")

    # -- documents ---------------------------------------------------------------------------

    @app.get(
        "/documents/{doc_id}.json",
        tags=["pages"],
        summary="A document with its facts (marked spans) and extraction record.",
        responses=ERROR_RESPONSES,
    )
    def document_json(
        request: Request, doc_id: str, start: Offset = None, end: Offset = None
    ) -> Response:
        return cached(
            request,
            JSON_MEDIA,
            lambda: as_json(views.document(store, doc_id, start=start, end=end)),
        )

    @app.get("/documents/{doc_id}", include_in_schema=False)
    def document_page(
        request: Request, doc_id: str, start: Offset = None, end: Offset = None
    ) -> Response:
        def build() -> bytes:
            data = views.document(store, doc_id, start=start, end=end)
            return render(request, "document.html", data, active="", params={})

        return cached(request, HTML_MEDIA, build)

    # -- actors ------------------------------------------------------------------------------

    @app.get(
        "/actors/{name:path}.json",
        tags=["pages"],
        summary="An actor: mentions over time, quotes, commitments, documents.",
        responses=ERROR_RESPONSES,
    )
    def actor_json(request: Request, name: str, limit: Limit = views.DEFAULT_LIMIT) -> Response:
        return cached(
            request,
            JSON_MEDIA,
            lambda: as_json(views.actor(store, name, limit=limit, memo=cache.memo)),
        )

    @app.get("/actors/{name:path}", include_in_schema=False)
    def actor_page(request: Request, name: str, limit: Limit = views.DEFAULT_LIMIT) -> Response:
        def build() -> bytes:
            data = views.actor(store, name, limit=limit, memo=cache.memo)
            return render(request, "actor.html", data, active="", params={"limit": limit})

        return cached(request, HTML_MEDIA, build)

    # -- timeline ----------------------------------------------------------------------------

    def timeline_data(args: TimelineArgs) -> dict[str, Any]:
        return views.timeline(store, **asdict(args), memo=cache.memo)

    @app.get(
        "/timeline.json",
        tags=["pages"],
        summary="Events in date order, each once with every document that reports it.",
        responses=ERROR_RESPONSES,
    )
    def timeline_json(
        request: Request, args: Annotated[TimelineArgs, Depends(timeline_args)]
    ) -> Response:
        return cached(request, JSON_MEDIA, lambda: as_json(timeline_data(args)))

    @app.get("/timeline", include_in_schema=False)
    def timeline_page(
        request: Request, args: Annotated[TimelineArgs, Depends(timeline_args)]
    ) -> Response:
        return cached(
            request,
            HTML_MEDIA,
            lambda: render(
                request,
                "timeline.html",
                timeline_data(args),
                active="/timeline",
                params=_params(args),
            ),
        )

    # -- ledger ------------------------------------------------------------------------------

    def ledger_data(args: LedgerArgs, limit: int, page: int) -> dict[str, Any]:
        return views.ledger(store, **asdict(args), limit=limit, page=page, memo=cache.memo)

    @app.get(
        "/ledger.json",
        tags=["pages"],
        summary="Commitments, each once, sorted and filtered, with totals.",
        responses=ERROR_RESPONSES,
    )
    def ledger_json(
        request: Request,
        args: Annotated[LedgerArgs, Depends(ledger_args)],
        limit: Limit = views.DEFAULT_LIMIT,
        page: PageNo = 1,
    ) -> Response:
        return cached(request, JSON_MEDIA, lambda: as_json(ledger_data(args, limit, page)))

    @app.get(
        "/ledger.csv",
        tags=["pages"],
        summary="Every commitment the filters keep, as `presswatch ledger --format csv`.",
        responses={200: {"content": {"text/csv": {}}}, **ERROR_RESPONSES},
    )
    def ledger_csv(request: Request, args: Annotated[LedgerArgs, Depends(ledger_args)]) -> Response:
        def build() -> bytes:
            rows = views.ledger_rows(
                store,
                donor=args.donor,
                recipient=args.recipient,
                from_=args.from_,
                to=args.to,
                sort=args.sort,
                order=args.order,
                memo=cache.memo,
            )
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(csv_row(row) for row in rows)
            return buffer.getvalue().encode("utf-8")

        disposition = ("content-disposition", 'attachment; filename="ledger.csv"')
        return cached(request, CSV_MEDIA, build, (disposition,))

    @app.get("/ledger", include_in_schema=False)
    def ledger_page(
        request: Request,
        args: Annotated[LedgerArgs, Depends(ledger_args)],
        limit: Limit = views.DEFAULT_LIMIT,
        page: PageNo = 1,
    ) -> Response:
        params = {**_params(args), "limit": limit if limit != views.DEFAULT_LIMIT else None}
        return cached(
            request,
            HTML_MEDIA,
            lambda: render(
                request,
                "ledger.html",
                ledger_data(args, limit, page),
                active="/ledger",
                params=params,
            ),
        )

    # -- stances -----------------------------------------------------------------------------

    @app.get(
        "/stances.json",
        tags=["pages"],
        summary="Propositions of the domain pack and actors' stances on them (none yet).",
    )
    def stances_json() -> Response:
        return Response(as_json(views.stances(pack)), media_type=JSON_MEDIA)

    @app.get("/stances", include_in_schema=False)
    def stances_page(request: Request) -> Response:
        page = render(request, "stances.html", views.stances(pack), active="/stances", params={})
        return Response(page, media_type=HTML_MEDIA)

    # -- search ------------------------------------------------------------------------------

    def search_data(args: SearchArgs) -> dict[str, Any]:
        return views.search(store, **asdict(args), memo=cache.memo)

    @app.get(
        "/search.json",
        tags=["pages"],
        summary="Full-text search with filters (dates, outlet, actor).",
        responses=ERROR_RESPONSES,
    )
    def search_json(
        request: Request, args: Annotated[SearchArgs, Depends(search_args)]
    ) -> Response:
        return cached(request, JSON_MEDIA, lambda: as_json(search_data(args)))

    @app.get("/search", include_in_schema=False)
    def search_page(
        request: Request, args: Annotated[SearchArgs, Depends(search_args)]
    ) -> Response:
        return cached(
            request,
            HTML_MEDIA,
            lambda: render(
                request, "search.html", search_data(args), active="/search", params=_params(args)
            ),
        )

    # -- sources -----------------------------------------------------------------------------

    @app.get(
        "/sources.json",
        tags=["pages"],
        summary="Stored documents (paged), failed inputs with the reason, runs.",
        responses=ERROR_RESPONSES,
    )
    def sources_json(
        request: Request, page: PageNo = 1, limit: SourcesLimit = views.SOURCES_LIMIT
    ) -> Response:
        return cached(
            request, JSON_MEDIA, lambda: as_json(views.sources(store, page=page, limit=limit))
        )

    @app.get("/sources", include_in_schema=False)
    def sources_page(
        request: Request, page: PageNo = 1, limit: SourcesLimit = views.SOURCES_LIMIT
    ) -> Response:
        params = {"limit": limit if limit != views.SOURCES_LIMIT else None}
        return cached(
            request,
            HTML_MEDIA,
            lambda: render(
                request,
                "sources.html",
                views.sources(store, page=page, limit=limit),
                active="/sources",
                params=params,
            ),
        )

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
        cache.invalidate()
        if result.counts.get("stored"):
            start_warming()
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
