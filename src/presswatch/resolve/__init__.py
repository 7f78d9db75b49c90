"""Entity resolution within and across documents."""
