"""A fake Telegram Bot API server on 127.0.0.1 that checks requests the way Telegram does.

It speaks the real HTTP protocol the bot speaks (form-encoded parameters, JSON answers,
`/bot<token>/<method>` paths), so the real python-telegram-bot Application runs against it
unchanged. What Telegram would refuse, it refuses with Telegram's own error: HTML with unknown or
unclosed tags, text over 4096 characters, an edit that changes nothing, callback data over 64
bytes, a callback query answered twice, more than 50 inline results. It can also answer one
request with 429 Too Many Requests and a retry_after, which the bot must survive.

Tests queue updates (`send_text`, `press`, `inline_query`) and wait for the bot's calls
(`await api.expect("sendMessage", chat_id=…)`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"
BOT_ID = 123456789
BOT_USERNAME = "whosaid_test_bot"
MESSAGE_LIMIT = 4096

# Tags Telegram's HTML parse mode accepts (https://core.telegram.org/bots/api#html-style).
_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "code", "pre", "blockquote", "tg-emoji",
}  # fmt: skip
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>"
)
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# Parameters Telegram treats as strings; PTB sends every other value JSON-encoded.
_STRINGS = {
    "text", "query", "callback_query_id", "inline_query_id", "url", "secret_token",
    "parse_mode", "action", "next_offset", "language_code", "ip_address", "inline_message_id",
}  # fmt: skip


class ApiError(Exception):
    def __init__(self, code: int, description: str, **extra: Any) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.extra = extra


def parse_html(text: str) -> str:
    """The plain text of Telegram HTML, or ApiError(400) where Telegram would refuse it."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = _TAG.match(text, i)
            offset = len(text[:i].encode())
            if match is None:
                raise ApiError(
                    400,
                    "Bad Request: can't parse entities: Unsupported start tag at byte offset "
                    f"{offset}",
                )
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if name not in _TAGS:
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse entities: Unsupported start tag "{name}" '
                    f"at byte offset {offset}",
                )
            if closing:
                if not stack or stack[-1] != name:
                    expected = f'"</{stack[-1]}>"' if stack else "nothing"
                    raise ApiError(
                        400,
                        "Bad Request: can't parse entities: Unmatched end tag at byte offset "
                        f'{offset}, expected {expected}, found "</{name}>"',
                    )
                stack.pop()
            else:
                if name == "a" and "href" not in attrs:
                    raise ApiError(400, "Bad Request: can't parse entities: a tag without href")
                stack.append(name)
            i = match.end()
        elif char == "&":
            match = _ENTITY.match(text, i)
            if match is None:
                raise ApiError(
                    400,
                    "Bad Request: can't parse entities: Character entity expected at byte "
                    f"offset {len(text[:i].encode())}",
                )
            name = match.group(1)
            if name in _NAMED:
                out.append(_NAMED[name])
            elif name.startswith("#x"):
                out.append(chr(int(name[2:], 16)))
            else:
                out.append(chr(int(name[1:])))
            i = match.end()
        elif char == ">":
            # Telegram tolerates a bare ">", but whosaid escapes everything: flag it as a bug.
            raise ApiError(400, "Bad Request: can't parse entities: unexpected '>'")
        else:
            out.append(char)
            i += 1
    if stack:
        raise ApiError(
            400,
            "Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
            f'"{stack[-1]}"',
        )
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_text(text: object, parse_mode: object) -> str:
    """The text as the user would see it; ApiError where Telegram refuses the message."""
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    plain = parse_html(text) if str(parse_mode).upper() == "HTML" else text
    if not plain.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(plain) > MESSAGE_LIMIT:
        raise ApiError(400, "Bad Request: message is too long")
    return plain


def check_markup(markup: object) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise ApiError(400, "Bad Request: text buttons are unallowed in inline keyboards")


