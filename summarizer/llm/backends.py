"""Model backends behind one small interface: an OpenAI-style ``create(**kwargs)`` function.

- ``embedded``: llama-cpp-python in-process with a local GGUF (no key, no server, no network).
- ``openai``: the OpenAI API (needs OPENAI_API_KEY).
- ``compatible``: any OpenAI-compatible server (vLLM, Ollama, llama.cpp's server) at a base URL.

``CallLayer`` wraps a backend with what every call needs: the response cache or recorded
responses, retries with backoff on transport errors and rate limits, and usage accounting.
Clients are created lazily, on the first call, never at import.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from openai.types.chat import ChatCompletion
from tenacity import (
    retry,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from ..errors import ConfigError, SummarizerError
from ..settings import Settings
from .store import ResponseStore, request_form, request_key

MAX_TOKENS = 1536


class Backend(Protocol):
    model_id: str

    def create(self, **kwargs: Any) -> ChatCompletion: ...


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
                from llama_cpp import Llama
            except ImportError:
                raise ConfigError(
                    "llama-cpp-python is not installed: run scripts/setup.sh (it builds it with "
                    "flags safe for this CPU), or use --backend compatible/openai"
                ) from None
            self._llm = Llama(
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


class RemoteBackend:
    """OpenAI or any OpenAI-compatible server."""

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

    def create(self, **kwargs: Any) -> ChatCompletion:
        if self._client is None:
            import openai

            self._client = openai.OpenAI(
                base_url=self._settings.base_url,
                api_key=self._settings.api_key or "not-needed",
                max_retries=0,
                timeout=600,
            )
        if self.json_mode == "json_object_schema":
            kwargs = to_json_object_schema(kwargs)
        kwargs["model"] = self._settings.model
        result: ChatCompletion = self._client.chat.completions.create(**kwargs)
        return result


def make_backend(settings: Settings) -> Backend:
    if settings.backend == "embedded":
        return EmbeddedBackend(settings)
    if settings.backend in ("openai", "compatible"):
        return RemoteBackend(settings)
    raise ConfigError(f"unknown backend '{settings.backend}': use embedded, openai or compatible")


def _transient(exc: BaseException) -> bool:
    try:
        import openai
    except ImportError:  # pragma: no cover
        return False
    return isinstance(
        exc,
        openai.APIConnectionError | openai.RateLimitError | openai.InternalServerError,
    )


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
        if self._cache is not None:
            hit = self._cache.get(key)
            if hit is not None:
                self.stats.cached += 1
                return ChatCompletion.model_validate(hit)
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

    def _call(self, kwargs: dict[str, Any]) -> ChatCompletion:
        @retry(
            retry=retry_if_exception(_transient),
            wait=wait_random_exponential(multiplier=1, max=60),
            stop=stop_after_attempt(6),
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
                    f"the model server did not answer after 6 tries: {exc}"
                ) from None
            raise
