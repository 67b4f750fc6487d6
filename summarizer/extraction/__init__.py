"""Extraction: from an article's text to a validated, grounded ArticleRecord.

Rules propose and check; the model reads every article."""
