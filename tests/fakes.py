"""FAKE model backends for tests: nothing here is, or pretends to be, a model's output.

``SchemaFakeBackend`` answers every request with a value of the request's answer model, made by a
provider function the test gives: a fixed minimal valid answer, or a value hypothesis generates
from the answer schema. The pipeline runs for real around it (prompts, instructor, re-asks,
assembly, salvage); no model is loaded and no request leaves the process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openai.types.chat import ChatCompletion, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice
from openai.types.completion_usage import CompletionUsage
from pydantic import BaseModel

from summarizer.extraction.drafts import ArticleAnswer

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
        rf = kwargs.get("response_format") or {}
        schema = rf.get("json_schema", {}).get("schema") or rf.get("schema") or {}
        model = ANSWER_MODELS[str(schema.get("title"))]
        content = self.provider(model).model_dump_json()
        return ChatCompletion(
            id="fake",
            object="chat.completion",
            created=0,
            model=self.model_id,
            choices=[
                Choice(
                    index=0,
                    finish_reason="stop",
                    message=ChatCompletionMessage(role="assistant", content=content),
                )
            ],
            usage=CompletionUsage(prompt_tokens=0, completion_tokens=0, total_tokens=0),
        )
