"""Where app.py takes its host, port, corpus and index folder from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app import DEFAULT_HOST, DEFAULT_PORT, OptionError, parse_options

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "argv, environ, host, port",
    [
        ([], {}, DEFAULT_HOST, DEFAULT_PORT),
        ([], {"ASSISTANT_HOST": "0.0.0.0", "ASSISTANT_PORT": "9000"}, "0.0.0.0", 9000),
        (["--host", "localhost", "--port", "8080"], {"ASSISTANT_PORT": "9000"}, "localhost", 8080),
    ],
)
def test_options__flags_win_over_environment_over_defaults(argv, environ, host, port):
    options = parse_options(argv, environ)

    assert (options.host, options.port) == (host, port)


def test_options__corpus_and_index_dir_flags_are_paths():
    options = parse_options(["--corpus", "news", "--index-dir", "/tmp/idx"], {})

    assert options.corpus == Path("news")
    assert options.index_dir == Path("/tmp/idx")


@pytest.mark.parametrize(
    "argv, environ, message",
    [
        (["--port", "web"], {}, "--port must be a port number, got 'web': use e.g. 7860."),
        (
            [],
            {"ASSISTANT_PORT": "70000"},
            "ASSISTANT_PORT must be between 1 and 65535, got 70000: use e.g. 7860.",
        ),
    ],
)
def test_options__bad_port_names_the_fix(argv, environ, message):
    with pytest.raises(OptionError) as error:
        parse_options(argv, environ)

    assert str(error.value) == message


@pytest.mark.slow
@pytest.mark.parametrize(
    "flags, code, message",
    [
        (["--corpus", "/no/such/folder"], 1, "error: Corpus folder '/no/such/folder' does not exist"),
        (["--port", "web"], 2, "error: --port must be a port number, got 'web'"),
    ],
)
def test_app__unusable_settings_exit_with_a_message_naming_the_fix(tmp_path, flags, code, message):
    result = subprocess.run(
        [sys.executable, str(REPO / "app.py"), *flags, "--index-dir", str(tmp_path / "index")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == code
    assert message in result.stderr
