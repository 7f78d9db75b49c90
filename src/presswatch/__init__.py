"""presswatch: a local-first engine that turns news articles into a sourced knowledge base."""

__version__ = "0.1.0"
