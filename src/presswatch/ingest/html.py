"""The article in an HTML page: body text and metadata, extracted with trafilatura."""

from __future__ import annotations

import contextlib
import warnings
from typing import Any

import trafilatura

from presswatch.ingest.dates import normalise_date
from presswatch.ingest.failures import Rejected, one_line
from presswatch.ingest.names import split_names

# Only dates the page states (meta tags, <time>), not guesses from its text.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def extract_html(html: str) -> tuple[str, dict[str, Any]]:
    """The main text of ``html`` and the metadata found in it.

    The metadata dict has any of title, published (ISO), authors (list), outlet (the
    site name) and url (the canonical address). Raises Rejected("no-text") when the
    page has no article text.
    """
    with warnings.catch_warnings():
        # lxml and htmldate may warn about odd markup; a page they cannot read is
        # reported below as having no text.
        warnings.simplefilter("ignore")
        try:
            result = trafilatura.bare_extraction(
                html,
                with_metadata=True,
                include_comments=False,
                date_extraction_params=_DATE_PARAMS,
            )
        except (ValueError, TypeError, RecursionError) as exc:
            raise Rejected("no-text", f"the HTML could not be parsed: {one_line(exc)}") from None
    text = getattr(result, "text", None) if result is not None else None
    if not isinstance(text, str) or not text.strip():
        raise Rejected("no-text", "no article text found in the HTML")
    return text, _metadata(result)


def _metadata(result: Any) -> dict[str, Any]:
    """The metadata trafilatura found, in Document's field names."""
    found: dict[str, Any] = {}
    for name, attribute in (("title", "title"), ("outlet", "sitename"), ("url", "url")):
        value = getattr(result, attribute, None)
        if isinstance(value, str) and value.strip():
            found[name] = value.strip()
    author = getattr(result, "author", None)
    if isinstance(author, str) and author.strip():
        found["authors"] = split_names(author)
    date = getattr(result, "date", None)
    if isinstance(date, str):
        with contextlib.suppress(ValueError):
            found["published"] = normalise_date(date)
    return found
