"""Structured, evidence-grounded records of military patrol incidents from news articles."""

__version__ = "0.1.0"
