"""Structured, evidence-grounded records of military patrol incidents from news articles.

import summarizer
record = summarizer.summarize_text(text)            # one article -> ArticleRecord
results = summarizer.summarize_files(["articles/"])  # iterator of Result, errors as values
d = summarizer.digest([r.record for r in results if r.record])
report = summarizer.evaluate("out.jsonl", gold="evals/gold", articles="seeds")
"""

from .api import digest, evaluate, summarize_files, summarize_text
from .errors import ConfigError, InputError, ModelOutputError, SummarizerError
from .extraction.extract import Result
from .schema import ArticleRecord, CasualtyClaim, PatrolIncident
from .settings import Settings

__version__ = "0.1.0"
__all__ = [
    "ArticleRecord",
    "CasualtyClaim",
    "ConfigError",
    "InputError",
    "ModelOutputError",
    "PatrolIncident",
    "Result",
    "Settings",
    "SummarizerError",
    "__version__",
    "digest",
    "evaluate",
    "summarize_files",
    "summarize_text",
]
