"""Model backends behind one small interface: an OpenAI-style ``create(**kwargs)`` function.

- ``embedded``: llama-cpp-python in-process with a local GGUF (no key, no server, no network).
- ``openai``: the OpenAI API (needs OPENAI_API_KEY).
- ``compatible``: any OpenAI-compatible server (vLLM, Ollama, llama.cpp's server) at a base URL.

``CallLayer`` wraps a backend with what every call needs: the response cache or recorded
responses, retries with backoff on transport errors and rate limits, and usage accounting.
A remote server's faults are retried up to ``Settings.max_attempts`` times: 429 (waiting what its
Retry-After asks, within ``backoff_max``), 5xx, a dropped connection, no answer within
``Settings.timeout``, and a reply that is not a chat completion (malformed JSON, no choices).
After the last try the article fails with one line saying so; the batch goes on.
Clients are created lazily, on the first call, never at import.
"""

from __future__ import annotations

import email.utils
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from openai.types.chat import ChatCompletion
from pydantic import ValidationError
from tenacity import RetryCallState, retry, retry_if_exception, stop_after_attempt

from ..errors import ConfigError, SummarizerError
from ..settings import Settings
from .store import ResponseStore, request_form, request_key

MAX_TOKENS = 1536


class Backend(Protocol):
    model_id: str

    def create(self, **kwargs: Any) -> ChatCompletion: ...


def asked_schema(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema a request's answer must follow (instructor's response_format)."""
    rf = kwargs.get("response_format") or {}
    schema = rf.get("json_schema", {}).get("schema") or rf.get("schema") or {}
    return dict(schema)


def local_reply(content: str, model: str, reply_id: str) -> ChatCompletion:
    """A chat completion made in this process, not by a model (a test's fake, the oracle)."""
    return ChatCompletion.model_validate(
        {
            "id": reply_id,
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }
    )


def to_json_object_schema(kwargs: dict[str, Any]) -> dict[str, Any]:
    """llama-cpp-python constrains decoding only for ``{"type": "json_object", "schema": ...}``
    and silently ignores instructor's ``json_schema`` form: rewrite it."""
    rf = kwargs.get("response_format")
    if isinstance(rf, dict) and rf.get("type") == "json_schema":
        schema = rf.get("json_schema", {}).get("schema")
        kwargs = {**kwargs, "response_format": {"type": "json_object", "schema": schema}}
    return kwargs


class EmbeddedBackend:
    """llama-cpp-python in-process; one loaded model serves every call of the process."""

    def __init__(self, settings: Settings) -> None:
        from .models import resolve_gguf

        self.path, self.model_id = resolve_gguf(settings.model, settings.cache_dir)
        self.model_id = f"gguf:{self.model_id}"
        self._settings = settings
        self._llm: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._llm is None:
            try:
                from .grammar_sampler import FastGrammarLlama
            except ImportError:
                raise ConfigError(
                    "llama-cpp-python is not installed: run scripts/setup.sh (it builds it with "
                    "flags safe for this CPU), or use --backend compatible/openai"
                ) from None
            self._llm = FastGrammarLlama(
                model_path=str(self.path),
                n_ctx=self._settings.n_ctx,
                n_threads=self._settings.n_threads or os.cpu_count() or 2,
                verbose=False,
                seed=0,
            )
        return self._llm

    def create(self, **kwargs: Any) -> ChatCompletion:
        kwargs = to_json_object_schema(kwargs)
        kwargs.pop("model", None)
        with self._lock:
            llm = self._load()
            out = llm.create_chat_completion_openai_v1(**kwargs)
        return ChatCompletion.model_validate(out.model_dump())


class BadReply(Exception):
    """The server answered, but not with a usable chat completion (a transient fault: retried)."""


class RemoteBackend:
    """OpenAI or any OpenAI-compatible server. One client serves every thread."""

    def __init__(self, settings: Settings) -> None:
        if settings.backend == "openai" and not settings.api_key:
            raise ConfigError(
                "no API key for the openai backend: set OPENAI_API_KEY or pass --api-key"
            )
        if settings.backend == "compatible" and not settings.base_url:
            raise ConfigError(
                "the compatible backend needs a server: pass --base-url or set "
                "SUMMARIZER_BASE_URL, e.g. http://127.0.0.1:8000/v1"
            )
        self._settings = settings
        self.model_id = f"{settings.backend}:{settings.base_url or 'api.openai'}:{settings.model}"
        self.json_mode = os.environ.get("SUMMARIZER_JSON_MODE", "json_schema")
        self._client: Any = None
        self._lock = threading.Lock()

    def _get_client(self) -> Any:
        with self._lock:
            if self._client is None:
                import openai

                self._client = openai.OpenAI(
                    base_url=self._settings.base_url,
                    api_key=self._settings.api_key or "not-needed",
                    max_retries=0,  # CallLayer retries, with the backoff it reports
                    timeout=self._settings.timeout,
                )
            return self._client

    def create(self, **kwargs: Any) -> ChatCompletion:
        client = self._get_client()
        if self.json_mode == "json_object_schema":
            kwargs = to_json_object_schema(kwargs)
        kwargs["model"] = self._settings.model
        try:
            result: ChatCompletion = client.chat.completions.create(**kwargs)
        except (ValueError, ValidationError) as exc:  # a body that is not JSON, or not a reply
            raise BadReply(f"the reply is not a chat completion ({_first_line(exc)})") from None
        if not isinstance(result, ChatCompletion):  # the client returns a non-JSON body as str
            raise BadReply(f"the reply is not a chat completion ({str(result)[:80]!r})")
        if not result.choices:
            raise BadReply("the reply has no choices")
        return result


def make_backend(settings: Settings) -> Backend:
    if settings.backend == "embedded":
        return EmbeddedBackend(settings)
    if settings.backend in ("openai", "compatible"):
        return RemoteBackend(settings)
    raise ConfigError(f"unknown backend '{settings.backend}': use embedded, openai or compatible")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]


