"""Analyses over the store: views that combine facts from many documents."""
