"""Corpus folder: adding article files to it and taking them out, so a reader never sees half.

The corpus folder is read by every process that opens the index (the web app,
the CLI) and may be read while a file is being added, so:

- a new file is written under a hidden temporary name (hidden files are not
  articles) and then given its name with a hard link, which fails rather than
  replace a file that appeared meanwhile: nothing is ever overwritten;
- a file being removed is first renamed to a hidden name, so the next load no
  longer sees it, and only deleted once the index no longer holds it; should
  indexing fail, it is renamed back.

A crash between two steps leaves at worst a hidden file behind, which no load
reads.

It does not check what it writes (`uploads.py` does) or index anything.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from index.errors import CorpusError, CorpusNotFound
from index.uploads import Refused, Staged

__all__ = ["CorpusFolder", "CannotRemove"]

# Hard links are not supported everywhere (some FUSE and network file systems, FAT).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


class CannotRemove(CorpusError):
    """An article that cannot be taken out of the corpus; the message says why and what to do."""


class CorpusFolder:
    """The folder of articles as uploads and removals change it.

    Example: written, refused = CorpusFolder(Path("corpus")).write(checked.accepted)
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def write(self, staged: Sequence[Staged]) -> tuple[list[Path], list[Refused]]:
        """Write each accepted file under its name; a name taken meanwhile is refused, not replaced.

        Returns the paths written and the files refused because their name was taken.
        On an error (a full disk), the files written so far are removed and it is raised.
        """
        if not self.root.is_dir():
            raise CorpusNotFound(self.root)
        written: list[Path] = []
        refused: list[Refused] = []
        try:
            for item in staged:
                target = self.root / item.name
                if _create(target, item.data):
                    written.append(target)
                else:
                    refused.append(
                        Refused(
                            item.name,
                            f"a file named {item.name} appeared in the corpus folder "
                            "meanwhile: rename the file and add it again",
                        )
                    )
        except BaseException:
            self.discard(written)
            raise
        return written, refused

    def discard(self, paths: Sequence[Path]) -> None:
        """Delete files this folder wrote (when indexing them failed)."""
        for path in paths:
            with contextlib.suppress(OSError):
                path.unlink()

    @contextmanager
    def withdrawn(self, rel: str) -> Iterator[Path | None]:
        """Hide the article file at `rel` for the block; delete it if the block succeeds,
        put it back if it raises. Yields the hidden path (None when the file was gone already).

        Example: with folder.withdrawn("bridge.html"): catalog = Catalog.open(settings)
        """
        target = self._inside(rel)
        hidden = target.with_name(f".removing-{secrets.token_hex(4)}-{target.name}")
        try:
            os.replace(target, hidden)
        except FileNotFoundError:
            yield None  # removed by hand already: only the index is left to update
            return
        except OSError as error:
            raise CannotRemove(
                f"Cannot remove '{rel}' from '{self.root}' ({error.strerror or error}): "
                "check that the corpus folder is writable."
            ) from None
        try:
            yield hidden
        except BaseException:
            os.replace(hidden, target)
            raise
        with contextlib.suppress(FileNotFoundError):
            hidden.unlink()

    def _inside(self, rel: str) -> Path:
        """The path of `rel` in the folder; CannotRemove for a path that leaves it.

        Symbolic links are not followed: removing a linked article removes the link.
        """
        parts = PurePosixPath(rel).parts
        if not rel or PurePosixPath(rel).is_absolute() or any(p in ("..", ".", "") for p in parts):
            raise CannotRemove(
                f"'{rel}' is not a path inside the corpus folder '{self.root}': "
                "remove articles by their id, as Assistant.articles lists them."
            )
        return self.root.joinpath(*parts)


def _create(target: Path, data: bytes) -> bool:
    """Write `data` at `target` whole, or not at all; False when `target` exists already."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, target)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
            # No hard links here: check, then rename. Only a writer racing us between the two
            # steps could be overwritten, and uploads into one folder take turns (Assistant.add).
            if target.exists() or target.is_symlink():
                return False
            os.replace(tmp, target)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
