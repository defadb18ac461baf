"""`whosaid telegram` as a user runs it: a real process, its exit code and what it prints."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.telegram.fake_bot_api import FakeBotAPI

REPO = Path(__file__).resolve().parents[2]


def _env(**values: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WHOSAID_", "TELEGRAM_")) or k == "WHOSAID_SEMANTIC"
    }
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(values)
    return env


async def _whosaid(cwd: Path, env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "telegram",
        *args,
        cwd=cwd,  # a folder without a .env, so only `env` counts
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_a_missing_token_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    process = await _whosaid(tmp_path, _env())
    out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode not in (0, None)
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "Traceback" not in err.decode() and not out


async def test_a_rejected_token_is_one_line_and_never_printed(
    tmp_path: Path, api: FakeBotAPI
) -> None:
    wrong = "987654321:AAWrongTokenWrongTokenWrongToken_xyz"
    env = _env(
        TELEGRAM_BOT_TOKEN=wrong,
        WHOSAID_TELEGRAM_BASE_URL=api.base_url,
        WHOSAID_LOG_LEVEL="DEBUG",
    )
    process = await _whosaid(tmp_path, env, "--index", str(tmp_path / "index"))
    out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    text = (out + err).decode()
    assert process.returncode not in (0, None)
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in text
    assert "Traceback" not in text
    assert wrong not in text and "WrongToken" not in text
    assert [c.status for c in api.calls_to("getMe")] == [401]


async def test_the_command_answers_and_stops_cleanly_without_logging_the_token(
    tmp_path: Path, api: FakeBotAPI, built_index: Path
) -> None:
    env = _env(
        TELEGRAM_BOT_TOKEN=api.token,
        WHOSAID_TELEGRAM_BASE_URL=api.base_url,
        WHOSAID_LOG_LEVEL="DEBUG",  # the most talkative level must still hide the token
        WHOSAID_STATE_FILE=str(tmp_path / "bot-state.sqlite3"),  # not beside the shared index
    )
    process = await _whosaid(tmp_path, env, "--index", str(built_index))
    try:
        api.send_text(42, "What happens to people who picket the Russian embassy?")
        sent = await api.message(42, timeout=30)
        assert "Andrei Grishin" in sent.plain
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    log = (out + err).decode()
    assert process.returncode == 0, log
    assert "polling for updates as @whosaid_test_bot" in log
    assert api.token not in log and api.token.split(":")[1] not in log
    assert "Traceback" not in log
