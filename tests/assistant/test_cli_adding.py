"""`python -m assistant add FILE...` and `remove ARTICLE_ID`: the upload's checks, from a terminal."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.index.pdf_files import LIBRARY, TRANSIT, write_pdf
from tests.index.test_uploads import ELF, SAVED_PAGE

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_cli__add_and_remove_exit_with_what_happened(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bridge-closure.html").write_bytes(SAVED_PAGE)
    (inbox / "transit-plan.pdf").write_bytes(write_pdf(TRANSIT))
    (inbox / "library.pdf").write_bytes(write_pdf(LIBRARY))
    (inbox / "fake.pdf").write_bytes(ELF)
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "index")]

    everything = _cli("add", str(inbox / "bridge-closure.html"), str(inbox / "transit-plan.pdf"), *where)
    assert everything.returncode == 0, everything.stderr
    assert everything.stdout.splitlines() == [
        "added bridge-closure.html as bridge-closure: Willow Creek bridge to close for six months of repairs",
        "added transit-plan.pdf as transit-plan: Council approves ten-year transit plan",
    ]

    some = _cli("add", str(inbox / "library.pdf"), str(inbox / "fake.pdf"), *where)
    assert some.returncode == 3, some.stderr
    assert "added library.pdf as library: Dorrance library to open on Sundays" in some.stdout
    assert ("refused fake.pdf: by its first bytes it is an ELF executable (a Linux program), not a PDF: "
            "it is no article, so it was not added\n") in some.stderr

    none = _cli("add", str(inbox / "fake.pdf"), str(inbox / "bridge-closure.html"), *where)
    assert none.returncode == 1
    assert "refused bridge-closure.html: an article named bridge-closure.html is already in the corpus" in none.stderr
    assert sorted(p.name for p in corpus.iterdir() if not p.name.endswith(".txt")) == [
        "bridge-closure.html", "library.pdf", "transit-plan.pdf"
    ]

    removed = _cli("remove", "transit-plan", *where)
    assert removed.returncode == 0, removed.stderr
    assert "removed transit-plan (transit-plan.pdf); the corpus now holds 7 articles" in removed.stdout
    assert not (corpus / "transit-plan.pdf").exists()

    unknown = _cli("remove", "transit-plan", *where)
    assert unknown.returncode == 1
    assert "error: No article with id 'transit-plan' in this corpus" in unknown.stderr
    assert "Traceback" not in unknown.stderr

    answer = _cli("ask", "Who voted against the transit plan?", "--json", *where)
    assert '"article_id": "transit-plan"' not in answer.stdout


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
