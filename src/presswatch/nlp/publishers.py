"""Who publishes a document: the government whose site or institution it comes from.

A government's own release, briefing or transcript speaks for that government: "we are
announcing a new package" on whitehouse.gov is the United States announcing it, and
"THE PRESIDENT:" in its transcripts is the President of the United States. The web
hosts of governments (``publishers``) and the institutions that act for a country
(``institutions``) are general knowledge in ``data/commitments.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlparse

from presswatch.data import read_data
from presswatch.models import Document


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = read_data("commitments.yaml")
    hosts = {str(k).lower(): str(v) for k, v in data["publishers"].items()}
    institutions = {str(k).lower(): str(v) for k, v in data["institutions"].items()}
    return hosts, institutions


def publisher_country(doc: Document) -> str | None:
    """The country whose government publishes ``doc``: its web host (``whitehouse.gov``
    or a subdomain), else its outlet as an institution ("White House")."""
    hosts, institutions = _tables()
    host = urlparse(doc.url or "").hostname or ""
    for suffix, country in hosts.items():
        if host == suffix or host.endswith("." + suffix):
            return country
    return institutions.get((doc.outlet or "").lower())