@dataclass
class Call:
    """One request the bot made, and what the fake answered."""

    method: str
    params: dict[str, Any]
    status: int = 200
    error: str | None = None
    # False while the fake is still handling it: a test waiting for a call must not take it as
    # answered before its result (the message id, the text) is recorded.
    answered: bool = False
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class Sent:
    """A message as it stands in a chat (after any edits)."""

    chat_id: int
    message_id: int
    html: str
    plain: str
    markup: dict[str, Any] | None
    edits: int = 0

    def buttons(self) -> dict[str, str]:
        """Button text -> callback data."""
        rows = (self.markup or {}).get("inline_keyboard", [])
        return {b["text"]: b.get("callback_data", "") for row in rows for b in row}


class FakeBotAPI:
    def __init__(self, *, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self.calls: list[Call] = []
        self.messages: dict[tuple[int, int], Sent] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.webhook: dict[str, Any] | None = None
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_ids = itertools.count(1)
        self._answered: set[str] = set()
        self._throttle: dict[str, int] = {}
        self._lock = threading.Condition()
        self._closing = False
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what tests do ----------------------------------------------------------------------

    def throttle_once(self, method: str, retry_after: int = 1) -> None:
        """Answer the next `method` call with 429 Too Many Requests."""
        with self._lock:
            self._throttle[method] = retry_after

    def _push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            update = {"update_id": next(self._update_ids), kind: payload}
            self._updates.append(update)
            self._lock.notify_all()
            return update

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        chat_type: str = "private",
        user_id: int | None = None,
        reply_to: Sent | None = None,
        via_bot: bool = False,
    ) -> dict[str, Any]:
        """A user types `text` in a chat. Commands and @mentions get the entities Telegram adds.

        `via_bot`: the user posted one of the bot's inline results instead of typing.
        """
        entities = []
        command = re.match(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
        if command:
            entities.append({"type": "bot_command", "offset": 0, "length": command.end()})
        for mention in re.finditer(r"@[A-Za-z0-9_]{5,}", text):
            if command and mention.start() < command.end():
                continue
            entities.append(
                {
                    "type": "mention",
                    "offset": utf16_len(text[: mention.start()]),
                    "length": utf16_len(mention.group()),
                }
            )
        message = self._message(chat_id, chat_type, user_id)
        message["text"] = text
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = self._bot_message(reply_to)
        if via_bot:
            message["via_bot"] = self._me()
        return self._push("message", message)

    def send_sticker(self, chat_id: int, *, chat_type: str = "private") -> dict[str, Any]:
        message = self._message(chat_id, chat_type, None)
        message["sticker"] = {
            "file_id": "CAAC",
            "file_unique_id": "AgAD",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self._push("message", message)

    def press(
        self, sent: Sent, button: str = "", *, data: str | None = None, user_id: int | None = None
    ) -> str:
        """A user presses the button labelled `button` under a message; returns the query id.

        `data` presses a button the message no longer shows (a client with an old keyboard).
        """
        data = sent.buttons()[button] if data is None else data
        query_id = f"cb{next(self._callback_ids)}"
        user = user_id or abs(sent.chat_id)
        self._push(
            "callback_query",
            {
                "id": query_id,
                "from": _user(user),
                "message": self._bot_message(sent),
                "chat_instance": f"ci{sent.chat_id}",
                "data": data,
            },
        )
        return query_id

    def inline_query(self, user_id: int, query: str, offset: str = "") -> str:
        query_id = f"iq{next(self._callback_ids)}"
        self._push(
            "inline_query",
            {"id": query_id, "from": _user(user_id), "query": query, "offset": offset},
        )
        return query_id

    def _message(self, chat_id: int, chat_type: str, user_id: int | None) -> dict[str, Any]:
        user = user_id or abs(chat_id)
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_type),
            "from": _user(user),
        }

    def _bot_message(self, sent: Sent) -> dict[str, Any]:
        message = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": _chat(sent.chat_id, "private" if sent.chat_id > 0 else "supergroup"),
            "from": self._me(),
            "text": sent.plain,
        }
        if sent.markup:
            message["reply_markup"] = sent.markup
        return message

    def calls_to(self, method: str, **params: Any) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and _matches(c.params, params)]

    def sent_to(self, chat_id: int) -> list[Sent]:
        with self._lock:
            return [m for (chat, _), m in sorted(self.messages.items()) if chat == chat_id]

    async def expect(
        self,
        method: str,
        *,
        count: int = 1,
        timeout: float = 10.0,
        where: Callable[[Call], bool] | None = None,
        **params: Any,
    ) -> Call:
        """Wait until the bot has made `count` successful `method` calls matching; the last one."""
        deadline = time.monotonic() + timeout
        while True:
            found = [
                c
                for c in self.calls_to(method, **params)
                if c.ok and c.answered and (where is None or where(c))
            ]
            if len(found) >= count:
                return found[count - 1]
            if time.monotonic() > deadline:
                seen = [(c.method, c.status, c.error) for c in self.calls[-10:]]
                raise AssertionError(f"no {count}x {method} {params} in {timeout}s; last: {seen}")
            await asyncio.sleep(0.01)

    async def message(self, chat_id: int, *, count: int = 1, timeout: float = 10.0) -> Sent:
        """The `count`-th message the bot sent to `chat_id`, as it stands now."""
        call = await self.expect(
            "sendMessage",
            count=count,
            timeout=timeout,
            chat_id=chat_id,
            # A call is listed as soon as it arrives; the message exists once it is answered.
            where=lambda c: "_message_id" in c.params,
        )
        return self.messages[(chat_id, call.params["_message_id"])]

    # -- the Bot API ------------------------------------------------------------------------

    def handle(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        call = Call(method, params)
        with self._lock:
            self.calls.append(call)
        if token != self.token:
            call.status, call.error = 401, "Unauthorized"
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        try:
            with self._lock:
                retry_after = self._throttle.pop(method, None)
            if retry_after is not None:
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    parameters={"retry_after": retry_after},
                )
            handler = getattr(self, f"api_{method.lower()}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            result = handler(call.params)
        except ApiError as error:
            call.status, call.error, call.answered = error.code, error.description, True
            return error.code, {
                "ok": False,
                "error_code": error.code,
                "description": error.description,
                **error.extra,
            }
        call.answered = True
        return 200, {"ok": True, "result": result}

    def _me(self) -> dict[str, Any]:
        return {
            "id": int(self.token.split(":")[0]),
            "is_bot": True,
            "first_name": "whosaid",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def api_getme(self, params: dict[str, Any]) -> Any:
        return self._me()

    def api_getupdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._lock:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
            return self._updates[:limit]

    def api_deletewebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        return True

    def api_setwebhook(self, params: dict[str, Any]) -> Any:
        if not str(params.get("url", "")).startswith(("https://", "http://127.0.0.1")):
            raise ApiError(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook")
        self.webhook = params
        return True

    def api_setmycommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        with self._lock:
            self.commands[scope] = commands
        return True

    def api_getmycommands(self, params: dict[str, Any]) -> Any:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        return self.commands.get(scope, [])

    def api_sendchataction(self, params: dict[str, Any]) -> Any:
        _chat_id(params)
        if params.get("action") not in {"typing", "upload_photo", "upload_document"}:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def api_sendmessage(self, params: dict[str, Any]) -> Any:
        chat_id = _chat_id(params)
        plain = check_text(params.get("text"), params.get("parse_mode"))
        markup = params.get("reply_markup")
        check_markup(markup)
        with self._lock:
            message_id = next(self._message_ids)
            params["_message_id"] = message_id
            self.messages[(chat_id, message_id)] = Sent(
                chat_id, message_id, params["text"], plain, markup
            )
        result = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": _chat(chat_id, "private" if chat_id > 0 else "supergroup"),
            "from": self._me(),
            "text": plain,
        }
        if markup:
            result["reply_markup"] = markup
        return result

    def api_editmessagetext(self, params: dict[str, Any]) -> Any:
        chat_id = _chat_id(params)
        key = (chat_id, int(params.get("message_id") or 0))
        plain = check_text(params.get("text"), params.get("parse_mode"))
        markup = params.get("reply_markup")
        check_markup(markup)
        with self._lock:
            sent = self.messages.get(key)
            if sent is None:
                raise ApiError(400, "Bad Request: message to edit not found")
            if sent.html == params["text"] and sent.markup == markup:
                raise ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content and "
                    "reply markup are exactly the same as a current content and reply markup "
                    "of the message",
                )
            sent.html, sent.plain, sent.markup = params["text"], plain, markup
            sent.edits += 1
        return self._bot_message(sent)

    def api_answercallbackquery(self, params: dict[str, Any]) -> Any:
        query_id = str(params.get("callback_query_id"))
        with self._lock:
            if query_id in self._answered:
                raise ApiError(
                    400,
                    "Bad Request: query is too old and response timeout expired or query ID is "
                    "invalid",
                )
            self._answered.add(query_id)
        if len(str(params.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def api_answerinlinequery(self, params: dict[str, Any]) -> Any:
        query_id = str(params.get("inline_query_id"))
        results = params.get("results") or []
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [r.get("id", "") for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        for result in results:
            content = result.get("input_message_content") or {}
            check_text(content.get("message_text"), content.get("parse_mode"))
            if not result.get("title"):
                raise ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
        with self._lock:
            if query_id in self._answered:
                raise ApiError(400, "Bad Request: query is too old and response timeout expired")
            self._answered.add(query_id)
        return True


def _matches(params: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(str(params.get(k)) == str(v) for k, v in wanted.items())


def _chat_id(params: dict[str, Any]) -> int:
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        raise ApiError(400, "Bad Request: chat not found") from None


def _chat(chat_id: int, chat_type: str) -> dict[str, Any]:
    if chat_type == "private":
        return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
    return {"id": chat_id, "type": chat_type, "title": f"Group {chat_id}"}


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": "en"}


def _decode(body: bytes, content_type: str) -> dict[str, Any]:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        data = json.loads(body)
        return dict(data) if isinstance(data, dict) else {}
    params: dict[str, Any] = {}
    for key, value in parse_qsl(body.decode(), keep_blank_values=True):
        if key in _STRINGS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


class _Server(ThreadingHTTPServer):
    # The bot opens dozens of connections at once under load (64 updates in flight). With the
    # default backlog of 5 the accept queue overflowed (ListenOverflows in `nstat` during the
    # load test), and a request sent on a connection the kernel had dropped fails with
    # httpx.ReadError: the user got "Sorry, something went wrong" instead of an answer.
    request_queue_size = 1024

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client closing a kept-alive connection at shutdown is normal, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_for(api: FakeBotAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects of Telegram

        def do_POST(self) -> None:
            self._serve()

        def do_GET(self) -> None:
            self._serve()

        def _serve(self) -> None:
            if api._closing:
                # A stopped server is gone for kept-alive connections too: without this, the
                # bot's open connection would go on getting answers from a "stopped" Telegram.
                self.close_connection = True
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            match = re.fullmatch(r"/bot([^/]*)/(\w+)", self.path.split("?")[0])
            if match is None:
                status, answer = 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            else:
                params = _decode(body, self.headers.get("Content-Type", ""))
                status, answer = api.handle(match.group(1), match.group(2), params)
            if api._closing:  # stopped while this request waited (a long poll)
                self.close_connection = True
                return
            data = json.dumps(answer).encode()
            try:
                self.send_response(HTTPStatus(status))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the bot gave up on a long poll while shutting down, as clients do

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the request line holds the token; tests read `api.calls` instead

    return Handler
