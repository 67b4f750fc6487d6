"""One article in, one grounded ArticleRecord out, through small focused questions.

1. Rules find the events, their sentences, type, outcome and role (``evidence.py``).
2. CLAIMS: one question per sentence of an event that speaks of killed or injured people.
3. EVENT: one question per event: place, vehicles damaged, blame, what followed.
4. Deterministic assembly, grounding and validation (``assemble.py``).

Every question shares the same prefix (rules, worked example, article), so a local model computes
the article once; answers are constrained to a JSON schema and checked against the article, and a
failed check is re-asked with its reasons (``max_reasks`` times) before the answer is salvaged.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

import instructor
from instructor.core.exceptions import InstructorRetryException
from pydantic import BaseModel, ValidationError

from ..errors import InputError, ModelOutputError, SummarizerError
from ..llm import prompts
from ..llm.backends import Backend, CallLayer, CallStats, make_backend
from ..reading.text import Article
from ..schema import ArticleRecord, DropKind, DroppedFact
from ..settings import Settings
from .assemble import assemble, dating
from .drafts import ArticleAnswer, FullArticleAnswer
from .evidence import find_events, programme_statements
from .proposals import reconcile
from .segment import split
from .trusted import assemble_full

CHARS_PER_TOKEN = 3.5  # conservative for English news text with Qwen's tokenizer
M = TypeVar("M", bound=BaseModel)


# The longest answer the compact schema needs (five events with claims is about 400 tokens); a
# model that starts repeating itself is cut here instead of at the context's end.
ANSWER_TOKENS = 640
# The full question's answer holds every field of every event.
FULL_ANSWER_TOKENS = 4096
# Each question's rules and worked example.
SYSTEM_PROMPTS = {"task_events": "extract_system", "task_record": "record_system"}


class Status(StrEnum):
    """What became of an article: a full record, a record with values dropped by validation,
    a record without incidents (programme statements at most), or an error."""

    ok = "ok"
    partial = "partial"
    no_incident = "no_incident"
    error = "error"


@dataclass
class Result:
    """The outcome for one article: a record, or an error message; never both missing."""

    article_id: str
    record: ArticleRecord | None = None
    error: str | None = None
    stats: CallStats = field(default_factory=CallStats)
    seconds: float = 0.0

    @property
    def status(self) -> Status:
        rec = self.record
        if rec is None or self.error is not None:
            return Status.error
        if not rec.incidents:  # programme statements are not incidents
            return Status.no_incident
        if any(d.kind == DropKind.invalid for d in rec.dropped):
            return Status.partial
        return Status.ok

    @property
    def decided_by(self) -> str | None:
        """For a record without patrol events: 'model' when the model read the article, 'rule'
        when the rules decided before any model call."""
        if self.status != Status.no_incident:
            return None
        return "model" if self.stats.calls + self.stats.cached > 0 else "rule"

    def status_text(self) -> str:
        """'ok', 'partial', 'no incident (model)', 'no incident (rule)' or 'error'."""
        if self.status == Status.no_incident:
            return f"no incident ({self.decided_by})"
        return self.status.value

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article_id": self.article_id, "status": self.status.value}
        if self.decided_by is not None:
            out["decided_by"] = self.decided_by
        if self.record is not None:
            out["record"] = self.record.model_dump(mode="json")
        if self.error is not None:
            out["error"] = self.error
        out["usage"] = {
            "model_calls": self.stats.calls,
            "cached_calls": self.stats.cached,
            "attempts": len(self.stats.attempts),
            "reasks": self.stats.reasks,
            "prompt_tokens": self.stats.prompt_tokens,
            "completion_tokens": self.stats.completion_tokens,
            "seconds": round(self.seconds, 2),
        }
        return out


def build_messages(article: Article, task: str, **values: str) -> list[dict[str, str]]:
    """Rules and worked example, then the article and one question. Everything before the
    question is the same for every question about an article, and everything before the article
    is the same for every article: a local model reuses that computed prefix."""
    text = prompts.render("article", article=article.numbered())
    question = prompts.render(task, **values)
    return [
        {"role": "system", "content": prompts.load(SYSTEM_PROMPTS[task])},
        {"role": "user", "content": f"{text}\n\n{question}"},
    ]


class Extractor:
    """Extracts records with one backend, loaded once and shared by every article."""

    def __init__(self, settings: Settings, backend: Backend | None = None) -> None:
        self.settings = settings
        self._backend = backend

    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = make_backend(self.settings)
        return self._backend

    def _check_length(self, article: Article) -> None:
        if not article.sentences:
            raise InputError(f"{article.article_id}: no article text left after cleaning")
        chars = sum(len(m["content"]) for m in build_messages(article, "task_events"))
        budget = self.settings.n_ctx - 1600
        est = int(chars / CHARS_PER_TOKEN)
        if self.settings.backend == "embedded" and est > budget:
            raise InputError(
                f"{article.article_id}: about {est:,} tokens with the prompt, more than the "
                f"{budget:,} the embedded model's context allows; split the article"
            )

    def extract(self, article: Article) -> Result:
        t0 = time.perf_counter()
        layer = CallLayer(self.settings, backend_factory=self.backend)
        result = Result(article_id=article.article_id, stats=layer.stats)
        try:
            self._check_length(article)
            result.record = self._extract(article, layer)
        except SummarizerError as exc:
            result.error = str(exc)
        except ValidationError as exc:  # salvage validates the record; this is a last guard
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "the record"
            result.error = f"{article.article_id}: record invalid at {where}: {first['msg']}"
        result.seconds = time.perf_counter() - t0
        return result

    def _extract(self, article: Article, layer: CallLayer) -> ArticleRecord:
        """One question per article: the model reads every article and lists its events; the
        rules' events and the model's are reconciled, then assembled and grounded."""
        dropped: list[DroppedFact] = []
        if self.settings.trust_model:
            full = self.ask(layer, article, FullArticleAnswer, "task_record", {})
            return assemble_full(article, full, dropped)
        answer = self.ask(layer, article, ArticleAnswer, "task_events", {})
        facts = reconcile(article, find_events(article), answer, dropped)
        _, anchor = dating(article)
        split(article, facts, anchor.as_date() if anchor else None)
        return assemble(article, facts, programme_statements(article), dropped)

    def ask(
        self,
        layer: CallLayer,
        article: Article,
        model: type[M],
        task: str,
        values: dict[str, str],
    ) -> M:
        """One question; re-asked with the reasons when the answer does not fit the schema, then
        salvaged (structure only; assembly drops what cannot be grounded)."""

        def create(**kwargs: Any) -> Any:
            kwargs.setdefault(
                "max_tokens", FULL_ANSWER_TOKENS if model is FullArticleAnswer else ANSWER_TOKENS
            )
            return layer.create(**_without_schema_dump(kwargs))

        patched = instructor.patch(create=create, mode=instructor.Mode.JSON_SCHEMA)
        messages = build_messages(article, task, **values)
        last: Any = None
        for attempt in range(1 + self.settings.max_reasks):
            try:
                answer: M = patched(
                    messages=list(messages),
                    response_model=model,
                    max_retries=1,
                )
                return answer
            except InstructorRetryException as exc:
                _release_frames(exc)
                _reraise_own(exc)
                last = exc
                content = _last_content(exc)
                if content is None or attempt == self.settings.max_reasks:
                    break
                messages += [
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": reask_text(exc)},
                ]
                layer.stats.reasks += 1
        try:
            return model.model_validate(json.loads(_last_content(last) or ""))
        except (ValueError, TypeError) as inner:
            raise ModelOutputError(
                f"{article.article_id}: the model gave no usable answer to {task} after "
                f"{1 + self.settings.max_reasks} attempts ({str(inner).splitlines()[0][:120]})"
            ) from None


def _release_frames(exc: BaseException) -> None:
    """Cut the tracebacks of the errors a failed answer's validators raised. pydantic keeps each
    such error inside its ValidationError, and the error's traceback reaches, through the
    caller frames, back to that ValidationError: a cycle the garbage collector cannot see
    (pydantic-core's ValidationError does not take part in it), so every re-ask would keep its
    frames, messages and replies for the life of the process."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        e = todo.pop()
        if not isinstance(e, BaseException) or id(e) in seen:
            continue
        seen.add(id(e))
        e.__traceback__ = None
        todo += [e.__cause__, e.__context__]
        todo += [a.exception for a in getattr(e, "failed_attempts", None) or []]
        if isinstance(e, ValidationError):
            todo += [d.get("ctx", {}).get("error") for d in e.errors()]


def _reraise_own(exc: BaseException) -> None:
    """instructor wraps every error of a call; the tool's own (a missing recording, a server
    that does not answer) must reach the user as they are."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, SummarizerError):
            raise seen
        for attempt in getattr(seen, "failed_attempts", None) or []:
            if isinstance(attempt.exception, SummarizerError):
                raise attempt.exception
        seen = seen.__cause__ or seen.__context__


def _last_content(exc: Any) -> str | None:
    attempts = getattr(exc, "failed_attempts", None) or []
    completion = attempts[-1].completion if attempts else None
    try:
        content = completion.choices[0].message.content  # type: ignore[union-attr]
    except (AttributeError, IndexError):
        return None
    return content if isinstance(content, str) else None


def reask_text(exc: Any) -> str:
    """The validation errors as short lines the model can act on."""
    cause: Any = exc
    while cause is not None and not isinstance(cause, ValidationError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, ValidationError):
        lines = [
            f"- {'.'.join(str(p) for p in e['loc']) or 'answer'}: "
            f"{e['msg'].removeprefix('Value error, ')}"
            for e in cause.errors()[:8]
        ]
    else:
        lines = [f"- {str(exc).strip().splitlines()[-1][:300]}"]
    return "Your JSON has these errors. Answer again with the whole corrected JSON:\n" + "\n".join(
        lines
    )


def _without_schema_dump(kwargs: dict[str, Any]) -> dict[str, Any]:
    """instructor appends the whole JSON schema, indented, to the system message (thousands of
    tokens). The schema already travels in ``response_format`` and constrains decoding, and the
    system prompt explains the fields, so the copy is cut."""
    messages = [dict(m) for m in kwargs.get("messages", [])]
    if messages and messages[0].get("role") == "system":
        content = str(messages[0]["content"])
        cut = content.find("As a genius expert")
        if cut >= 0:
            messages[0]["content"] = content[:cut].rstrip()
    return {**kwargs, "messages": messages}
