"""FAKE model backends for tests: nothing here is, or pretends to be, a model's output.

``SchemaFakeBackend`` answers every request with a value of the request's answer model, made by a
provider function the test gives: a fixed minimal valid answer, or a value hypothesis generates
from the answer schema. The pipeline runs for real around it (prompts, instructor, re-asks,
assembly, salvage); no model is loaded and no request leaves the process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import BaseModel

from summarizer.extraction.drafts import ArticleAnswer
from summarizer.llm.backends import asked_schema, local_reply

ANSWER_MODELS: dict[str, type[BaseModel]] = {m.__name__: m for m in (ArticleAnswer,)}
Provider = Callable[[type[BaseModel]], BaseModel]


def minimal_answer(model: type[BaseModel]) -> BaseModel:
    """The smallest valid answer: no event (the rules' events still stand)."""
    return ArticleAnswer(events=[])


class SchemaFakeBackend:
    """FAKE backend (tests only): answers with ``provider(answer model of the request)``."""

    model_id = "fake:schema"

    def __init__(self, provider: Provider = minimal_answer) -> None:
        self.provider = provider
        self.requests = 0

    def create(self, **kwargs: Any) -> ChatCompletion:
        self.requests += 1
        model = ANSWER_MODELS[str(asked_schema(kwargs).get("title"))]
        return local_reply(self.provider(model).model_dump_json(), self.model_id, "fake")