def _transient(exc: BaseException) -> bool:
    """Worth another try: the server may answer next time."""
    if isinstance(exc, BadReply):
        return True
    try:
        import openai
    except ImportError:  # pragma: no cover
        return False
    return isinstance(
        exc,
        openai.APIConnectionError | openai.RateLimitError | openai.InternalServerError,
    )


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked to wait (Retry-After or retry-after-ms), if it said."""
    headers = getattr(getattr(exc, "response", None), "headers", None)
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    raw = headers.get("retry-after")
    try:
        if ms is not None:
            return max(0.0, float(ms) / 1000)
        if raw is not None:
            return max(0.0, float(raw))
    except ValueError:
        when = email.utils.parsedate_to_datetime(raw) if raw else None
        if when is not None:
            return max(0.0, when.timestamp() - time.time())
    return None


@dataclass
class CallStats:
    """What one article cost: model calls, cache hits, tokens and seconds."""

    calls: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    reasks: int = 0
    attempts: list[str] = field(default_factory=list)
    retry_waits: list[float] = field(default_factory=list)  # seconds before each retry


class CallLayer:
    """Cache/replay/record, retries and accounting around a backend's ``create``, for one
    article. The backend is built on the first real call, so replaying needs no model."""

    def __init__(
        self, settings: Settings, backend_factory: Callable[[], Backend] | None = None
    ) -> None:
        self.settings = settings
        self._factory = backend_factory or (lambda: make_backend(settings))
        self.stats = CallStats()
        self._replay = ResponseStore(settings.replay_dir) if settings.replay_dir else None
        self._record = ResponseStore(settings.record_dir) if settings.record_dir else None
        self._cache = (
            ResponseStore(settings.cache_dir / "responses") if settings.use_cache else None
        )

    def _identity(self) -> str:
        """Model identity in request keys, known without loading a local model."""
        from .models import LOCAL_MODELS

        s = self.settings
        if s.backend == "embedded" and s.model in LOCAL_MODELS:
            return f"gguf:{LOCAL_MODELS[s.model].sha256}"
        return self._factory().model_id

    def create(self, **kwargs: Any) -> ChatCompletion:
        kwargs.setdefault("temperature", self.settings.temperature)
        kwargs.setdefault("max_tokens", MAX_TOKENS)
        form = request_form(self._identity(), kwargs)
        key = request_key(form)
        self.stats.attempts.append(key[:12])
        if self._replay is not None:
            self.stats.cached += 1
            return ChatCompletion.model_validate(self._replay.require(key))
        if self._record is not None and (kept := self._record.get(key)) is not None:
            # recording into a directory that holds this request already: its answer is kept,
            # so a new question is recorded beside the old ones without asking them again
            self.stats.cached += 1
            return ChatCompletion.model_validate(kept)
        if self._cache is not None:
            hit = self._cache.get(key)
            try:
                cached = None if hit is None else ChatCompletion.model_validate(hit)
            except ValidationError:  # not a reply any more: ask again and overwrite it
                cached = None
            if cached is not None:
                self.stats.cached += 1
                return cached
        t0 = time.perf_counter()
        result = self._call(kwargs)
        self.stats.seconds += time.perf_counter() - t0
        self.stats.calls += 1
        if result.usage is not None:
            self.stats.prompt_tokens += result.usage.prompt_tokens
            self.stats.completion_tokens += result.usage.completion_tokens
        dumped = result.model_dump(mode="json")
        dumped["model"] = self.settings.model  # not the local file path
        for store in (self._cache, self._record):
            if store is not None:
                store.put(key, form, dumped)
        return result

    def _wait(self, state: RetryCallState) -> float:
        """The server's Retry-After when it gives one, else a doubling backoff with jitter;
        never more than ``backoff_max``."""
        s = self.settings
        asked = retry_after(state.outcome.exception() if state.outcome else None)
        if asked is None:
            asked = s.backoff * 2 ** (state.attempt_number - 1) * random.uniform(0.5, 1.0)
        return min(asked, s.backoff_max)

    def _before_sleep(self, state: RetryCallState) -> None:
        self.stats.retry_waits.append(state.next_action.sleep if state.next_action else 0.0)

    def _call(self, kwargs: dict[str, Any]) -> ChatCompletion:
        tries = self.settings.max_attempts

        @retry(
            retry=retry_if_exception(_transient),
            wait=self._wait,
            before_sleep=self._before_sleep,
            stop=stop_after_attempt(tries),
            reraise=True,
        )
        def once() -> ChatCompletion:
            return self._factory().create(**kwargs)

        try:
            return once()
        except SummarizerError:
            raise
        except Exception as exc:
            if _transient(exc):
                raise SummarizerError(
                    f"the model server did not answer after {tries} tries "
                    f"({type(exc).__name__}: {_first_line(exc)}); check that it is up, or raise "
                    "SUMMARIZER_TIMEOUT / SUMMARIZER_ATTEMPTS"
                ) from None
            raise
