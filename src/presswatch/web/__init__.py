"""The web app and JSON API (``presswatch serve``): server-rendered pages, each with a
JSON twin, over the store. Build it with :func:`create_app`."""

from presswatch.web.app import create_app

__all__ = ["create_app"]
