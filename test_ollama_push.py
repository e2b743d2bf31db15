"""Tests for ollama_push: the README's promises, section by section, against a real local
server that behaves like Ollama and exchanges recorded from a real one (testdata/)."""

import base64
import collections
import contextlib
import copy
import dataclasses
import gc
import gzip
import http.server
import io
import itertools
import json
import logging
import os
import pickle
import platform
import random
import re
import shutil
import signal
import socket
import socketserver
import ssl
import subprocess
import sys
import threading
import time
import zlib

import pytest
import urllib3
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import ollama_push
from ollama_push import (
    ConnectError,
    Progress,
    PushError,
    PushRequest,
    ResponseError,
    StatusEvent,
    StatusResponse,
    StreamError,
    list_models,
    main,
    push,
    resolve_host,
    signin_url,
)

try:
    import tracemalloc
except ImportError:  # PyPy has none
    tracemalloc = None

HERE = os.path.dirname(os.path.abspath(__file__))
PYPY = platform.python_implementation() == "PyPy"
# PyPy has no reference counting: a generator dropped by `break` or by an
# exception in the loop body is closed only when its garbage collector runs.
needs_refcounting = pytest.mark.skipif(
    PYPY, reason="PyPy closes a dropped generator only at garbage collection: call close() there")
needs_tracemalloc = pytest.mark.skipif(tracemalloc is None, reason="PyPy has no tracemalloc")
DIGEST = "sha256:" + "2af3b81862c6" + "0" * 52
# urllib3-future, which niquests installs under the name urllib3 (see the README's Compatibility).
FUTURE = hasattr(urllib3, "AsyncPoolManager")


def digest_of(n):
    """Layer n's digest: the 12 characters a display shows differ per layer."""
    return f"sha256:2af3b81862c{n:x}" + "0" * 52


# ---------------------------------------------------------------------------
# A local server that behaves like Ollama: it plays a script of raw bytes,
# waits and dropped connections, and replays recorded exchanges.


DROP = object()  # close the connection here, mid-body
AWAIT_EOF = object()  # wait until the client closes its side, then record it


def ndjson(*objs):
    """Each object as one NDJSON line, in bytes."""
    return [json.dumps(o, separators=(",", ":")).encode() + b"\n" for o in objs]


def push_lines(layers=2, steps=3):
    """A realistic push, as Ollama streams it: one list of NDJSON lines."""
    objs = [{"status": "retrieving manifest"}]
    for n in range(layers):
        digest = digest_of(n)
        for step in range(steps + 1):
            objs.append(
                {"status": f"pushing {digest[7:19]}", "digest": digest,
                 "total": 3000, "completed": step * 3000 // steps}
            )
    objs += [{"status": "pushing manifest"}, {"status": "success"}]
    return ndjson(*objs)


def events_of(lines):
    return [StatusEvent.from_dict(json.loads(line)) for line in lines]


def statuses(events):
    return [event.status for event in events]


def _compressor(encoding):
    wbits = {"gzip": 31, "deflate": 15, "raw-deflate": -15}[encoding]
    return zlib.compressobj(6, zlib.DEFLATED, wbits)


class Reply:
    """One scripted response: status, headers and parts (bytes, Event, DROP, ...)."""

    def __init__(self, parts=(), status=200, headers=None, framing="chunked", encoding=None, reason=None):
        self.status, self.framing, self.encoding, self.reason = status, framing, encoding, reason
        self.headers = dict(headers or {})
        self.headers.setdefault("Content-Type", "application/x-ndjson")
        self.parts = list(parts)
        self.waited = []  # for each Event part: was it set before the wait ran out?
        if encoding == "gzip-members":  # each part a gzip member of its own, as per-flush proxies send
            self.parts = [gzip.compress(p) if isinstance(p, bytes) else p for p in self.parts]
            self.headers["Content-Encoding"] = "gzip"
        elif encoding:
            c = _compressor(encoding)
            out = []
            for part in self.parts:
                if isinstance(part, bytes):
                    part = c.compress(part) + c.flush(zlib.Z_SYNC_FLUSH)
                out.append(part)
            tail = c.flush()
            # the end marker goes before a DROP, or at the very end
            idx = next((i for i, p in enumerate(out) if p is DROP), len(out))
            out.insert(idx, tail)
            self.parts = out
            self.headers["Content-Encoding"] = "deflate" if "deflate" in encoding else encoding

    def play(self, handler, server):
        h = dict(self.headers)
        if self.framing == "chunked":
            h["Transfer-Encoding"] = "chunked"
        elif self.framing == "length":
            h.setdefault("Content-Length", str(sum(len(p) for p in self.parts if isinstance(p, bytes))))
        else:
            h["Connection"] = "close"
            handler.close_connection = True
        reason = self.reason or http.server.BaseHTTPRequestHandler.responses.get(self.status, ("X",))[0]
        head = f"HTTP/1.1 {self.status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in h.items())
        handler.wfile.write(head.encode("latin-1") + b"\r\n")
        for part in self.parts:
            if isinstance(part, threading.Event):
                self.waited.append(part.wait(5))
            elif part is DROP:
                handler.close_connection = True
                return
            elif part is AWAIT_EOF:
                server.await_eof(handler.connection)
                handler.close_connection = True
                return
            elif callable(part):
                part(handler)
            elif self.framing == "chunked":
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            else:
                handler.wfile.write(part)
        if self.framing == "chunked":
            handler.wfile.write(b"0\r\n\r\n")


Request = collections.namedtuple("Request", "method path headers body port")


class Server:
    """A threaded HTTP server on 127.0.0.1 that records requests and plays replies."""

    def __init__(self, port=0, tls=None):
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # each write goes out at once, as Ollama's flushes do

            def do_POST(self):
                owner.handle(self)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.errors = []  # a client that leaves early makes our writes fail: expected
        self.httpd.handle_error = lambda request, address: self.errors.append(sys.exc_info()[1])
        if tls is not None:  # a trustme.CA: serve https with a certificate it signed
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls.issue_cert("127.0.0.1", "localhost", "ollama.test").configure_cert(context)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.url = "%s://127.0.0.1:%d" % ("https" if tls else "http", self.port)
        self.requests = []
        self.replies = collections.deque()
        self.default = None
        # The sign-in check before a push to ollama.com: answered "signed in" unless a
        # test sets its own (or None, to take /api/me from the queue like any request).
        self.me = lambda request: Reply([b'{"name":"me"}'], framing="length",
                                        headers={"Content-Type": "application/json"})
        self.me_requests = []
        self.eof = threading.Event()
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def respond(self, *parts, **kwargs):
        """Queue a reply; returns it (its .waited tells how the Events went)."""
        reply = Reply(parts, **kwargs)
        self.replies.append(reply)
        return reply

    def handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        request = Request(handler.command, handler.path, handler.headers, body, handler.client_address[1])
        if handler.path.endswith("/api/me") and self.me is not None:
            self.me_requests.append(request)
            reply = self.me(request) if callable(self.me) else self.me
            reply.play(handler, self)
            return
        self.requests.append(request)
        reply = self.replies.popleft() if self.replies else self.default
        if callable(reply):  # a reply made for this request
            reply = reply(self.requests[-1])
        if reply is None:
            reply = Reply(ndjson({"error": "no reply scripted"}), status=500)
        reply.play(handler, self)

    def await_eof(self, conn):
        # Long enough that only the client's own close ends the wait, however busy the machine.
        conn.settimeout(30)
        with contextlib.suppress(OSError):
            while conn.recv(65536):
                pass
            self.eof.set()
            return
        self.eof.set()  # a reset is a disconnect too

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


TESTDATA = os.path.join(HERE, "testdata")


def recording(name):
    """One exchange recorded from a real Ollama server (testdata/README.md)."""
    with open(os.path.join(TESTDATA, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def replay(name, pace=0.0):
    """A Reply that plays a recording back: a chunk per recorded flush, ``cut`` as an abrupt close.

    Times are compressed to ``pace`` seconds between chunks (none by default).
    """
    response = recording(name)["response"]
    parts = []
    for chunk in response["chunks"]:
        if pace and parts:
            parts.append(lambda handler: time.sleep(pace))
        parts.append(chunk["data"].encode("utf-8"))
    if response["ending"] == "cut":
        parts.append(DROP)
    return Reply(parts, status=response["status"], reason=response["reason"], headers=dict(response["headers"]),
                 framing=response["framing"])


def recorded_events(name):
    """The events a recording's lines stand for, up to its first error line."""
    events = []
    for chunk in recording(name)["response"]["chunks"]:
        obj = json.loads(chunk["data"])
        if "error" in obj:
            break
        events.append(StatusEvent.from_dict(obj))
    return events


def recorded_request(name):
    return json.loads(recording(name)["request"]["body"] or "null")


def recorded_error(name):
    """The server's message in a recording's error line or error body."""
    data = "".join(chunk["data"] for chunk in recording(name)["response"]["chunks"])
    return json.loads(data.strip().splitlines()[-1])["error"]


MADE_POOLS = []


def made(pool):
    """A pool a test made, its idle connections closed as the test ends.

    urllib3 before 1.26.16 and urllib3-future leave a dropped pool's idle sockets
    open, to a ResourceWarning whenever the garbage collector gets to them.
    """
    MADE_POOLS.append(pool)
    return pool


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch):
    for name in ("OLLAMA_HOST", "OLLAMA_API_KEY", "NO_PROXY", "ALL_PROXY", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    yield
    for proxy in [proxy for proxy in ollama_push._pools if proxy]:  # pools made for a proxy a test set
        MADE_POOLS.append(ollama_push._pools.pop(proxy))
    while MADE_POOLS:
        MADE_POOLS.pop().clear()


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture
def other_server():
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture
def waits(monkeypatch):
    """Retries wait for no one here: the waits push() asks for are recorded instead.

    Each wait is its nominal value (the middle of its spread), so messages can be compared.
    """
    asked = []
    real = time.sleep

    def sleep(seconds):
        if threading.current_thread() is threading.main_thread():
            asked.append(seconds)
        else:  # the server's own pauses
            real(seconds)

    monkeypatch.setattr(time, "sleep", sleep)
    monkeypatch.setattr(random, "uniform", lambda low, high: (low + high) / 2)
    return asked


def failing(message):
    """A first attempt that gets as far as Ollama's first line, then reports ``message``."""
    return ndjson({"status": "retrieving manifest"}, {"error": message})


def error_line(message, **extra):
    return Reply(ndjson({"status": "retrieving manifest"}, {"error": message, **extra}))


def body(status, text=b"", **headers):
    return Reply([text] if text else [], status=status, framing="length", headers=headers)


def redirect(to, status=307):
    return Reply([], status=status, headers={"Location": to}, framing="length")


def reset(handler):
    """Hang up with a TCP reset rather than a clean close."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def layer(n, completed, total=3000, status=None):
    digest = digest_of(n)
    return StatusEvent(status or f"pushing {digest[7:19]}", digest, total, completed)


# ===========================================================================
# Quick start


def test_a_push_streams_its_events_and_progress_folds_them(server):
    server.respond(*push_lines())
    progress = Progress()
    events = []
    for event in push("my-user/my-model", host=server.url):
        events.append(event)
        progress.update(event)
    assert events == events_of(push_lines()) and events[-1].status == "success"
    assert progress.done and progress.fraction == 1.0 and progress.completed == progress.total == 6000


def test_stream_false_waits_for_the_push_and_returns_one_answer(server):
    server.respond(b'{"status":"success"}', headers={"Content-Type": "application/json"}, framing="length")
    assert push("my-user/my-model", stream=False, host=server.url) == StatusResponse("success")
    (req,) = server.requests
    assert json.loads(req.body)["stream"] is False and req.headers["Accept"] == "application/json"


# ===========================================================================
# API: push(), the request


def test_push_sends_the_request_the_contract_describes(server):
    server.respond(*ndjson({"status": "success"}))
    assert list(push("my-user/my-model", host=server.url)) == [StatusEvent("success")]
    (req,) = server.requests
    assert (req.method, req.path) == ("POST", "/api/push")
    assert json.loads(req.body) == {"model": "my-user/my-model", "insecure": False, "stream": True}
    assert req.headers["Content-Type"] == "application/json"
    assert req.headers["Accept"] == "application/x-ndjson"
    ua = req.headers["User-Agent"]
    assert ua.startswith(f"ollama-push/{ollama_push.__version__} (")
    assert ua.endswith(f") Python/{'.'.join(map(str, sys.version_info[:3]))}")
    assert "Authorization" not in req.headers


def test_push_uses_ollama_host_and_a_path_prefix(server, monkeypatch):
    monkeypatch.setenv("OLLAMA_HOST", server.url + "/prefix/")
    server.respond(*ndjson({"status": "success"}))
    list(push("m"))
    assert server.requests[0].path == "/prefix/api/push"


def test_a_push_request_object_is_sent_as_is(server):
    server.respond(*ndjson({"status": "success"}))
    list(push(PushRequest(model="m", insecure=True), host=server.url))
    assert json.loads(server.requests[0].body) == {"model": "m", "insecure": True, "stream": True}
    server.respond(*ndjson({"status": "success"}))
    list(push(PushRequest(model="m"), host=server.url))
    assert json.loads(server.requests[1].body) == {"model": "m", "stream": True}


def test_headers_win_case_insensitively_and_the_api_key_is_sent(server, monkeypatch):
    monkeypatch.setenv("OLLAMA_API_KEY", "k-123456789")
    server.respond(*ndjson({"status": "success"}))
    list(push("m", host=server.url, headers={"user-agent": "mine/1", "X-Extra": "1"}))
    req = server.requests[0]
    assert req.headers.get_all("User-Agent") == ["mine/1"]
    assert req.headers["X-Extra"] == "1"
    assert req.headers["Authorization"] == "Bearer k-123456789"
    server.respond(*ndjson({"status": "success"}))
    list(push("m", host=server.url, headers={"AUTHORIZATION": "Basic given"}))
    assert server.requests[1].headers.get_all("Authorization") == ["Basic given"]


@pytest.mark.parametrize("kwargs, error", [
    ({"model": ""}, ValueError),
    ({"model": "has space"}, ValueError),
    ({"model": "bad\x1b[2J"}, ValueError),
    ({"model": None}, TypeError),
    ({"model": b"m"}, TypeError),
    ({"model": "m", "insecure": "yes"}, TypeError),
    ({"model": "m", "insecure": None}, TypeError),
    ({"model": "m", "stream": 1}, TypeError),
    ({"model": PushRequest(model="m"), "stream": True}, TypeError),
    ({"model": PushRequest(model="m"), "insecure": False}, TypeError),
    ({"model": PushRequest(model=5)}, TypeError),  # type: ignore[arg-type]
    ({"model": PushRequest(model="m", stream="y")}, TypeError),  # type: ignore[arg-type]
    ({"model": "m", "host": "ftp://x"}, ValueError),
    ({"model": "m", "host": 5}, TypeError),
    ({"model": "m", "headers": {"X": 1}}, TypeError),
    ({"model": "m", "headers": {"X": "a\r\nInjected: 1"}}, ValueError),
    ({"model": "m", "headers": [("X", "1")]}, TypeError),
    ({"model": "m", "timeout": "5"}, TypeError),
    ({"model": "m", "timeout": True}, TypeError),
    ({"model": "m", "timeout": -1}, ValueError),
    ({"model": "m", "http": object()}, TypeError),
    ({"model": "m", "retries": True}, TypeError),
    ({"model": "m", "retries": 1.0}, TypeError),
    ({"model": "m", "retries": "3"}, TypeError),
    ({"model": "m", "retries": None}, TypeError),
    ({"model": "m", "retries": -1}, ValueError),
])
def test_bad_arguments_fail_at_call_time_before_any_io(server, kwargs, error):
    kwargs.setdefault("host", server.url)
    with pytest.raises(error):
        push(**kwargs)
    assert server.requests == []


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 1e300, 10**30, -0.0,
                                     urllib3.Timeout(connect=float("inf")), urllib3.Timeout(read=1e20),
                                     urllib3.Timeout(total=1e20)])
@pytest.mark.parametrize("function", [push, signin_url, list_models])
def test_a_timeout_the_clock_cannot_hold_is_a_value_error_before_any_io(server, timeout, function):
    args = ("u/m",) if function is push else ()
    with pytest.raises(ValueError, match="timeout"):
        function(*args, host=server.url, timeout=timeout)
    if function is not signin_url:  # which bounds its read itself
        with pytest.raises(ValueError, match="the pool's timeout"):
            function(*args, host=server.url, http=made(urllib3.PoolManager(timeout=float("inf"))))
    assert server.requests == [] and server.me_requests == []


def test_the_request_is_sent_when_iteration_begins(server):
    server.respond(*ndjson({"status": "success"}))
    events = push("m", host=server.url)
    time.sleep(0.2)
    assert server.requests == []
    assert next(events) == StatusEvent("success")
    assert len(server.requests) == 1


def test_the_default_timeout_bounds_the_connect_and_leaves_reads_alone(server):
    never = threading.Event()
    server.respond(*ndjson({"status": "retrieving manifest"}), lambda handler: time.sleep(1.5),
                   *ndjson({"status": "success"}))
    assert statuses(push("m", host=server.url)) == ["retrieving manifest", "success"], "no read timeout"
    server.respond(*ndjson({"status": "retrieving manifest"}), never)
    with pytest.raises(StreamError, match="timed out"):
        list(push("m", host=server.url, timeout=0.5))
    never.set()


# ===========================================================================
# API: push(), the stream


FRAMINGS = [
    ("chunked", None), ("length", None), ("close", None),
    ("chunked", "gzip"), ("length", "gzip"), ("close", "deflate"),
    ("chunked", "deflate"), ("chunked", "raw-deflate"), ("chunked", "gzip-members"), ("length", "gzip-members"),
]


@pytest.mark.parametrize("framing, encoding", FRAMINGS)
def test_events_arrive_in_order_whatever_the_framing(server, framing, encoding):
    lines = push_lines()
    server.respond(*lines, framing=framing, encoding=encoding)
    assert list(push("u/m", host=server.url)) == events_of(lines)


@pytest.mark.parametrize("framing, encoding", FRAMINGS)
def test_each_event_arrives_before_the_next_line_is_sent(server, framing, encoding):
    # On urllib3 before 2.2 a body that is not chunked goes through the one
    # fallback named in the module's header: this covers it there.
    got_first = threading.Event()
    got_second = threading.Event()
    lines = ndjson({"status": "retrieving manifest"}, {"status": "pushing manifest"}, {"status": "success"})
    reply = server.respond(lines[0], got_first, lines[1], got_second, lines[2],
                           framing=framing, encoding=encoding)
    events = []
    for event in push("u/m", host=server.url, timeout=10):
        events.append(event.status)
        {1: got_first, 2: got_second}.get(len(events), threading.Event()).set()
    assert events == ["retrieving manifest", "pushing manifest", "success"]
    assert reply.waited == [True, True], "an event waited for the next line"


def held_back_burst():
    """A gzip burst of identical lines that zlib, capped at what one read asks for, ends short of its last line.

    Inflated with a cap of _READ_SIZE, the burst gives exactly that much, takes
    all its input, and keeps back the rest of its last match, newline and all
    (a compressor flushing with Z_BLOCK leaves no bytes after it). urllib3 2.6
    and later asks zlib for more only while input is left, so it would wait for
    the next read. Returns the burst, how many lines it holds, and the compressor.
    """
    cap = ollama_push._READ_SIZE
    for completed, extra in itertools.product([1500, 15000, 150000], range(1, 200)):
        line = ndjson({"status": "pushing 2af3b81862c0", "digest": DIGEST, "total": 300000, "completed": completed})[0]
        n = cap // len(line) + extra
        compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
        burst = compressor.compress(line * n) + compressor.flush(getattr(zlib, "Z_BLOCK", 5))  # PyPy lacks the name
        inflater = zlib.decompressobj(31)
        if len(inflater.decompress(burst, cap)) == cap and not inflater.unconsumed_tail:
            if b"\n" in inflater.decompress(b""):
                return burst, n, compressor
    raise AssertionError("no burst ends short: this zlib never holds output back")


@pytest.mark.parametrize("framing", ["length", "close", "chunked"])
def test_a_compressed_burst_hands_over_its_last_line_before_the_next_read(server, framing):
    burst, n, compressor = held_back_burst()
    got_all = threading.Event()
    rest = compressor.compress(ndjson({"status": "success"})[0]) + compressor.flush()
    reply = server.respond(lambda handler: time.sleep(0.2),  # the burst lands in a read of its own
                           burst, got_all, rest, framing=framing, headers={"Content-Encoding": "gzip"})
    seen = 0
    for event in push("u/m", host=server.url, timeout=10):
        seen += 1
        if seen == n:
            got_all.set()
    assert seen == n + 1 and event.status == "success"
    assert reply.waited == [True], "the burst's last line waited for the next read"


def test_a_success_line_with_every_field_ends_the_push_too(server, waits):
    # Found by a second reader: a four-field success took the fast path, which
    # did not look for success, so the push was read on and sent again.
    lines = ndjson({"status": "success", "digest": DIGEST, "total": 1, "completed": 1}, {"status": "after"})
    server.respond(*lines)
    server.respond(*lines)
    assert statuses(push("m", host=server.url, retries=1)) == ["success"] and len(server.requests) == 1


def test_split_utf8_crlf_blank_lines_and_a_last_line_without_newline(server):
    line = '{"status":"pushing caf\u00e9 \u2603"}\r\n'.encode()
    cut = line.index(b"\xc3") + 1  # inside the two-byte \u00e9
    server.respond(line[:cut], line[cut:], b"\r\n\n", b'{"status":"success"}')
    assert statuses(push("m", host=server.url)) == ["pushing caf\u00e9 \u2603", "success"]


def test_an_error_line_raises_after_the_events_before_it(server):
    server.respond(*ndjson({"status": "retrieving manifest"}, {"error": "max retries exceeded"}))
    seen = []
    with pytest.raises(ResponseError, match="max retries exceeded") as info:
        for event in push("m", host=server.url):
            seen.append(event.status)
    assert seen == ["retrieving manifest"]
    assert (info.value.status_code, info.value.error) == (-1, "max retries exceeded")
    assert str(info.value) == "max retries exceeded", "no meaningless status code"


GOOD_THEN = ndjson(
    {"status": "retrieving manifest"},
    {"status": "pushing 2af3b81862c6", "digest": DIGEST, "total": 3000, "completed": 1000},
)


@pytest.mark.parametrize("framing, encoding", FRAMINGS)
@pytest.mark.parametrize("bad, error, match", [
    (b'{"status":"caf\xe9"}\n', StreamError, "not valid UTF-8"),
    (b"{not json}\n", StreamError, "not valid JSON"),
    (b'{"status":"s","total":"12"}\n', StreamError, "should be int"),
    (b"[" * 100_000 + b"\n", StreamError, "not valid JSON"),
    (b'{"error":"denied"}\n', ResponseError, "denied"),
])
def test_events_before_a_bad_line_in_the_same_read_come_first(server, framing, encoding, bad, error, match):
    # One write, so the good lines and the bad one arrive in one network read.
    server.respond(b"".join(GOOD_THEN) + bad, framing=framing, encoding=encoding)
    seen = []
    with pytest.raises(error, match=match):
        for event in push("m", host=server.url):
            seen.append(event)
    assert seen == events_of(GOOD_THEN)


def test_events_before_a_bad_chunk_size_come_first_and_it_is_malformed(server, waits):
    body = b"".join(GOOD_THEN)
    server.respond(lambda h: h.wfile.write(b"%x\r\n%s\r\nzz\r\n" % (len(body), body)), DROP)
    seen = []
    with pytest.raises(StreamError, match="malformed") as info:
        for event in push("m", host=server.url, retries=2):
            seen.append(event)
    assert seen == events_of(GOOD_THEN) and info.value.retry_reason is None and waits == []


@pytest.mark.parametrize("status, body_, error, signin", [
    (400, b'{"error":"model is required"}', "model is required", None),
    (401, b'{"error":"unauthorized","signin_url":"https://ollama.com/connect?x=1"}',
     "unauthorized", "https://ollama.com/connect?x=1"),
    (404, b"404 page not found", "404 page not found", None),
    (500, b'{"error":{"code":1}}', '{"code": 1}', None),
    (502, b"", "Bad Gateway", None),
])
def test_http_errors_carry_status_message_and_signin_url(server, status, body_, error, signin):
    server.respond(body_, status=status, headers={"Content-Type": "application/json"}, framing="length")
    with pytest.raises(ResponseError) as info:
        next(push("m", host=server.url))
    assert (info.value.status_code, info.value.error, info.value.signin_url) == (status, error, signin)
    assert str(info.value) == f"{error} (status code: {status})"


@pytest.mark.parametrize("depth", [200, 900, 990, 100_000])
@pytest.mark.parametrize("where", ["body", "error field", "error line", "stream=False"])
def test_deeply_nested_json_from_the_server_is_a_push_error(server, depth, where):
    nested = b"[" * depth + b"]" * depth
    if where == "body":
        server.respond(nested, status=500, framing="length")
    elif where == "error line":
        server.respond(b'{"error":' + nested + b"}\n")
    else:
        server.respond(b'{"error":' + nested + b"}", status=500, framing="length")
    with pytest.raises(PushError) as info:
        if where == "stream=False":
            push("m", host=server.url, stream=False)
        else:
            list(push("m", host=server.url))
    assert len(str(info.value)) < 1200
    if isinstance(info.value, ResponseError):  # quoted as text, whatever its depth
        assert info.value.error.startswith(("[[[", '{"error":[[['))


@pytest.mark.parametrize("parts, match", [
    (ndjson({"status": "retrieving manifest"}), "before the push reported success"),
    ([b""], "before the push reported success"),
    ([ndjson({"status": "pushing"})[0], DROP], "closed before the response ended"),
    ([b'{"status":"pushing"', DROP], "closed before the response ended"),
    ([b"{not json}\n"], "not valid JSON: '{not json}'"),
    ([b"[1,2]\n"], "not a JSON object"),
    ([b'{"status":"s","total":"12"}\n'], "'total' should be int"),
    ([b'{"status":"caf\xe9"}\n'], "not valid UTF-8"),
    ([b"[" * 100_000 + b"\n"], "not valid JSON"),
    ([b'{"status":"x"} trailing\n'], "not valid JSON"),
])
def test_broken_streams_raise_stream_error(server, parts, match):
    server.respond(*parts)
    with pytest.raises(StreamError, match=match) as info:
        list(push("m", host=server.url))
    assert not isinstance(info.value, urllib3.exceptions.HTTPError)


@pytest.mark.parametrize("framing", ["length", "close"])
def test_a_body_cut_short_is_a_stream_error(server, framing):
    line = ndjson({"status": "pushing"})[0]
    if framing == "length":  # promise 1000 bytes, send one line, hang up
        server.respond(line, DROP, framing="length", headers={"Content-Length": "1000"})
        match = "closed before the response ended"
    else:  # a close-delimited body cannot tell; the missing "success" does
        server.respond(line, DROP, framing="close")
        match = "before the push reported success"
    with pytest.raises(StreamError, match=match) as info:
        list(push("m", host=server.url))
    assert info.value.retry_reason is not None


@pytest.mark.parametrize("framing", ["chunked", "length"])
def test_corrupt_compressed_data_is_a_stream_error_never_sent_again(server, waits, framing):
    server.respond(*GOOD_THEN, framing=framing, encoding="gzip")
    server.replies[0].parts.insert(-1, b"\xff" * 16)  # after the good lines' own chunks, before the end marker
    seen = []
    with pytest.raises(StreamError, match="corrupt") as info:
        for event in push("m", host=server.url, retries=3):
            seen.append(event)
    assert isinstance(info.value.__cause__, zlib.error)
    assert info.value.retry_reason is None and len(server.requests) == 1 and waits == []
    if framing == "chunked":  # the lines of earlier chunks came first
        assert seen == events_of(GOOD_THEN)


def test_an_over_long_line_is_a_stream_error(server):
    big = b"x" * (64 * 1024)
    server.respond(b'{"status":"', *[big] * 20, DROP)
    with pytest.raises(StreamError, match="longer than"):
        list(push("m", host=server.url))


def test_a_read_timeout_is_a_stream_error(server):
    never = threading.Event()
    server.respond(ndjson({"status": "retrieving manifest"})[0], never)
    started = time.monotonic()
    with pytest.raises(StreamError, match="timed out") as info:
        list(push("m", host=server.url, timeout=0.5))
    assert time.monotonic() - started < 4 and info.value.retry_reason == "the read timed out"
    never.set()


def test_a_timeout_before_the_headers_is_a_stream_error(server):
    server.respond(DROP)
    stall = threading.Event()
    server.replies[0].play = lambda handler, srv: stall.wait(3)
    with pytest.raises(StreamError, match="timed out"):
        next(push("m", host=server.url, timeout=urllib3.Timeout(connect=2, read=0.5)))
    stall.set()


def test_nothing_listening_is_a_connect_error():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ConnectError, match="127.0.0.1") as info:
        next(push("m", host=url))
    assert isinstance(info.value, ConnectionError) and isinstance(info.value.__cause__, Exception)
    assert info.value.reason == "nothing is listening there (connection refused)"
    assert "Check that Ollama is running there and that the host is right (host= or OLLAMA_HOST)" in str(info.value)
    with pytest.raises(ConnectError):
        push("m", stream=False, host=url)


def test_an_over_long_non_streamed_body_is_a_stream_error(server):
    server.respond(b'{"status":"' + b"x" * (ollama_push.MAX_LINE_BYTES + 10) + b'"}', framing="length")
    with pytest.raises(StreamError, match="longer than"):
        push("u/m", stream=False, host=server.url)


@pytest.mark.parametrize("name", ["gguf-first", "gguf-again", "tensor-first"])
def test_recorded_pushes_give_their_events_and_progress(server, name):
    server.replies.append(replay(name))
    sent = recorded_request(name)
    progress = Progress()
    events = []
    for event in push(sent["model"], insecure=sent["insecure"], host=server.url):
        events.append(event)
        progress.update(event)
    assert json.loads(server.requests[0].body) == sent and server.requests[0].path == "/api/push"
    assert events == recorded_events(name) and events[-1].status == "success"
    layers = {e.digest: e.total for e in events if e.digest}
    assert progress.done and progress.fraction == 1.0 and progress.attempts == 1
    assert progress.layers == {d: (t, t) for d, t in layers.items()}
    assert progress.total == sum(layers.values()) and progress.stalled is None
    if name == "tensor-first":  # one row for all of a tensor model's blobs
        assert list(layers) == ["sha256:model"] and "pushing manifest" not in statuses(events)
    else:
        assert len(layers) == 6


def test_recorded_non_streamed_pushes(server, waits):
    server.replies.append(replay("stream-false-ok"))
    sent = recorded_request("stream-false-ok")
    assert push(sent["model"], insecure=True, stream=False, host=server.url) == StatusResponse("success")
    assert json.loads(server.requests[0].body) == sent
    server.replies.append(replay("stream-false-missing"))
    with pytest.raises(ResponseError, match="no such file or directory") as info:
        push("u/m", stream=False, host=server.url, retries=3)
    assert info.value.status_code == 500 and len(server.requests) == 2 and waits == []


# ===========================================================================
# API: push(), the connection


@pytest.mark.parametrize("how", [pytest.param("break", marks=needs_refcounting), "close", "gc", "exception"])
def test_leaving_early_closes_the_connection(server, how):
    server.respond(*ndjson({"status": "retrieving manifest"}), AWAIT_EOF)
    if how == "break":
        for _ in push("m", host=server.url):
            break  # the loop held the only reference: the generator closes now
        assert server.eof.wait(1), "the server did not see the disconnect"
        return
    events = push("m", host=server.url)
    if how == "exception":
        with pytest.raises(KeyError):
            for _ in events:
                raise KeyError("caller's own error")
        del events
        gc.collect()
    else:
        next(events)
        if how == "close":
            events.close()
        else:
            del events
            gc.collect()
    assert server.eof.wait(1), "the server did not see the disconnect"


@pytest.mark.parametrize("after", ["end", "drop-chunked", "drop-length", "reset", "error-line", "garbage",
                                   "more-events", "stall", "trickle"])
def test_one_success_ends_the_push_whatever_follows_it(server, after):
    lines = push_lines(layers=1, steps=1)

    def trickle(handler):
        with contextlib.suppress(OSError):
            for _ in range(20):
                handler.wfile.write(b"1\r\n\n\r\n")
                time.sleep(0.3)

    tail = {
        "end": [], "drop-chunked": [DROP], "reset": [reset, DROP], "garbage": [b"{not json\n"],
        "error-line": ndjson({"error": "the connection to the registry was reset"}),
        "more-events": ndjson({"status": "pushing manifest"}),
        "stall": [AWAIT_EOF],  # a proxy holding the connection open after the last chunk
        "trickle": [trickle],
    }
    if after == "drop-length":
        server.respond(*lines, DROP, framing="length", headers={"Content-Length": "100000"})
    else:
        server.respond(*lines, *tail[after])
    started = time.monotonic()
    assert list(push("u/m", host=server.url, http=made(urllib3.PoolManager()), retries=2)) == events_of(lines)
    assert time.monotonic() - started < 2 and len(server.requests) == 1
    if after == "stall":
        assert server.eof.wait(2), "the connection was closed: nothing after success is waited for"


def test_a_non_streamed_push_returns_its_connection_to_the_pool(server):
    pool = made(urllib3.PoolManager())
    for _ in range(3):
        server.respond(b'{"status":"success"}', framing="length")
        assert push("m", host=server.url, http=pool, stream=False) == StatusResponse("success")
    assert len({r.port for r in server.requests}) == 1


@pytest.mark.parametrize("via_proxy", [False, True])
def test_no_socket_is_left_open_at_exit(server, via_proxy):
    # A connection returned to a shared pool (the proxy's too) is closed before the
    # interpreter exits: urllib3 before 1.26.16 would leave it to the garbage collector.
    def answer(request):
        path = request.path.rpartition("/api/")[2]
        body = b'{"models":[]}' if path == "tags" else b'{"status":"success"}'
        parts = push_lines() if path == "push" and json.loads(request.body)["stream"] else [body]
        return Reply(parts, framing="length", headers={"Content-Type": "application/json"})
    server.default = answer
    script = ("import ollama_push, sys\n"
              "host = sys.argv[1]\n"
              "print(ollama_push.signin_url(host), list(ollama_push.push('u/m', host=host))[-1].status,\n"
              "      ollama_push.push('u/m', host=host, stream=False).status, ollama_push.list_models(host=host))\n")
    env = dict(os.environ, HTTP_PROXY=server.url) if via_proxy else os.environ
    host = "http://ollama.test:11434" if via_proxy else server.url  # loopback never goes through a proxy
    proc = subprocess.run([sys.executable, "-X", "dev", "-W", "error::ResourceWarning", "-c", script, host],
                          capture_output=True, text=True, timeout=60, cwd=HERE, env=env)
    assert (proc.returncode, proc.stdout) == (0, "None success success []\n"), proc.stderr
    assert "ResourceWarning" not in proc.stderr, proc.stderr
    assert len(server.requests) == 3 and len(server.me_requests) == 1


def test_failures_are_never_urllib3_errors(server):
    cases = [
        lambda: server.respond(b"HTTP/1.1 200 OK\r\n", framing="close"),  # a second status line
        lambda: server.respond(DROP),
    ]
    for arrange in cases:
        arrange()
        with pytest.raises(PushError) as info:
            list(push("m", host=server.url))
        assert not isinstance(info.value, urllib3.exceptions.HTTPError)


# ===========================================================================
# API: the data classes


def test_push_request_to_dict_leaves_out_none():
    assert PushRequest(model="m").to_dict() == {"model": "m", "stream": True}
    assert PushRequest(model="m", insecure=True, stream=False).to_dict() == {
        "model": "m", "insecure": True, "stream": False}


def test_from_dict_ignores_unknown_keys_and_compares_by_value():
    d = {"status": "pushing", "digest": DIGEST, "total": 10, "completed": 3, "new": [1]}
    event = StatusEvent.from_dict(d)
    assert event == StatusEvent("pushing", DIGEST, 10, 3)
    assert StatusEvent.from_dict({}) == StatusEvent()
    assert StatusResponse.from_dict({"status": "success", "x": 1}) == StatusResponse("success")
    with pytest.raises(AttributeError):
        event.status = "changed"
    assert hash(event) == hash(StatusEvent("pushing", DIGEST, 10, 3))


@pytest.mark.parametrize("d", [
    {"total": "12"}, {"total": True}, {"total": 1.5}, {"completed": 1e3},
    {"status": 5}, {"digest": ["x"]}, {"status": {"a": 1}},
])
def test_from_dict_rejects_wrong_types(d):
    with pytest.raises(StreamError, match=next(iter(d))):
        StatusEvent.from_dict(d)


def test_from_dict_rejects_non_objects():
    with pytest.raises(StreamError, match="JSON object"):
        StatusEvent.from_dict([1])  # type: ignore[arg-type]
    with pytest.raises(StreamError, match="status"):
        StatusResponse.from_dict({"status": False})


FIELD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2, 2**40), st.floats(allow_nan=False),
                         st.text(max_size=12), st.lists(st.integers(), max_size=2))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example({"status": "pushing", "digest": DIGEST, "total": 10, "completed": 5})
@example({"status": "pushing", "digest": 5, "total": 10, "completed": 5})
@example({"status": "pushing", "digest": DIGEST, "total": True, "completed": 5})
@example({"status": "pushing", "digest": DIGEST, "total": 10, "completed": 5.0})
@example({"status": None, "digest": DIGEST, "total": 10, "completed": 5})
@example({"status": "success", "digest": DIGEST, "total": 10, "completed": 10})
@example({"status": "pushing", "digest": DIGEST, "total": 10, "error": "no"})
@given(st.one_of(
    st.fixed_dictionaries({"status": st.text(max_size=12), "digest": st.text(max_size=12),
                           "total": st.integers(0, 2**40), "completed": st.integers(0, 2**40)}),
    st.fixed_dictionaries({"status": FIELD_VALUES, "digest": FIELD_VALUES, "total": FIELD_VALUES,
                           "completed": FIELD_VALUES}),
    st.dictionaries(st.sampled_from(["status", "digest", "total", "completed", "error", "other"]),
                    FIELD_VALUES, max_size=5),
))
def test_every_event_is_the_one_its_constructor_builds(server, obj):
    # push() builds progress lines the fast way (past the dataclass's
    # __init__): each event must equal, hash, print and convert as the one
    # from_dict() and the constructor build, and fail where they fail.
    line = json.dumps(obj, separators=(",", ":")).encode() + b"\n"
    server.respond(line, *ndjson({"status": "success"}))
    try:
        expected = StatusEvent.from_dict(obj)
    except StreamError:
        expected = StreamError
    if obj.get("error"):
        expected = ResponseError
    try:
        got = list(push("u/m", host=server.url))[0]
    except (StreamError, ResponseError) as exc:
        got = type(exc)
    assert got == expected
    if isinstance(expected, StatusEvent):
        built = StatusEvent(expected.status, expected.digest, expected.total, expected.completed)
        assert type(got) is StatusEvent and got == built
        assert (repr(got), hash(got), dataclasses.asdict(got), vars(got)) == (
            repr(built), hash(built), dataclasses.asdict(built), vars(built))
        with pytest.raises(dataclasses.FrozenInstanceError):
            got.status = "changed"


def json_containers(inner):
    return st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4))


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)),
    json_containers,
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(JSON, st.fixed_dictionaries({}, optional={
    k: JSON for k in ("status", "digest", "total", "completed", "error")})))
def test_fuzz_arbitrary_json_through_from_dict(value):
    for cls in (StatusEvent, StatusResponse):
        try:
            result = cls.from_dict(value)
        except StreamError:
            continue
        assert isinstance(result, cls)
        for field in ("total", "completed"):
            assert type(getattr(result, field, None)) in (int, type(None))


# ===========================================================================
# API: the line reader, a pure function over the body's bytes


def lines_of(chunks):
    batches = list(ollama_push._iter_lines(chunks))
    assert all(batches), "a batch is never empty"
    return [line for batch in batches for line in batch]


def test_the_reader_splits_lines_as_the_contract_says():
    assert lines_of([b"a\nb\r\n", b"\n", b"c"]) == ["a", "b", "c"]
    assert lines_of([b"\xe2", b"\x98", b"\x83\n"]) == ["\u2603"]
    assert lines_of([]) == []
    assert lines_of([b"\r\n\r\n"]) == []


def test_the_reader_hands_over_the_lines_before_a_bad_one_in_the_same_chunk(monkeypatch):
    monkeypatch.setattr(ollama_push, "MAX_LINE_BYTES", 100)
    batches = []
    for bad, match in [(b"caf\xe9\n", "UTF-8"), (b"x" * 101 + b"\n", "longer than"), (b"\xff" * 101, "longer")]:
        batches.clear()
        with pytest.raises(StreamError, match=match):
            for batch in ollama_push._iter_lines([b"a\nb\r\n\n" + bad + b"c\n"]):
                batches.append(batch)
        assert [line for batch in batches for line in batch] == ["a", "b"]


@settings(max_examples=200, deadline=None)
@given(
    good=st.lists(st.text(alphabet="abc\u00e9\u2603", min_size=1, max_size=8), max_size=6),
    cuts=st.lists(st.integers(min_value=0, max_value=120), max_size=8),
)
def test_any_split_yields_every_line_before_invalid_utf8(good, cuts):
    data = "".join(line + "\n" for line in good).encode() + b"bad\xff\nnever\n"
    points = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    seen = []
    with pytest.raises(StreamError, match="UTF-8"):
        for batch in ollama_push._iter_lines(data[a:b] for a, b in zip(points, points[1:])):
            seen.extend(batch)
    assert seen == good


def test_the_reader_limits_line_length_without_buffering_everything(monkeypatch):
    monkeypatch.setattr(ollama_push, "MAX_LINE_BYTES", 100)
    fed = []

    def chunks():
        while True:
            fed.append(1)
            yield b"y" * 30

    with pytest.raises(StreamError, match="longer than 100 bytes"):
        lines_of(chunks())
    assert len(fed) <= 5
    assert lines_of([b"x" * 100 + b"\n"]) == ["x" * 100]
    with pytest.raises(StreamError):
        lines_of([b"ok\n" + b"x" * 101 + b"\nok\n"])
    with pytest.raises(StreamError):
        lines_of([b"x" * 101])


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.text(alphabet=st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)),
                           max_size=20), max_size=12),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=20),
    crlf=st.booleans(),
    final_newline=st.booleans(),
)
def test_any_split_of_the_stream_gives_the_same_lines(lines, cuts, crlf, final_newline):
    sep = "\r\n" if crlf else "\n"
    data = (sep.join(lines) + (sep if final_newline else "")).encode("utf-8")
    points = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    assert lines_of([data[a:b] for a, b in zip(points, points[1:])]) == [line for line in lines if line]


BAD_LINES = {
    "utf-8": (b'{"status":"caf\xe9"}\n', StreamError),
    "json": (b"{not json}\n", StreamError),
    "type": (b'{"status":"s","total":"12"}\n', StreamError),
    "error": (b'{"error":"denied"}\n', ResponseError),
    "long": (b'{"status":"' + b"x" * 300 + b'"}\n', StreamError),
}


@settings(max_examples=300, deadline=None)
@given(
    good=st.lists(st.fixed_dictionaries({"status": st.text(max_size=6), "digest": st.sampled_from(["d1", "d2"]),
                                         "total": st.integers(0, 9999), "completed": st.integers(0, 9999)}),
                  min_size=1, max_size=6),
    bad=st.sampled_from(sorted(BAD_LINES)),
    cuts=st.lists(st.integers(min_value=0, max_value=900), max_size=12),
)
def test_any_reads_yield_every_event_before_the_fault(good, bad, cuts):
    line, error = BAD_LINES[bad]
    data = b"".join(ndjson(*good)) + line
    points = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    seen = []
    old_max, ollama_push.MAX_LINE_BYTES = ollama_push.MAX_LINE_BYTES, 200
    try:
        with pytest.raises(error):
            for batch in ollama_push._iter_lines(data[a:b] for a, b in zip(points, points[1:])):
                for text in batch:
                    event = ollama_push._parse_line(text)
                    if event is not None:
                        seen.append(event)
    finally:
        ollama_push.MAX_LINE_BYTES = old_max
    assert seen == [StatusEvent.from_dict(g) for g in good]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=64), max_size=12))
def test_fuzz_arbitrary_bytes_raise_only_contract_errors(chunks):
    with contextlib.suppress(StreamError, ResponseError):
        for batch in ollama_push._iter_lines(chunks):
            for line in batch:
                assert isinstance(ollama_push._parse_line(line), (StatusEvent, type(None)))


# ===========================================================================
# API: resolve_host()


@pytest.mark.parametrize(
    ("host", "url"),
    [  # the official client's own table
        ("", "http://127.0.0.1:11434"),
        ("1.2.3.4", "http://1.2.3.4:11434"),
        (":56789", "http://127.0.0.1:56789"),
        ("1.2.3.4:56789", "http://1.2.3.4:56789"),
        ("http://1.2.3.4", "http://1.2.3.4:80"),
        ("https://1.2.3.4", "https://1.2.3.4:443"),
        ("https://1.2.3.4:56789", "https://1.2.3.4:56789"),
        ("example.com", "http://example.com:11434"),
        ("example.com:56789", "http://example.com:56789"),
        ("http://example.com", "http://example.com:80"),
        ("https://example.com", "https://example.com:443"),
        ("https://example.com:56789", "https://example.com:56789"),
        ("example.com/", "http://example.com:11434"),
        ("example.com:56789/", "http://example.com:56789"),
        ("example.com/path", "http://example.com:11434/path"),
        ("example.com:56789/path", "http://example.com:56789/path"),
        ("https://example.com:56789/path", "https://example.com:56789/path"),
        ("example.com:56789/path/", "http://example.com:56789/path"),
        ("[0001:002:003:0004::1]", "http://[0001:002:003:0004::1]:11434"),
        ("[0001:002:003:0004::1]:56789", "http://[0001:002:003:0004::1]:56789"),
        ("http://[0001:002:003:0004::1]", "http://[0001:002:003:0004::1]:80"),
        ("https://[0001:002:003:0004::1]", "https://[0001:002:003:0004::1]:443"),
        ("https://[0001:002:003:0004::1]:56789", "https://[0001:002:003:0004::1]:56789"),
        ("[0001:002:003:0004::1]/", "http://[0001:002:003:0004::1]:11434"),
        ("[0001:002:003:0004::1]:56789/", "http://[0001:002:003:0004::1]:56789"),
        ("[0001:002:003:0004::1]/path", "http://[0001:002:003:0004::1]:11434/path"),
        ("[0001:002:003:0004::1]:56789/path", "http://[0001:002:003:0004::1]:56789/path"),
        ("https://[0001:002:003:0004::1]:56789/path", "https://[0001:002:003:0004::1]:56789/path"),
        ("[0001:002:003:0004::1]:56789/path/", "http://[0001:002:003:0004::1]:56789/path"),
    ],
)
def test_resolve_host_normalises_as_the_official_client(host, url):
    assert resolve_host(host) == url


def test_resolve_host_reads_ollama_host(monkeypatch):
    assert resolve_host() == "http://127.0.0.1:11434"
    monkeypatch.setenv("OLLAMA_HOST", "")
    assert resolve_host(None) == "http://127.0.0.1:11434"
    monkeypatch.setenv("OLLAMA_HOST", "example.com:1234")
    assert resolve_host() == "http://example.com:1234"
    assert resolve_host("other:99") == "http://other:99"


@pytest.mark.parametrize("host", [
    "ftp://example.com", "example.com:0", "example.com:65536", "example.com:port",
    "http://exa mple.com", "unix:///tmp/x",
])
def test_resolve_host_rejects_unusable_hosts(host):
    with pytest.raises(ValueError, match="host"):
        resolve_host(host)


def test_resolve_host_rejects_non_strings():
    with pytest.raises(TypeError):
        resolve_host(11434)  # type: ignore[arg-type]


# ===========================================================================
# API: signin_url() and list_models()


@pytest.mark.parametrize("status, body_, expected", [
    (401, b'{"error":"unauthorized","signin_url":"https://ollama.com/connect?name=h&key=k"}',
     "https://ollama.com/connect?name=h&key=k"),
    (401, b'{"error":"unauthorized"}', None),  # a gateway refusing our credentials: not "sign in"
    (401, b"<html>401 Authorization Required</html>", None),
    (401, b'{"signin_url": 5}', None),
    (403, b'{"error":"forbidden","signin_url":"https://ollama.com/connect"}', None),
    (404, b"404 page not found", None),  # an Ollama too old to have /api/me
    (503, b'{"error":"account unavailable"}', None),
    (200, b'{"id":"x","email":"a@b.example","name":"me"}', None),
    (200, b"null", None),
])
def test_signin_url_answers_only_for_a_401_that_offers_one(server, monkeypatch, status, body_, expected):
    server.me = None
    monkeypatch.setenv("OLLAMA_API_KEY", "sk-sent-along")
    server.respond(body_, status=status, framing="length", headers={"Content-Type": "application/json"})
    assert signin_url(server.url) == expected
    (req,) = server.requests
    assert (req.method, req.path) == ("POST", "/api/me")
    assert req.headers["Authorization"] == "Bearer sk-sent-along" and req.headers["User-Agent"].startswith("ollama-push/")


def test_signin_url_cannot_tell_when_nothing_answers(server):
    server.me = None
    never = threading.Event()
    server.respond(never, framing="length", headers={"Content-Length": "10"})
    started = time.monotonic()
    assert signin_url(server.url, timeout=0.5) is None
    assert time.monotonic() - started < 4
    never.set()
    assert signin_url(f"127.0.0.1:{free_port()}") is None
    server.respond(b'{"error":"unauth', DROP, status=401, framing="length", headers={"Content-Length": "90"})
    assert signin_url(server.url) is None


def test_signin_url_bounds_its_read_by_default():
    import inspect

    assert inspect.signature(signin_url).parameters["timeout"].default == 10.0


def test_a_signed_in_answer_is_not_waited_for(server):
    # A 2xx says "signed in" whatever its body: even a body that never ends is not read.
    server.me = None
    never = threading.Event()
    server.respond(b'{"name":"me"', never)
    started = time.monotonic()
    assert signin_url(server.url) is None
    assert time.monotonic() - started < 2
    never.set()


@pytest.mark.parametrize("function", [signin_url, list_models])
@pytest.mark.parametrize("kwargs, error", [
    ({"host": "ftp://x"}, ValueError),
    ({"host": 5}, TypeError),
    ({"headers": {"X": "a\nb"}}, ValueError),
    ({"headers": [("X", "1")]}, TypeError),
    ({"timeout": -1}, ValueError),
    ({"timeout": "5"}, TypeError),
    ({"http": object()}, TypeError),
])
def test_bad_arguments_raise_before_any_io(server, function, kwargs, error):
    kwargs.setdefault("host", server.url)
    with pytest.raises(error):
        function(**kwargs)
    assert server.requests == []


def test_list_models_sends_what_push_sends(server, monkeypatch):
    monkeypatch.setenv("OLLAMA_API_KEY", "sk-sent-along")
    server.respond(b'{"models":[{"name":"a:latest","model":"a:latest"},{"model":"b:7b"}]}', framing="length")
    assert list_models(server.url, headers={"X-Team": "t"}) == ["a:latest", "b:7b"]
    (req,) = server.requests
    assert (req.method, req.path, req.body) == ("GET", "/api/tags", b"")
    assert req.headers["Authorization"] == "Bearer sk-sent-along" and req.headers["X-Team"] == "t"
    assert req.headers["Accept"] == "application/json" and "Content-Type" not in req.headers


@pytest.mark.parametrize("body_, match", [
    (b"not json", "not valid JSON"),
    (b"[1]", "not a JSON object"),
    (b"{}", "models"),
    (b'{"models": {"a": 1}}', "models"),
    (b'{"models": [{"digest": "x"}]}', "no name"),
    (b'{"models": [{"name": 5}]}', "no name"),
    (b'{"models": ["a"]}', "no name"),
])
def test_list_models_calls_a_bad_body_a_stream_error(server, body_, match):
    server.respond(body_, framing="length", headers={"Content-Type": "application/json"})
    with pytest.raises(StreamError, match=match):
        list_models(server.url)


def test_list_models_failures_are_push_errors(server):
    server.respond(b'{"error":"something broke"}', status=500, framing="length")
    with pytest.raises(ResponseError, match="something broke") as info:
        list_models(server.url)
    assert info.value.status_code == 500
    with pytest.raises(ConnectError):
        list_models(f"127.0.0.1:{free_port()}")
    never = threading.Event()
    server.respond(never, framing="length", headers={"Content-Length": "10"})
    with pytest.raises(StreamError, match="timed out"):
        list_models(server.url, timeout=0.5)
    never.set()


def test_the_recorded_sign_in_check(server):
    server.me = None
    server.replies.append(replay("me-offline"))
    assert signin_url(server.url) is None, "503 account unavailable: cannot tell, go on"
    (req,) = server.requests
    assert (req.method, req.path, req.body) == ("POST", "/api/me", b"")
    server.replies.append(replay("me-signed-out"))  # made
    assert signin_url(server.url) == json.loads(
        recording("me-signed-out")["response"]["chunks"][0]["data"])["signin_url"]


def test_the_recorded_model_list(server):
    server.replies.append(replay("tags"))
    body_ = json.loads("".join(c["data"] for c in recording("tags")["response"]["chunks"]))
    assert list_models(server.url) == [m["name"] for m in body_["models"]]
    (req,) = server.requests
    assert (req.method, req.path) == ("GET", "/api/tags")


# ===========================================================================
# API: Progress


def test_progress_sums_layers_and_follows_status():
    p = Progress(Clock())
    assert (p.completed, p.total, p.fraction, p.status, p.done) == (0, 0, None, None, False)
    assert p.rate is None and p.eta is None and p.layers == {}
    p.update(StatusEvent("retrieving manifest"))
    p.update(layer(0, 1000))
    p.update(layer(1, 0, total=1000))
    assert (p.completed, p.total) == (1000, 4000)
    assert p.fraction == 0.25
    assert p.layers == {digest_of(0): (1000, 3000), digest_of(1): (0, 1000)}
    p.update(layer(0, 3000))
    p.update(layer(1, 1000, total=1000))
    p.update(StatusEvent("success"))
    assert (p.completed, p.total, p.fraction, p.status, p.done) == (4000, 4000, 1.0, "success", True)
    assert p.eta == 0.0


def test_progress_rate_follows_the_last_few_seconds():
    clock = Clock()
    p = Progress(clock)
    p.update(layer(0, 0, total=100_000_000))
    clock.now += 0.5
    p.update(layer(0, 500_000, total=100_000_000))
    assert p.rate is None, "half a second is too little to measure"
    sent = 500_000
    for _ in range(20):  # 10 s at 1 MB/s
        clock.now += 0.5
        sent += 500_000
        p.update(layer(0, sent, total=100_000_000))
    assert p.rate == pytest.approx(1_000_000, rel=0.15)
    for _ in range(12):  # then 6 s at 4 MB/s
        clock.now += 0.5
        sent += 2_000_000
        p.update(layer(0, sent, total=100_000_000))
    assert p.rate == pytest.approx(4_000_000, rel=0.15), "the rate must follow the network"
    assert p.eta == pytest.approx((100_000_000 - sent) / p.rate)
    clock.now += 30  # a stall: nothing arrives
    assert p.rate < 400_000


def test_progress_survives_odd_events():
    clock = Clock()
    p = Progress(clock)
    p.update(StatusEvent(digest=DIGEST, total=1000, completed=1000))  # no status, already complete
    p.update(StatusEvent(""))
    p.update(StatusEvent(""))
    assert p.status is None
    assert p.fraction == 1.0
    clock.now += 2
    assert p.rate == 0.0, "an already complete layer moved no bytes"
    p.update(StatusEvent("pushing", DIGEST, 1000, 400))  # completed went back: a retry
    p.update(StatusEvent("pushing", DIGEST, 1000, 400))  # a repeat
    assert (p.completed, p.total, p.fraction) == (400, 1000, 0.4)
    p.update(StatusEvent("pushing", DIGEST, None, 5000))  # more than the total
    assert p.fraction == 1.0 and p.completed == 1000
    p.update(StatusEvent(digest="sha256:other", completed=10))  # no total yet
    assert 0.0 <= p.fraction <= 1.0
    assert p.layer("sha256:other").fraction is None and p.layer(DIGEST).fraction == 1.0


def test_progress_takes_a_number_too_large_for_a_float_in_stride():
    # Found by a second reader: 10**400 is valid JSON and a valid int field.
    clock = Clock()
    p = Progress(clock)
    for i in range(4):
        clock.now += 1
        p.update(StatusEvent("pushing", DIGEST, 10**400, i * 1000))
    assert p.eta is not None and p.layer(DIGEST).eta is not None and 0.0 <= p.fraction <= 1.0


@needs_tracemalloc
def test_progress_keeps_only_a_few_seconds_of_history():
    clock = Clock()
    p = Progress(clock)

    def hours_of_events(n):
        for i in range(n):  # an event every 0.36 s, the rate never read
            clock.now += 0.36
            p.update(layer(0, i % 3000))

    hours_of_events(1000)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        hours_of_events(10_000)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 10_000, grown


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from([None, "", "pushing", "success", "retrieving manifest"]),
    st.sampled_from([None, "sha256:a", "sha256:b"]),
    st.one_of(st.none(), st.integers(-5, 10_000)),
    st.one_of(st.none(), st.integers(-5, 10_000)),
    st.floats(0, 3),
), max_size=40))
def test_progress_never_leaves_its_bounds(steps):
    clock = Clock()
    p = Progress(clock)
    for status, digest, total, completed, dt in steps:
        clock.now += dt
        p.update(StatusEvent(status, digest, total, completed))
        assert 0 <= p.completed <= p.total
        assert p.fraction is None or 0.0 <= p.fraction <= 1.0
        assert p.rate is None or p.rate >= 0
        assert p.eta is None or p.eta >= 0
        assert p.stalled is None or (p.stalled >= 3 and p.eta is None)
        assert p.attempts >= 1
        for key in p.layers:
            one = p.layer(key)
            assert (one.completed, one.total) == p.layers[key]
            assert one.fraction is None or 0.0 <= one.fraction <= 1.0
            assert one.rate is None or one.rate >= 0
            assert one.eta is None or one.eta >= 0
            assert one.stalled is None or (one.stalled >= 3 and one.eta is None)


def test_progress_tells_a_stall_from_headway():
    clock = Clock()
    p = Progress(clock)
    p.update(StatusEvent("retrieving manifest"))
    for done in (0, 1000, 2000):
        clock.now += 1
        p.update(layer(0, done))
    assert p.stalled is None and p.attempts == 1
    clock.now += 2.9
    p.update(layer(0, 1500))  # falls back: Ollama retrying a part
    assert p.stalled is None, "2.9 s is not yet a stall"
    assert p.layer(digest_of(0)).resent == 500, "told as bytes sent again"
    clock.now += 0.2
    assert p.stalled == pytest.approx(3.1) and p.eta is None
    for _ in range(20):  # creeping up again, below the high: still stalled
        clock.now += 0.5
        p.update(layer(0, p.layers[digest_of(0)][0] + 20))
    assert p.stalled == pytest.approx(13.1)
    clock.now += 10  # nothing arrives at all: the stall grows all the same
    assert p.stalled == pytest.approx(23.1)
    p.update(layer(0, 2001))  # a new high
    assert p.stalled is None and p.layer(digest_of(0)).resent == 500
    clock.now += 5
    assert p.stalled == pytest.approx(5)
    p.update(layer(0, 3000))
    clock.now += 60
    assert p.stalled is None, "a finished layer never stalls"
    p.update(layer(1, 0))
    clock.now += 4
    assert p.stalled == pytest.approx(4), "the latest layer counts"
    p.update(StatusEvent("retrieving manifest"))  # a retry: the layers begin afresh
    assert p.stalled is None and p.attempts == 2
    clock.now += 1
    p.update(layer(1, 0))
    clock.now += 2
    assert p.stalled is None
    clock.now += 2
    assert p.stalled == pytest.approx(4)
    p.update(StatusEvent("success"))
    assert p.stalled is None and p.eta == 0.0


def test_progress_gives_each_layer_its_own_rate_time_left_and_stall():
    clock = Clock()
    p = Progress(clock)
    p.update(StatusEvent("retrieving manifest"))
    p.update(layer(0, 0, total=10_000_000))
    p.update(layer(1, 0, total=10_000_000))
    for step in range(1, 11):  # layer 0 at 1 MB/s; layer 1 stops after a second
        clock.now += 0.5
        p.update(layer(0, step * 500_000, total=10_000_000))
        if step <= 2:
            p.update(layer(1, step * 250_000, total=10_000_000))
    first, second = p.layer(digest_of(0)), p.layer(digest_of(1))
    assert isinstance(first, Progress.Layer) and first.status == "pushing 2af3b81862c0"
    assert (first.completed, first.total, first.fraction) == (5_000_000, 10_000_000, 0.5)
    assert first.rate == pytest.approx(1_000_000, rel=0.01) and first.eta == pytest.approx(5, rel=0.01)
    assert first.stalled is None
    assert (second.completed, second.stalled, second.eta) == (500_000, pytest.approx(4), None)
    assert second.rate == pytest.approx(500_000 / 5, rel=0.01), "over the last five seconds"
    assert p.stalled is None, "the overall stall is the latest layer's"
    with pytest.raises(KeyError):
        p.layer("sha256:never-seen")
    p.update(layer(0, 10_000_000, total=10_000_000))
    assert (p.layer(digest_of(0)).eta, p.layer(digest_of(0)).stalled) == (0.0, None)
    p.update(StatusEvent("success"))
    assert p.layer(digest_of(1)) == Progress.Layer(
        "pushing 2af3b81862c1", 10_000_000, 10_000_000, p.layer(digest_of(1)).rate, 0.0, None)


def test_a_layers_rate_starts_afresh_with_each_attempt():
    clock = Clock()
    p = Progress(clock)
    for done in range(0, 3000, 300):
        clock.now += 0.5
        p.update(layer(0, done))
    assert p.layer(digest_of(0)).rate == pytest.approx(600, rel=0.01)
    p.update(StatusEvent("retrieving manifest"))
    clock.now += 0.5
    p.update(layer(0, 0))
    assert p.layer(digest_of(0)).rate is None, "the last attempt's bytes are no rate of this one's"
    clock.now += 1
    p.update(layer(0, 1000))
    assert p.layer(digest_of(0)).rate == pytest.approx(1000, rel=0.01)


def test_a_retried_push_folds_into_progress():
    clock = Clock()
    progress = Progress(clock)
    first = [StatusEvent("retrieving manifest"), layer(0, 3000), layer(1, 0), layer(1, 1000), layer(1, 2000)]
    again = [StatusEvent("retrieving manifest"), layer(0, 3000), layer(1, 0), layer(1, 1500), layer(1, 3000),
             StatusEvent("pushing manifest"), StatusEvent("success")]
    seen = []
    for event in first + again:
        clock.now += 0.5
        progress.update(event)
        seen.append((progress.completed, progress.total))
        assert 0.0 <= (progress.fraction or 0.0) <= 1.0
    assert seen[4] == (5000, 6000) and seen[7] == (3000, 6000), "a layer's completed goes back"
    assert progress.done and progress.fraction == 1.0 and progress.layers[digest_of(1)] == (3000, 3000)
    assert progress.eta == 0.0 and progress.status == "success"


def test_success_completes_a_layer_the_retry_did_not_report_again():
    progress = Progress(Clock())
    for event in [layer(0, 1000), layer(1, 500), StatusEvent("retrieving manifest"), layer(0, 3000),
                  StatusEvent("success")]:
        progress.update(event)
    assert progress.done and progress.fraction == 1.0 and progress.completed == progress.total == 6000
    assert progress.layers == {digest_of(0): (3000, 3000), digest_of(1): (3000, 3000)}
    assert progress.layer(digest_of(1)).fraction == 1.0


def test_progress_on_the_recorded_stall():
    # upload-invalid, at its recorded times: a new high at 2.07 s, then the
    # layer falls back, climbs partway and creeps for a minute.
    clock = Clock()
    p = Progress(clock)
    stalled_at = None
    for chunk in recording("upload-invalid")["response"]["chunks"][:-1]:
        clock.now = 100 + chunk["t"]
        event = StatusEvent.from_dict(json.loads(chunk["data"]))
        p.update(event)
        if stalled_at is None and p.stalled is not None:
            stalled_at = chunk["t"]
        assert (p.stalled is None) == (chunk["t"] < 2.068061 + 3)
        assert p.stalled is None or p.eta is None
        if event.digest:
            assert p.layer(event.digest).stalled == p.stalled
    assert 5.06 < stalled_at < 5.3 and p.stalled == pytest.approx(65.308465 - 2.068061)
    for chunk in recording("big-again")["response"]["chunks"]:  # the retry: headway again
        clock.now += 0.06
        p.update(StatusEvent.from_dict(json.loads(chunk["data"])))
        assert p.stalled is None
    assert p.done and p.attempts == 2


# ===========================================================================
# Retries


TRANSIENT_MESSAGES = [
    ("max retries exceeded: http status 502 Bad Gateway: <html><body>502</body></html>",
     "the registry failed for a while"),
    ('max retries exceeded: Put "https://r.example/v2/u/m/blobs/uploads/x": write tcp 10.0.0.2:51234->10.0.0.9:443: '
     "write: broken pipe", "the connection to the registry broke"),
    ("max retries exceeded: read tcp 10.0.0.2:51234->10.0.0.9:443: read: connection reset by peer",
     "the connection to the registry broke"),
    ("max retries exceeded: http status 429 Too Many Requests", "the upload to the registry kept failing"),
    ("max retries exceeded: http status 408 Request Timeout: ", "the registry did not answer in time"),
    ('Patch "https://r.example/v2/u/m/blobs/uploads/x": EOF', "the connection to the registry broke"),
    ("unexpected EOF", "the connection to the registry broke"),
    ("net/http: TLS handshake timeout", "the registry did not answer in time"),
    ("dial tcp 10.0.0.9:443: i/o timeout", "the registry did not answer in time"),
    ("context deadline exceeded (Client.Timeout exceeded while awaiting headers)", "the registry did not answer in time"),
    ("read: operation timed out", "the registry did not answer in time"),
    # recorded (upload-invalid): a registry refusing a broken upload session; a fresh push starts a new one
    ('max retries exceeded: http status 404 Not Found: {"errors":[{"code":"BLOB_UPLOAD_INVALID",'
     '"message":"blob upload invalid"}]}\n', "the registry dropped the upload (BLOB_UPLOAD_INVALID)"),
    # recorded (concurrent-shared-layer): a shared layer went to another repository first
    ('400: {"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry","detail":"sha256:b5"}]}\n',
     "a shared layer went to another repository (MANIFEST_BLOB_UNKNOWN)"),
    ('max retries exceeded: http status 404 Not Found: "{\\"errors\\":[{\\"code\\":\\"BLOB_UPLOAD_UNKNOWN\\"}]}"',
     "the registry dropped the upload (BLOB_UPLOAD_UNKNOWN)"),
    ('http status 503 Service Unavailable: {"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}',
     "the registry is unavailable (UNAVAILABLE)"),
    ('max retries exceeded: http status 429 Too Many Requests: {"errors":[{"code": "TOOMANYREQUESTS"}]}',
     "the registry asks to slow down (TOOMANYREQUESTS)"),
    # recorded (registry-down): nothing listening at the registry yet, as while it restarts
    ('Head "http://127.0.0.1:5001/v2/library/tiny/blobs/sha256:00b5": dial tcp 127.0.0.1:5001: connect: '
     "connection refused", "the registry refused the connection"),
    ('max retries exceeded: an unlisted code falls back to the message rules: {"code":"UNKNOWN"}',
     "the upload to the registry kept failing"),
    # a quoted 4xx counts against Ollama's give-up only; a network failure beside it is one
    ("write tcp 10.0.0.2:51234->10.0.0.9:443: write: broken pipe; last status 403",
     "the connection to the registry broke"),
    ("http status 404 Not Found: unexpected EOF", "the connection to the registry broke"),
    ("dial tcp: lookup registry.example on 10.0.0.2:53: read udp 10.0.0.5:4711->10.0.0.2:53: i/o timeout",
     "a DNS lookup failed for a while"),
]
PERMANENT_MESSAGES = [
    "max retries exceeded: http status 413 Request Entity Too Large: <html>too big</html>",
    "max retries exceeded: http status 401 Unauthorized",
    "unauthorized",
    '403: {"errors":[{"code":"DENIED","message":"access denied"}]}',
    "open /root/.ollama/models/blobs/sha256-2af3b81862c6: no such file or directory",
    "insecure protocol http",
    "open /root/.ollama/models/manifests/x: permission denied",
    "model 'u/m' not found",
    "EOFError is not a Go error",
    "model 'me/eof' not found",  # EOF is Go's word, matched in its own letter case
    'max retries exceeded: http status 403 Forbidden: {"errors":[{"code":"DENIED","message":"requested access"}]}',
    # a permanent code wins over a transient one in the same message
    'max retries exceeded: {"errors":[{"code":"BLOB_UPLOAD_INVALID"},{"code":"NAME_UNKNOWN"}]}',
    'max retries exceeded: {"errors":[{"code":"SIZE_INVALID"},{"code":"UNAVAILABLE"}]}',
    "account unavailable",  # a word, not a code
    '{"errors":[{"code":"unavailable"}]}',  # codes are upper case
    'max retries exceeded: http status 404 Not Found: {"errors":[{"code":"BLOB_UNKNOWN"}]}',  # unlisted: the 404
    # recorded (registry-unresolvable): a name that does not exist and an unreachable network stay permanent
    'Head "https://registry.ollama.ai/v2/someuser/tiny/blobs/sha256:00b5": dial tcp: lookup registry.ollama.ai '
    "on 127.0.0.53:53: dial udp 127.0.0.53:53: connect: network is unreachable",
    "dial tcp: lookup registry.example: no such host",
    'Head "https://r.example/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    'Head "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client',
]


@pytest.mark.parametrize("message, cause", TRANSIENT_MESSAGES)
def test_an_error_line_reporting_a_network_failure_is_retried_with_its_cause(server, waits, caplog, message, cause):
    server.respond(*failing(message))
    server.respond(*push_lines())
    caplog.set_level(logging.WARNING, logger="ollama_push")
    events = list(push("u/m", host=server.url, retries=2))
    assert statuses(events) == ["retrieving manifest"] + statuses(events_of(push_lines()))
    assert len(server.requests) == 2 and server.requests[0].body == server.requests[1].body
    assert len(waits) == 1 and 0.5 <= waits[0] <= 1.5
    (record,) = caplog.records
    assert record.cause == cause and record.reason == message.strip()
    assert ResponseError(message).retry_reason == cause


@pytest.mark.parametrize("message", PERMANENT_MESSAGES)
def test_other_error_lines_are_raised_at_once(server, waits, message):
    server.respond(*failing(message))
    server.respond(*push_lines())
    seen = []
    with pytest.raises(ResponseError) as info:
        for event in push("u/m", host=server.url, retries=3):
            seen.append(event.status)
    assert info.value.error == message and seen == ["retrieving manifest"]
    assert info.value.retry_reason is None
    assert len(server.requests) == 1 and waits == []


def test_each_wait_is_spread_over_half_to_one_and_a_half_of_its_nominal_value(server, monkeypatch):
    asked = []
    monkeypatch.setattr(time, "sleep", asked.append)
    server.default = Reply([b"bad gateway"], status=502, framing="length")
    spreads = collections.defaultdict(list)
    for _ in range(30):
        asked.clear()
        with pytest.raises(ResponseError):
            list(push("u/m", host=server.url, retries=9))
        for attempt, wait in enumerate(asked):
            spreads[attempt].append(wait)
    for attempt, waits_ in spreads.items():
        nominal = 2 ** attempt
        assert min(nominal * 0.5, 30) <= min(waits_) and max(waits_) <= min(nominal * 1.5, 30)
        if nominal <= 8:  # really spread, not one value
            assert min(waits_) < nominal * 0.8 and max(waits_) > nominal * 1.2
    assert spreads[8] == [30.0] * 30, "the cap applies after the spread"


def test_sixteen_pushes_that_race_for_a_shared_layer_all_succeed(server, monkeypatch):
    # As in the recording concurrent-shared-layer: each model's first attempt is
    # refused with MANIFEST_BLOB_UNKNOWN, a fresh push succeeds.
    real = time.sleep
    monkeypatch.setattr(time, "sleep", lambda seconds: real(seconds / 20))
    refused = set()
    lock = threading.Lock()

    def reply_for(request):
        name = json.loads(request.body)["model"]
        with lock:
            first = name not in refused
            refused.add(name)
        if first:
            return Reply(failing('400: {"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to '
                                 'registry","detail":"sha256:b507"}]}\n'))
        return Reply(push_lines(layers=1, steps=1))

    server.default = reply_for
    results = {}

    def work(n):
        results[n] = statuses(push(f"127.0.0.1:5000/library/c{n}", host=server.url, retries=3))[-1]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == {n: "success" for n in range(16)} and len(server.requests) == 32


@pytest.mark.parametrize("message, retried", [(TRANSIENT_MESSAGES[0][0], True), (TRANSIENT_MESSAGES[1][0], True),
                                              ("permission denied", False), (PERMANENT_MESSAGES[0], False)])
def test_stream_false_retries_on_an_http_500_by_its_message(server, waits, message, retried):
    server.respond(json.dumps({"error": message}).encode(), status=500, framing="length")
    server.respond(b'{"status":"success"}', framing="length")
    if retried:
        assert push("u/m", host=server.url, stream=False, retries=1) == StatusResponse("success")
        assert json.loads(server.requests[1].body) == {"model": "u/m", "insecure": False, "stream": False}
    else:
        with pytest.raises(ResponseError, match=re.escape(message[:30])) as info:
            push("u/m", host=server.url, stream=False, retries=1)
        assert info.value.status_code == 500
    assert len(server.requests) == (2 if retried else 1)


@pytest.mark.parametrize("status, cause", [
    (408, "HTTP 408 Request Timeout"), (429, "HTTP 429 Too Many Requests"), (502, "HTTP 502 Bad Gateway"),
    (503, "HTTP 503 Service Unavailable"), (504, "HTTP 504 Gateway Timeout"),
    (400, None), (401, None), (403, None), (404, None), (413, None), (501, None),
])
def test_http_statuses_that_are_retried(server, waits, status, cause):
    server.respond(b'{"error":"no"}', status=status, framing="length")
    server.respond(*push_lines())
    if cause:
        assert statuses(push("u/m", host=server.url, retries=1))[-1] == "success"
    else:
        with pytest.raises(ResponseError) as info:
            list(push("u/m", host=server.url, retries=1))
        assert info.value.status_code == status
    assert len(server.requests) == (2 if cause else 1)
    assert ResponseError("no", status).retry_reason == cause


@pytest.mark.parametrize("status", [401, 404, 502])
def test_an_error_status_whose_body_is_cut_short_is_still_that_status(server, waits, status):
    server.respond(b'{"error":"unauth', DROP, status=status, framing="length", headers={"Content-Length": "100"})
    server.respond(*push_lines())
    if status == 502:
        assert statuses(push("u/m", host=server.url, retries=1))[-1] == "success"
        return
    with pytest.raises(ResponseError) as info:
        list(push("u/m", host=server.url, retries=1))
    assert info.value.status_code == status and len(server.requests) == 1 and waits == []


@pytest.mark.parametrize("status, retry_after, wait", [
    (429, "7", 7), (503, "0", 0), (503, "120", 60), (502, "7", None), (429, "soon", None),
    (429, "Wed, 21 Oct 2026 07:28:00 GMT", None),
])
def test_retry_after_is_honoured_on_429_and_503(server, waits, status, retry_after, wait):
    server.respond(b"busy", status=status, framing="length", headers={"Retry-After": retry_after})
    server.respond(*push_lines())
    list(push("u/m", host=server.url, retries=1))
    if wait is None:  # the usual wait instead
        assert 0.5 <= waits[0] <= 1.5
    else:
        assert waits == [wait]


@pytest.mark.parametrize("how, cause", [
    ("drop-chunked", "the connection dropped"), ("drop-length", "the connection dropped"),
    ("drop-close", "the stream ended before success"), ("reset", "the connection dropped"),
    ("no-success", "the stream ended before success"), ("timeout", "the read timed out"),
])
def test_a_stream_cut_short_is_sent_again(server, waits, caplog, how, cause):
    first = push_lines(layers=1, steps=1)[:2]
    never = threading.Event()
    if how == "reset":
        server.respond(*first, reset, DROP)
    elif how == "no-success":
        server.respond(*first)
    elif how == "timeout":
        server.respond(*first, never)
    else:
        framing = how.split("-")[1]
        server.respond(*first, DROP, framing=framing, headers={"Content-Length": "1000"} if framing == "length" else None)
    server.respond(*push_lines(layers=1, steps=1))
    caplog.set_level(logging.WARNING, logger="ollama_push")
    events = list(push("u/m", host=server.url, retries=1, timeout=0.5 if how == "timeout" else None))
    never.set()
    assert events == events_of(first + push_lines(1, 1))
    assert len(server.requests) == 2 and len(waits) == 1 and caplog.records[0].cause == cause


@pytest.mark.parametrize("parts, match", [
    ([b"{not json}\n"], "not valid JSON"),
    ([b'{"status":"s","total":"12"}\n'], "should be int"),
    ([b'{"status":"caf\xe9"}\n'], "UTF-8"),
    ([b'{"status":"' + b"x" * ollama_push.MAX_LINE_BYTES + b'"}\n'], "longer than"),
])
def test_a_malformed_response_is_never_sent_again(server, waits, parts, match):
    server.respond(*ndjson({"status": "retrieving manifest"}), *parts)
    server.respond(*push_lines())
    with pytest.raises(StreamError, match=match) as info:
        list(push("u/m", host=server.url, retries=3))
    assert len(server.requests) == 1 and waits == [] and info.value.retry_reason is None


def test_nothing_listening_on_the_first_attempt_is_raised_at_once(waits):
    started = time.monotonic()
    with pytest.raises(ConnectError) as info:
        list(push("u/m", host=f"127.0.0.1:{free_port()}", retries=5))
    assert waits == [] and time.monotonic() - started < 2
    assert info.value.retry_reason == "Ollama is not answering (restarting?)", "worth trying later, not at once"


def test_a_refused_connection_on_a_later_attempt_is_ollama_restarting(monkeypatch, caplog):
    first = Server()
    port = first.port
    first.respond(*failing("max retries exceeded: write: broken pipe"))
    later = []

    def between_attempts(seconds):  # the first wait: Ollama goes away; the second: it is back
        if not later:
            first.close()
            later.append(None)
        else:
            later.append(Server(port))
            later[-1].respond(*push_lines())

    monkeypatch.setattr(time, "sleep", between_attempts)
    caplog.set_level(logging.WARNING, logger="ollama_push")
    try:
        events = list(push("u/m", host=first.url, retries=2))
        assert events[-1].status == "success" and len(later[-1].requests) == 1
        assert [r.cause for r in caplog.records] == [
            "the connection to the registry broke", "Ollama is not answering (restarting?)"]
    finally:
        later[-1].close()


def test_the_attempts_run_out_and_the_last_failure_is_raised(server, waits):
    for n in range(4):
        server.respond(*failing(f"max retries exceeded: write: broken pipe (attempt {n + 1})"))
    seen = []
    with pytest.raises(ResponseError, match=r"broken pipe \(attempt 4\)") as info:
        for event in push("u/m", host=server.url, retries=3):
            seen.append(event.status)
    assert seen == ["retrieving manifest"] * 4 and len(server.requests) == 4
    assert [0.5 <= w / 2**n <= 1.5 for n, w in enumerate(waits)] == [True] * 3
    assert info.value.retry_reason == "the connection to the registry broke", "a script may try again later"


def test_waits_double_up_to_30_seconds(server, waits):
    server.default = Reply([b"bad gateway"], status=502, framing="length")
    with pytest.raises(ResponseError):
        list(push("u/m", host=server.url, retries=8))
    assert len(waits) == 8 and len(server.requests) == 9
    for wait, nominal in zip(waits, [1, 2, 4, 8, 16, 32, 64, 128]):
        assert min(nominal * 0.5, 30) <= wait <= min(nominal * 1.5, 30)  # spread first, then capped


@pytest.mark.parametrize("retries", [2, 1])
def test_fails_twice_then_succeeds_or_runs_out(server, waits, retries):
    server.respond(b"", status=503, framing="length")
    server.respond(*failing("max retries exceeded: EOF"))
    server.respond(*push_lines())
    events = push("u/m", host=server.url, retries=retries)
    if retries == 2:
        assert statuses(events)[-1] == "success" and len(server.requests) == 3
    else:
        with pytest.raises(ResponseError, match="max retries exceeded: EOF"):
            list(events)
        assert len(server.requests) == 2
    assert len(waits) == retries


def test_every_attempts_events_are_yielded_and_one_success_ends_the_push(server, waits):
    server.respond(b"", status=503, framing="length")
    server.respond(*push_lines(layers=2, steps=3)[:6], DROP)
    server.respond(*push_lines(layers=2, steps=3))
    progress = Progress()
    events = []
    for event in push(PushRequest("u/m"), host=server.url, retries=2):
        events.append(event)
        progress.update(event)
    assert len(server.requests) == 3
    assert statuses(events).count("retrieving manifest") == 2 and statuses(events).count("success") == 1
    assert events[-1].status == "success"
    assert progress.done and progress.fraction == 1.0 and progress.completed == progress.total == 6000


def test_retries_work_with_a_given_pool_and_go_back_to_the_original_url(server, other_server, monkeypatch, waits):
    monkeypatch.setenv("OLLAMA_API_KEY", "k3y-for-the-first-host-only")
    server.respond(status=307, headers={"Location": other_server.url + "/api/push"}, framing="length")
    other_server.respond(b"bad gateway", status=502, framing="length")
    server.respond(*push_lines())
    pool = made(urllib3.PoolManager())
    assert statuses(push("u/m", host=server.url, http=pool, retries=1))[-1] == "success"
    assert [r.path for r in server.requests] == ["/api/push", "/api/push"]
    assert server.requests[1].headers["Authorization"] == "Bearer k3y-for-the-first-host-only"
    assert "Authorization" not in other_server.requests[0].headers


def test_a_failed_attempt_is_closed_before_the_wait(server, monkeypatch):
    # The half-read connection is closed at once, never pooled: Ollama sees
    # the disconnect (and cancels) while we wait, and the next attempt goes
    # out on a connection of its own.
    server.respond(*failing("max retries exceeded: EOF"), AWAIT_EOF)
    server.respond(*push_lines())
    closed_when_waiting = []
    monkeypatch.setattr(time, "sleep", lambda seconds: closed_when_waiting.append(server.eof.wait(2)))
    assert statuses(push("u/m", host=server.url, http=made(urllib3.PoolManager()), retries=1))[-1] == "success"
    assert closed_when_waiting == [True]
    assert server.requests[0].port != server.requests[1].port


def test_each_retry_logs_one_redacted_warning(server, waits, monkeypatch, caplog):
    key = "sk-live-0123456789abcdef"
    monkeypatch.setenv("OLLAMA_API_KEY", key)
    server.respond(*failing(f"max retries exceeded: http status 502 Bad Gateway: echoed Bearer {key}"))
    server.respond(*failing("unexpected EOF\n"))
    server.respond(*push_lines())
    caplog.set_level(logging.DEBUG, logger="ollama_push")
    list(push("u/m", host=server.url, retries=3))
    records = [r for r in caplog.records if r.name == "ollama_push" and r.levelno > logging.DEBUG]
    assert [r.levelname for r in records] == ["WARNING", "WARNING"]
    first, second = (r.getMessage() for r in records)
    assert first == ("the registry failed for a while; retry 1 of 3 in 1s: "
                     "max retries exceeded: http status 502 Bad Gateway: echoed ***")
    assert second == "the connection to the registry broke; retry 2 of 3 in 2s: unexpected EOF"
    assert (records[0].attempt, records[0].attempts, records[0].wait) == (2, 4, waits[0])
    assert records[1].reason == "unexpected EOF", "the server's text whole, stripped"
    for record in caplog.records:
        assert key not in record.getMessage() and key not in repr(vars(record))


def test_the_logger_is_silent_unless_configured(server):
    server.respond(b"bad gateway", status=502, framing="length")
    server.respond(*push_lines())
    script = ("import ollama_push, sys, time\n"
              "time.sleep = lambda seconds: None\n"
              "print(list(ollama_push.push('u/m', host=sys.argv[1], retries=1))[-1].status)\n")
    proc = subprocess.run([sys.executable, "-c", script, server.url], capture_output=True, text=True,
                          timeout=60, cwd=HERE)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "success\n", "")
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("ollama_push").handlers)


def test_ctrl_c_during_a_wait_sends_nothing_more(server, monkeypatch):
    def interrupted(seconds):
        raise KeyboardInterrupt
    monkeypatch.setattr(time, "sleep", interrupted)
    server.respond(b"bad gateway", status=502, framing="length")
    server.respond(*push_lines())
    with pytest.raises(KeyboardInterrupt):
        list(push("u/m", host=server.url, retries=3))
    threading.Event().wait(0.2)
    assert len(server.requests) == 1


@pytest.mark.parametrize("name, message", [
    ("missing-model", "open /root/.ollama/models/manifests/127.0.0.1:5000/library/nosuch/latest: no such file"),
    ("no-insecure", "http: server gave HTTP response to HTTPS client"),
    ("registry-unresolvable", "connect: network is unreachable"),
    ("bad-name", "unqualified name: registry.ollama.ai/library/bad name!!:latest"),
])
def test_recorded_refusals_are_raised_at_once_whole(server, waits, name, message):
    server.replies.append(replay(name))
    seen = []
    with pytest.raises(ResponseError) as info:
        for event in push("u/m", host=server.url, retries=3):
            seen.append(event)
    assert seen == recorded_events(name) and info.value.status_code == -1
    assert message in str(info.value) and "characters ..." not in str(info.value), "kept whole"
    assert len(server.requests) == 1 and waits == []


@pytest.mark.parametrize("name, then, cause", [
    ("upload-invalid", "big-again", "the registry dropped the upload (BLOB_UPLOAD_INVALID)"),  # made: a retry
    ("concurrent-shared-layer", "c5-again", "a shared layer went to another repository (MANIFEST_BLOB_UNKNOWN)"),
    ("ollama-killed", "big-again", "the connection dropped"),
    ("registry-down", "gguf-first", "the registry refused the connection"),
])
def test_recorded_transient_failures_are_sent_again_and_succeed(server, waits, caplog, name, then, cause):
    server.replies.append(replay(name))
    server.replies.append(replay(then))
    caplog.set_level(logging.WARNING, logger="ollama_push")
    progress = Progress()
    events = []
    for event in push("u/m", host=server.url, retries=1):
        events.append(event)
        progress.update(event)
    assert events == recorded_events(name) + recorded_events(then)
    assert len(server.requests) == 2 and len(waits) == 1 and caplog.records[0].cause == cause
    assert progress.done and progress.fraction == 1.0 and progress.attempts == 2


def test_a_recorded_transient_failure_is_raised_when_the_attempts_run_out(server, waits):
    server.replies.append(replay("upload-invalid"))
    with pytest.raises(ResponseError, match="BLOB_UPLOAD_INVALID") as info:
        list(push("u/m", host=server.url))
    assert info.value.error.endswith('"message":"blob upload invalid"}]}\n')
    server.replies.append(replay("ollama-killed"))
    with pytest.raises(StreamError, match="closed before the response ended"):
        list(push("u/m", host=server.url))


@pytest.mark.parametrize("name, message", [("bad-json", "unexpected EOF"), ("no-model-field", "model is required")])
def test_recorded_error_bodies_are_response_errors_never_retried(server, waits, name, message):
    # Bodies push() never provokes (it always sends a model, as JSON): Ollama's 400s, through the error-body path.
    for stream in (True, False):
        server.replies.append(replay(name))
        with pytest.raises(ResponseError) as info:
            result = push("u/m", host=server.url, stream=stream, retries=3)
            if stream:
                list(result)
        assert (info.value.status_code, info.value.error) == (400, message)
        assert str(info.value) == f"{message} (status code: 400)"
    assert len(server.requests) == 2 and waits == [], "'EOF' in a 400 is no network failure"


# ===========================================================================
# Command line


def run_cli(*args, env=None, **kwargs):
    """``python -m ollama_push ARGS`` in a child process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "ollama_push", *args],
        capture_output=True, text=True, timeout=60, cwd=HERE, env=dict(os.environ, **(env or {})), **kwargs,
    )


def run_shell(command, url, env=None):
    """The CLI under sh, for redirections a user writes (``2>&-``): ``$PY`` and ``$URL`` are set."""
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60, cwd=HERE,
                          env=dict(os.environ, PY=sys.executable, URL=url, **(env or {})))


def records(out):
    """The lines --json wrote: Ollama's events and ollama-push's own records."""
    return [json.loads(line) for line in out.splitlines()]


def test_the_command_line_pushes_and_exits_0(server, capsys):
    server.respond(*push_lines())
    assert main(["u/m", "--host", server.url, "--insecure"]) == 0
    assert json.loads(server.requests[0].body)["insecure"] is True
    out, err = capsys.readouterr()
    assert err.startswith("retrieving manifest\npushing 2af3b81862c0   0% 0 B/3 KB\n")
    assert "pushing 2af3b81862c1 100% 3 KB\npushing manifest\nsuccess\n" in err
    assert re.search(r"\npushed u/m: 2 layers, 6 KB, \d\.\ds\n$", err)
    assert out == "\nYou can find your model at:\n\n\thttps://ollama.com/u/m\n"
    assert "\x1b" not in err, "no escape codes off a terminal"


@pytest.mark.parametrize("name, where", [
    ("u/m", "https://ollama.com/u/m"),
    ("u/m:latest", "https://ollama.com/u/m"),
    ("u/m:v2", "https://ollama.com/u/m:v2"),
    ("m", "https://ollama.com/m"),
    ("registry.ollama.ai/u/m:latest", "https://ollama.com/u/m"),
    ("registry.ollama.com/library/m", "https://ollama.com/m"),
    ("localhost:5000/team/m", "localhost:5000/team/m:latest"),
    ("example.com/team/m:v1", "example.com/team/m:v1"),
])
def test_the_command_line_says_where_the_model_went(server, capsys, name, where):
    server.respond(*push_lines(layers=1, steps=1))
    assert main([name, "--host", server.url]) == 0
    assert capsys.readouterr().out == f"\nYou can find your model at:\n\n\t{where}\n"


def test_json_writes_the_events_and_nothing_else(server):
    lines = push_lines()
    server.respond(*lines)
    proc = run_cli("--json", "u/m", "--host", server.url)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "".join(line.decode() for line in lines), "Ollama's lines as they are, compact"


def test_json_is_flushed_per_line(server):
    first_read = threading.Event()
    lines = push_lines(layers=1, steps=1)
    reply = Reply([lines[0], first_read, *lines[1:]])
    server.replies.append(reply)
    proc = subprocess.Popen([sys.executable, "-m", "ollama_push", "--json", "u/m", "--host", server.url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE)
    assert json.loads(proc.stdout.readline()) == json.loads(lines[0])
    first_read.set()
    proc.communicate(timeout=30)
    assert proc.returncode == 0 and reply.waited == [True]


def test_quiet_prints_nothing_but_errors(server, capsys):
    server.respond(*push_lines())
    assert main(["--quiet", "u/m", "--host", server.url]) == 0
    assert capsys.readouterr() == ("", "")
    server.respond(*failing("registry said no"))
    assert main(["--quiet", "u/m", "--host", server.url]) == 1
    assert capsys.readouterr() == ("", "ollama-push: error: registry said no\n")  # no meaningless -1


def test_a_server_error_exits_1_with_the_servers_message(server, capsys):
    server.respond(b'{"error":"model not found: u/m"}', status=404, framing="length")
    assert main(["u/m", "--host", server.url]) == 1
    assert capsys.readouterr() == ("", "ollama-push: error: model not found: u/m (status code: 404)\n")


R2 = ("https://dd20bb891979d25aebc8bec07b2b3bbc.r2.cloudflarestorage.com/ollama/docker/registry/v2/repositories/u/m/"
      "_uploads/71cc/data?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=66040c77ac1b787c3af820529859349a%2F2024"
      "0119%2Fauto%2Fs3%2Faws4_request&X-Amz-Date=20240119T140540Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
      "&partNumber=28&uploadId=AD3DIyDomRmw&X-Amz-Signature=60121f8d44aff8e6e97c82531b630a1b")
KEY_ADVICE = ("Push under a namespace you own (`ollama cp u/m <you>/<model>`), and check that your ollama.com account "
              "has the public key of the Ollama server itself: the key of the user it runs as, such as "
              "~/.ollama/id_ed25519.pub (for a Linux service, /usr/share/ollama/.ollama/id_ed25519.pub)")
GATEWAY = ("A gateway in front of the Ollama at {host} refused the request, not the registry: give it the "
           "credentials it wants (OLLAMA_API_KEY, or an Authorization header)")
# The failure catalogue, row by row, with messages as real servers wrote them: the recordings in
# testdata/, Ollama's source (server/images.go, upload.go, auth.go) and users' reports on
# ollama/ollama (numbers given). (model, the reply, retried?, the cause, the advice.)
CATALOGUE = [
    ("u/m", lambda: body(408, b"timeout"), True, "HTTP 408 Request Timeout", None),
    ("u/m", lambda: body(429), True, "HTTP 429 Too Many Requests", None),
    ("u/m", lambda: body(502, b"<html><center>cloudflare</center></html>"), True, "HTTP 502 Bad Gateway", None),
    ("u/m", lambda: body(503, b"busy"), True, "HTTP 503 Service Unavailable", None),
    ("u/m", lambda: body(504), True, "HTTP 504 Gateway Timeout", None),
    ("u/m", lambda: body(401, b'{"error":"unauthorized","signin_url":"https://ollama.com/connect?k=2"}'), False,
     "signed out of ollama.com", "Sign in at https://ollama.com/connect?k=2 (or run `ollama signin`), then push again"),
    ("u/m", lambda: body(403), False, "Ollama refused the request's Host or Origin",
     "Behind a proxy that forwards the public host name, have it send Host: localhost, or set OLLAMA_HOST "
     "(or OLLAMA_ORIGINS) where Ollama runs"),
    ("u/m", lambda: body(401, b"<html>401 Authorization Required</html>"), False,
     "a gateway refused the request (HTTP 401)", GATEWAY),
    ("u/m", lambda: body(403, b'{"error":"forbidden"}'), False, "a gateway refused the request (HTTP 403)", GATEWAY),
    ("r.example/team/m", lambda: error_line('404: {"errors":[{"code":"NAME_UNKNOWN","message":"repository name not '
                                            'known to registry"}]}'), False,
     "the registry refused the model (NAME_UNKNOWN)", None),
    ("127.0.0.1:5002/library/big", lambda: replay("upload-invalid"), True,
     "the registry dropped the upload (BLOB_UPLOAD_INVALID)", None),
    ("127.0.0.1:5005/library/c5", lambda: replay("concurrent-shared-layer"), True,
     "a shared layer went to another repository (MANIFEST_BLOB_UNKNOWN)", None),
    ("r.example/team/m", lambda: error_line('max retries exceeded: http status 503 Service Unavailable: {"errors":'
                                            '[{"code":"UNAVAILABLE","message":"service unavailable"}]}'), True,
     "the registry is unavailable (UNAVAILABLE)", None),
    ("r.example/team/m", lambda: error_line('max retries exceeded: http status 429 Too Many Requests: {"errors":'
                                            '[{"code":"TOOMANYREQUESTS","message":"too many requests"}]}'), True,
     "the registry asks to slow down (TOOMANYREQUESTS)", None),
    ("127.0.0.1:5004/library/tiny", lambda: replay("body-too-large"), False,
     "a proxy in front of the registry refused the upload's size (HTTP 413)",
     "A proxy in front of the registry 127.0.0.1:5004 limits the size of a request, and Ollama uploads a layer in "
     "parts of 100 MB to 1 GB (16 parts a layer): lift that limit (in nginx, client_max_body_size 0)"),
    # an upload URL that expired (the decision is the row's comment): S3's and R2's words
    ("u/m", lambda: error_line(f'max retries exceeded: http status 403 Forbidden: <?xml version="1.0" encoding='
                               f'"UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message>'
                               f"<X-Amz-Expires>86400</X-Amz-Expires></Error>"), True, "a signed upload URL expired", None),
    # ollama/ollama#4255 and #2094: Cloudflare's HTML page, R2's InternalError
    ("u/m", lambda: error_line("max retries exceeded: http status 502 Bad Gateway: <html>\n<head><title>502 Bad "
                               "Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr>"
                               "<center>cloudflare</center>\n</body>\n</html>\n"), True,
     "the registry failed for a while", None),
    ("u/m", lambda: error_line('max retries exceeded: http status 502 Bad Gateway: <?xml version="1.0" encoding='
                               '"UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal '
                               "connectivity issue. Please try again.</Message></Error>"), True,
     "the registry failed for a while", None),
    ("127.0.0.1:5000/library/tiny:latest", lambda: replay("no-insecure"), False, "the registry speaks plain HTTP",
     "The registry 127.0.0.1:5000 speaks plain HTTP: push with insecure=True"),
    ("127.0.0.1:5000/library/nosuch:latest", lambda: replay("missing-model"), False, "no such local model",
     "This Ollama has no model named 127.0.0.1:5000/library/nosuch:latest: `ollama list` shows the ones it has"),
    ("u/m", lambda: error_line("open /root/.ollama/models/blobs/sha256-2af3b81862c6: permission denied"), False,
     "Ollama could not read a file", None),
    ("r.example/team/m", lambda: error_line('Head "https://r.example/v2/team/m/blobs/sha256:2af3": tls: failed to '
                                            'verify certificate: x509: certificate signed by unknown authority'), False,
     "the registry's certificate did not verify",
     "Ollama could not verify the certificate of the registry r.example: its CA belongs in the environment of the "
     "Ollama server (SSL_CERT_FILE there, or that machine's trust store), not here"),
    # ollama/ollama#8868: a name that does not exist, the signed URL's secrets redacted
    ("u/m", lambda: error_line(f'max retries exceeded: Get "{R2}": dial tcp: lookup '
                               "dd20bb891979d25aebc8bec07b2b3bbc.r2.cloudflarestorage.com: no such host"), False,
     "a name does not resolve", "The name after `lookup` does not resolve where Ollama runs: check it (the registry "
     "is registry.ollama.ai) and the DNS of the machine that runs Ollama"),
    # A 5xx that Ollama's requests to the registry (makeRequestWithRetry: "%d: %s") pass on without a
    # "max retries exceeded": ollama/ollama#4926's manifest refused with a 500, nginx's page for a 502.
    ("u/m", lambda: error_line('500: {"errors":[{"code":"UNKNOWN","message":"unknown error"}]}'), True,
     "the registry failed for a while", None),
    ("r.example/team/m", lambda: error_line("502: <html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>"
                                            "\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx"
                                            "</center>\r\n</body>\r\n</html>\r\n"), True,
     "the registry failed for a while", None),
    # An Ollama on Windows says the same in Winsock's words (ollama/ollama#6082 and its kin).
    ("u/m", lambda: error_line('Head "https://registry.ollama.ai/v2/u/m/blobs/sha256:2af3": read tcp 192.168.2.23:'
                               "51514->172.67.182.229:443: wsarecv: An existing connection was forcibly closed by "
                               "the remote host."), True, "the connection to the registry broke", None),
    ("r.example/team/m", lambda: error_line('Head "https://r.example/v2/team/m/blobs/sha256:2af3": dial tcp 10.0.0.7:'
                                            "443: connectex: No connection could be made because the target machine "
                                            "actively refused it."), True, "the registry refused the connection", None),
    ("r.example/team/m", lambda: error_line('Head "https://r.example/v2/team/m/blobs/sha256:2af3": dial tcp 10.0.0.7:'
                                            "443: connectex: A connection attempt failed because the connected party "
                                            "did not properly respond after a period of time, or established "
                                            "connection failed because connected host has failed to respond."), True,
     "the registry did not answer in time", None),
    # Something at the registry's address that speaks neither TLS nor HTTP: pushing again will not change it.
    ("r.example/team/m", lambda: error_line('Head "https://r.example:22/v2/team/m/blobs/sha256:2af3": tls: first '
                                            "record does not look like a TLS handshake"), False,
     "Ollama reported an error", None),
    ("someuser/tiny", lambda: replay("registry-unresolvable"), False, "Ollama cannot reach the registry",
     "Ollama cannot reach the registry registry.ollama.ai: check the network where Ollama runs"),
    ("127.0.0.1:5003/library/tiny", lambda: replay("login-registry"), False,
     "the registry wants a username and password",
     "The registry 127.0.0.1:5003 asks for a username and password, and Ollama signs in to a registry only with "
     "its own key: allow pushes there without a login, or push to another registry"),
    # The same login, as an Ollama from before the realm's host was checked reads it: a Basic realm as the URL of
    # a token service (ollama/ollama#4558, nginx's auth_basic; #4204, Harbor).
    ("r.example/team/m", lambda: error_line('pull model manifest: Get "Authentication%20required?nonce=ezvYCLJ-1x8Be'
                                            'UB3BkZWnQ&scope=&service=&ts=1731390067": unsupported protocol scheme '
                                            '""'), False, "the registry wants a username and password",
     "The registry r.example asks for a username and password, and Ollama signs in to a registry only with its "
     "own key: allow pushes there without a login, or push to another registry"),
    ("harbor.example/k8s/llama3:8b", lambda: error_line('Get "harbor?nonce=bug78Oxi4d7u-saf9VAuHw&scope=&service=&'
                                                        'ts=1734589288": unsupported protocol scheme ""'), False,
     "the registry wants a username and password",
     "The registry harbor.example asks for a username and password, and Ollama signs in to a registry only with "
     "its own key: allow pushes there without a login, or push to another registry"),
    # ollama/ollama#17361: ollama.com's own token service answering from its other host, an outage that passed
    ("u/m", lambda: error_line('realm host "ollama.com" does not match original host "registry.ollama.ai"'), True,
     "ollama.com's sign-in answered from another host", None),
    ("registry.gitlab.example/team/m", lambda: error_line('realm host "gitlab.example" does not match original '
                                                          'host "registry.gitlab.example"'), False,
     "the registry's token service is on another host",
     "The registry registry.gitlab.example sends Ollama to a token service on another host, and Ollama sends its "
     "signature to the registry's own host only: serve the token service from the registry's host"),
    ("u/m", lambda: error_line("unauthorized: access denied"), False, "ollama.com refused the push", KEY_ADVICE),
    ("u/m", lambda: error_line('403: {"errors":[{"code":"DENIED","message":"requested access to the resource is '
                               'denied"}]}'), False, "ollama.com refused the push", KEY_ADVICE),
    ("u/m", lambda: body(500, b'{"error":"unauthorized: access denied"}'), False, "ollama.com refused the push",
     KEY_ADVICE),  # stream=False: Ollama's answer is an HTTP 500
    ("r.example/team/m", lambda: error_line('401: {"errors":[{"code":"UNAUTHORIZED","message":"authentication '
                                            'required"}]}'), False, "the registry refused the push",
     "The registry r.example refused Ollama, which signs in only with its own key: allow that key, or pushes "
     "without a login, for this repository"),
    # ollama/ollama#8065 and a DNS server that timed out
    ("u/m", lambda: error_line('pull model manifest: Get "https://registry.ollama.ai/v2/library/m/manifests/latest":'
                               " dial tcp: lookup registry.ollama.ai on 127.0.0.53:53: server misbehaving"), True,
     "a DNS lookup failed for a while", None),
    ("r.example/team/m", lambda: error_line("dial tcp: lookup r.example on 10.0.0.2:53: read udp 10.0.0.5:4711->"
                                            "10.0.0.2:53: i/o timeout"), True, "a DNS lookup failed for a while", None),
    ("127.0.0.1:5001/library/tiny", lambda: replay("registry-down"), True, "the registry refused the connection", None),
    # ollama/ollama#4926, its signed URL whole
    ("u/m", lambda: error_line(f'max retries exceeded: Put "{R2}": write tcp 192.168.31.110:62212->104.18.9.90:443: '
                               "write: broken pipe"), True, "the connection to the registry broke", None),
    ("u/m", lambda: error_line("net/http: TLS handshake timeout"), True, "the registry did not answer in time", None),
    ("r.example/team/m", lambda: error_line("max retries exceeded: http status 404 Not Found"), False,
     "the registry refused an upload part", None),
    ("u/m", lambda: error_line("max retries exceeded"), True, "the upload to the registry kept failing", None),
    ("u/m", lambda: error_line("registry said no"), False, "Ollama reported an error", None),
    ("u/m", lambda: body(404, b'{"error":"not found"}'), False, "HTTP 404", None),
]


@pytest.mark.parametrize("model, reply, retried, cause, advice", CATALOGUE)
def test_every_row_of_the_catalogue_is_told_alike_everywhere(server, waits, capsys, model, reply, retried, cause,
                                                              advice):
    advice = advice and advice.format(host=server.url)
    # The library: retried or not; its retry_reason and advice.
    server.replies.extend([reply(), Reply(push_lines())])
    try:
        list(push(model, host=server.url, retries=1))
    except PushError as exc:
        assert not retried and exc.retry_reason is None and exc.advice == advice
        assert "X-Amz-Signature=6" not in str(exc) and "X-Amz-Credential=6" not in repr(exc.args)
    else:
        assert retried
    assert len(server.requests) == 1 + retried
    server.replies.clear()
    # The command line: the error line, the advice as its hint (with its flags), the cause in --json.
    server.replies.append(reply())
    assert main(["--retries", "0", model, "--host", server.url]) == 1
    out, err = capsys.readouterr()
    hint = advice and advice.replace("insecure=True", "--insecure")
    lines = err.splitlines()
    error = [n for n, line in enumerate(lines) if line.startswith("ollama-push: error: ")]
    assert len(error) == 1 and lines[error[0] + 1:] == ([f"ollama-push: hint: {hint}"] if hint else []), "told once"
    assert "X-Amz-Signature=6" not in err and "X-Amz-Credential=6" not in err
    server.replies.append(reply())
    assert main(["--retries", "0", "--json", model, "--host", server.url]) == 1
    failed = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert failed["cause"] == cause and failed.get("advice") == hint
    # Several models: each one's summary line says its cause.
    server.replies.extend([reply(), Reply(push_lines())])
    assert main(["--retries", "0", "--keep-going", model, "u/other", "--host", server.url]) == 1
    assert re.fullmatch(rf"failed {re.escape(model)} \(.*\): {re.escape(cause)}", capsys.readouterr().err.splitlines()[-3])


def test_the_catalogue_test_reaches_every_row():
    told = {case[3] for case in CATALOGUE}
    for row in ollama_push._FAILURES:
        cause = re.escape(row[5]).replace(r"\{code\}", "[A-Z_]+").replace(r"\{status\}", r"\d+")
        assert any(re.fullmatch(cause, words) for words in told), f"no message in CATALOGUE reaches {row}"


def test_signed_out_of_ollama_com_pushes_nothing_and_exits_1(server, capsys):
    server.me = replay("me-signed-out")  # made
    url = json.loads(recording("me-signed-out")["response"]["chunks"][0]["data"])["signin_url"]
    assert main(["u/m", "u/m:7b", "--host", server.url]) == 1
    assert capsys.readouterr() == ("", "ollama-push: error: you need to be signed in to push models to ollama.com\n"
                                   f"ollama-push: hint: sign in at {url} (or run `ollama signin`), then push again\n")
    assert server.requests == [] and len(server.me_requests) == 1


@pytest.mark.parametrize("me", [
    lambda: replay("me-offline"),  # recorded: ollama.com out of reach, "account unavailable"
    lambda: body(404, b"404 page not found"),  # an Ollama too old to have /api/me
    lambda: body(401, b'{"error":"unauthorized"}'),  # a gateway, not "sign in"
    lambda: Reply([b"{}"], status=200, framing="length"),
])
def test_the_push_goes_on_when_the_sign_in_check_cannot_tell(server, capsys, me):
    server.me = lambda request: me()
    server.replies.append(replay("gguf-first"))
    assert main(["--quiet", "someuser/tiny", "--host", server.url]) == 0
    assert len(server.me_requests) == 1 and len(server.requests) == 1
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("model, asked", [
    ("u/m", True), ("m:7b", True), ("registry.ollama.ai/u/m", True), ("registry.ollama.com/library/m", True),
    ("REGISTRY.OLLAMA.AI/u/m", True), ("127.0.0.1:5000/library/m", False), ("ollama.com/u/m", False),
    ("example.com/team/m:v1", False),
])
def test_the_sign_in_check_comes_only_before_a_push_to_ollama_com(server, model, asked):
    server.replies.append(Reply(push_lines()))
    assert main(["--quiet", model, "--host", server.url]) == 0
    assert len(server.me_requests) == int(asked)
    if asked:
        assert server.me_requests[0].method == "POST"


def test_no_server_exits_1_with_a_clear_message_in_the_command_lines_words():
    proc = run_cli("u/m", env={"OLLAMA_HOST": f"127.0.0.1:{free_port()}"})
    assert proc.returncode == 1
    assert proc.stderr.startswith("ollama-push: error: could not connect to Ollama at http://127.0.0.1:")
    assert proc.stderr.endswith(": nothing is listening there (connection refused). Check that Ollama is running "
                                "there and that the host is right (--host or OLLAMA_HOST).\n")
    assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == 1


@pytest.mark.parametrize("argv", [
    ["bad name"], ["u/m", "--host", "ftp://x"], ["u/m", "--host", "h:99999"], [],
    ["u/m", "--nope"], ["--json", "--quiet", "u/m"],
    ["u/m", "--retries", "-1"], ["u/m", "--retries", "x"], ["u/m", "--retries", "1.5"], ["u/m", "--retries"],
    ["--all-tags", "me/m:7b"],
])
def test_bad_usage_exits_2_before_anything_is_sent(server, argv, capsys):
    assert main(argv + (["--host", server.url] if "--host" not in argv and argv else [])) == 2
    assert capsys.readouterr().err and server.requests == [] and server.me_requests == []


def test_every_name_is_checked_before_anything_is_sent(server, capsys):
    assert main(["me/m:latest", "bad name", "me/m:7b", "--host", server.url]) == 2
    assert server.requests == [] and server.me_requests == []
    assert capsys.readouterr().err.startswith("ollama-push: error: model must be a non-empty name")


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"ollama-push {ollama_push.__version__}\n"
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    for option in ("--json", "--quiet", "--retries", "--insecure", "--host", "--all-tags", "--keep-going"):
        assert option in text


def test_control_characters_from_the_server_are_shown_not_obeyed(server, capsys):
    evil = "\x1b[2J\x07\bgotcha\r\x1b]0;title\x07\u009b31m\u202e"
    server.respond(*ndjson({"status": evil}, {"status": "p", "digest": "sha256:" + evil, "total": 9, "completed": 1},
                           {"error": "bad " + evil}))
    assert main(["u/m", "--host", server.url]) == 1
    err = capsys.readouterr().err
    for raw in "\x1b\x07\b\r\u009b\u202e":
        assert raw not in err
    assert "\\x1b[2J\\x07\\x08gotcha\\r" in err


def test_python_dash_m_runs_the_command_line(server):
    server.respond(*push_lines())
    proc = run_cli("u/m", "--host", server.url)
    assert proc.returncode == 0, proc.stderr
    assert "success" in proc.stderr and "\x1b" not in proc.stderr


# ---------------------------------------------------------------------------
# Command line: retries as a user reads them


INVALID = ('max retries exceeded: http status 404 Not Found: {"errors":[{"code":"BLOB_UPLOAD_INVALID",'
           '"message":"blob upload invalid"}]}\n')


def test_a_retry_notice_leads_with_its_cause_then_the_attempt_the_wait_and_the_whole_message(server, waits, capsys):
    server.respond(*failing("max retries exceeded: http status 502 Bad Gateway: \x1b[31m<html>"))
    server.respond(*push_lines())
    assert main(["u/m", "--host", server.url]) == 0
    out, err = capsys.readouterr()
    notice = ("the registry failed for a while; retry 1 of 3 in 1s: "
              "max retries exceeded: http status 502 Bad Gateway: \\x1b[31m<html>\n")
    assert notice in err and "\x1b" not in err
    assert err.index("retrieving manifest") < err.index(notice) < err.index("success")
    assert out.endswith("https://ollama.com/u/m\n") and len(server.requests) == 2


def test_json_tells_each_failed_attempt_and_the_outcome_on_stdout(server, waits, capsys):
    server.respond(*failing(INVALID))
    server.respond(*push_lines())
    assert main(["--json", "u/m", "--host", server.url]) == 0
    out, err = capsys.readouterr()
    lines = records(out)
    retry = {"ollama_push": "retry", "attempt": 2, "attempts": 4, "wait": 1.0,
             "cause": "the registry dropped the upload (BLOB_UPLOAD_INVALID)", "error": INVALID.strip()}
    assert lines == [{"status": "retrieving manifest"}, retry, *map(json.loads, push_lines())], (
        "Ollama's own lines as they are, its success the outcome")
    assert err == ("the registry dropped the upload (BLOB_UPLOAD_INVALID); retry 1 of 3 in 1s: "
                   + INVALID.strip() + "\n")


def test_json_tells_a_final_failure_on_stdout(server, waits, capsys):
    server.default = error_line(INVALID)
    assert main(["--json", "--retries", "1", "u/m", "--host", server.url]) == 1
    out, err = capsys.readouterr()
    *_, last = records(out)
    assert last == {"ollama_push": "failed", "error": INVALID.strip(),
                    "cause": "the registry dropped the upload (BLOB_UPLOAD_INVALID)", "seconds": last["seconds"],
                    "layers": 0, "bytes": 0, "retries": 1}
    server.default = body(404, b'{"error":"model not found"}')
    assert main(["--json", "u/m", "--host", server.url]) == 1
    *_, last = records(capsys.readouterr().out)
    assert (last["ollama_push"], last["error"], last["status_code"], last["cause"]) == (
        "failed", "model not found (status code: 404)", 404, "HTTP 404")


def test_quiet_shows_no_retry_and_exits_1_when_the_attempts_run_out(server, waits, capsys):
    server.default = Reply([b'{"error":"upstream down"}'], status=502, framing="length")
    assert main(["--quiet", "--retries", "2", "u/m", "--host", server.url]) == 1
    assert capsys.readouterr() == ("", "ollama-push: error: upstream down (status code: 502)\n")
    assert len(server.requests) == 3 and len(waits) == 2


def test_retries_0_turns_retrying_off(server, waits, capsys):
    server.respond(b"", status=503, framing="length")
    assert main(["--retries", "0", "u/m", "--host", server.url]) == 1
    assert len(server.requests) == 1 and waits == []
    assert capsys.readouterr().err == "ollama-push: error: Service Unavailable (status code: 503)\n"


def test_an_unreachable_server_fails_at_once_despite_retries(waits, capsys):
    started = time.monotonic()
    assert main(["u/m", "--host", f"127.0.0.1:{free_port()}"]) == 1
    assert time.monotonic() - started < 1 and waits == []
    assert "retrying" not in capsys.readouterr().err


def test_the_servers_message_appears_once_per_failure(server, waits, capsys):
    server.respond(*push_lines(layers=1, steps=1)[:2], *ndjson({"error": INVALID}))
    assert main(["--retries", "0", "u/m", "--host", server.url]) == 1
    err = capsys.readouterr().err
    assert err.count("blob upload invalid") == 1
    assert err.splitlines()[-1] == "ollama-push: error: " + INVALID.strip(), "the only model: its error line alone"
    server.respond(*push_lines(layers=1, steps=1)[:2], *ndjson({"error": INVALID}))
    server.respond(*push_lines(layers=1, steps=1)[:2], *ndjson({"error": "registry said no"}))
    assert main(["--retries", "0", "--keep-going", "u/m", "u/n", "--host", server.url]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err.count("ollama-push: error: registry said no") == 1 and err.count("ollama-push: error: " + INVALID.strip()) == 1
    assert re.fullmatch(r"failed u/m \(1 layer, 3 KB, \d\.\ds\): the registry dropped the upload "
                        r"\(BLOB_UPLOAD_INVALID\)", err[-3])
    assert re.fullmatch(r"failed u/n \(1 layer, 3 KB, \d\.\ds\): Ollama reported an error", err[-2]), (
        "no row knows it: its kind, not the message again")
    assert err[-1] == "0 pushed, 2 failed"


def test_ctrl_c_during_a_retry_wait_exits_130_and_sends_nothing_more(server):
    server.respond(b"busy", status=503, framing="length", headers={"Retry-After": "30"})
    server.respond(*push_lines())
    proc = subprocess.Popen([sys.executable, "-m", "ollama_push", "u/m", "--host", server.url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE, text=True)
    assert "retry 1 of 3 in 30s" in proc.stderr.readline()
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and time.monotonic() - started < 5
    assert err == "ollama-push: interrupted; the push was cancelled\n"
    threading.Event().wait(0.3)
    assert len(server.requests) == 1


def test_retry_notices_are_the_command_lines_own_push_not_another_threads(server, other_server, waits, capsys):
    # main() in a program that pushes in another thread too: that push's retries are not main()'s.
    held = threading.Event()
    server.respond(*ndjson({"status": "retrieving manifest"}), held, *push_lines()[1:])
    other_server.respond(*failing("unexpected EOF"))
    other_server.respond(*push_lines())
    codes = []
    runner = threading.Thread(target=lambda: codes.append(main(["u/m", "--host", server.url])))
    runner.start()
    deadline = time.monotonic() + 10
    while not server.requests and time.monotonic() < deadline:
        threading.Event().wait(0.01)
    assert statuses(push("u/m", host=other_server.url, retries=1))[-1] == "success"
    held.set()
    runner.join(30)
    assert codes == [0] and "retrying" not in capsys.readouterr().err


# ---------------------------------------------------------------------------
# Command line: progress, on a terminal and off it


def plain(stream, clock):
    """The display off a terminal, as main() makes it, on a clock the test moves."""
    return ollama_push._Plain(ollama_push._Output(stream, fragile=False), Progress(clock), clock)


def live(term, clock):
    """The display on a terminal, as main() makes it, on a clock the test moves."""
    return ollama_push._Live(ollama_push._Output(term, fragile=False), Progress(clock), clock)


class Terminal(io.StringIO):
    """What a display writes to a UTF-8 terminal, replayed through a terminal emulator.

    Its size comes from $COLUMNS and $LINES, as for a terminal that cannot tell its own.
    """

    encoding = "utf-8"

    def __init__(self, monkeypatch, columns=100, lines=24):
        import pyte

        super().__init__()
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setenv("LINES", str(lines))
        self.screen = pyte.Screen(columns, lines)
        self._feed = pyte.Stream(self.screen).feed
        self._fed = 0

    def isatty(self):
        return True

    def rows(self):
        text = self.getvalue()
        self._feed(text[self._fed:].replace("\n", "\r\n"))
        self._fed = len(text)
        return [row.rstrip() for row in self.screen.display]


def bars(rows):
    """(row, start, end) of every row with a progress bar."""
    return [(row, row.index("\u2595"), row.index("\u258f")) for row in rows if "\u2595" in row]


def layer_rows(rows):
    """The rows of layers, with a bar or without one."""
    return [row for row in rows if re.match(r"pushing \w{12}\W* +\d+% ", row)]


def spawn_on_pty(args, env=None, columns=100, stdout_too=False):
    """Run the CLI with stderr (and stdout) on a pseudo-terminal; return (proc, reader thread, output list)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ollama_push", *args], cwd=HERE, stdout=slave if stdout_too else subprocess.PIPE,
        stderr=slave, env=dict(os.environ, **(env or {})),
    )
    os.close(slave)
    chunks = []

    def drain():
        with contextlib.suppress(OSError):
            while True:
                data = os.read(master, 65536)
                if not data:
                    break
                chunks.append(data)
        os.close(master)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    return proc, reader, chunks


def slow_push(n=60, pause=0.01):
    """A push whose layer events come ``pause`` apart, so a display has time to draw."""
    def play(handler):
        for line in push_lines(layers=1, steps=n)[1:-2]:
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(line), line))
            time.sleep(pause)
    return [*ndjson({"status": "retrieving manifest"}), play, *ndjson({"status": "pushing manifest"}, {"status": "success"})]


def test_plain_lines_are_throttled_per_layer():
    clock, stream = Clock(), io.StringIO()
    display = plain(stream, clock)
    display.update(StatusEvent("retrieving manifest"))
    for i in range(101):  # 10 s of events, 10 a second, for one layer
        display.update(layer(0, i * 30))
        clock.now += 0.1
    display.update(StatusEvent("pushing manifest"))
    display.update(StatusEvent("success"))
    display.close()
    lines = stream.getvalue().splitlines()
    layer_lines = [line for line in lines if line.startswith("pushing 2af3b8186")]
    assert 9 <= len(layer_lines) <= 12
    assert "/s" in layer_lines[-2] and layer_lines[-1] == "pushing 2af3b81862c0 100% 3 KB", "finished: its size alone"
    assert lines[0] == "retrieving manifest" and lines[-2:] == ["pushing manifest", "success"]


def test_live_redraws_are_limited_and_the_final_state_is_drawn(monkeypatch):
    clock, term = Clock(), Terminal(monkeypatch)
    display = live(term, clock)
    for i in range(1001):  # 1000 events in 2 s
        display.update(layer(0, i * 3))
        clock.now += 0.002
    display.close()
    frames = term.getvalue().split("\x1b[2K")[1:]
    assert 15 <= len(frames) <= 23, len(frames)
    assert "100%" in frames[-1] and "3 KB" in frames[-1]
    assert "/s" not in frames[-1] and "3 KB/" not in frames[-1], "finished: its size alone"


def test_live_rows_beyond_the_screen_are_left_alone(monkeypatch):
    clock, term = Clock(), Terminal(monkeypatch, 80, 4)
    display = live(term, clock)
    for n in range(6):
        display.update(layer(n, 3000))
        clock.now += 1
    display.close()
    ups = [int(n) for n in re.findall(r"\x1b\[(\d+)A", term.getvalue())]
    assert ups and max(ups) <= 3, "never move above the top of a 4-line screen"


def test_live_progress_is_drawn_on_a_real_terminal(server):
    server.respond(*slow_push())
    proc, reader, chunks = spawn_on_pty(["u/m", "--host", server.url], env={"TERM": "xterm"})
    out, _ = proc.communicate(timeout=30)
    reader.join(5)
    screen = b"".join(chunks).decode()
    assert proc.returncode == 0
    assert "\x1b[2K" in screen and "\x1b[2A" in screen, "rows are redrawn in place"
    assert "\u2588" in screen and "\u2595" in screen, "a bar is drawn"
    rows = [segment.split("\n")[0].rstrip("\r") for segment in screen.split("\x1b[2K")[1:]]
    assert any("pushing 2af3b81862c" in row and "100%" in row for row in rows[-3:])
    assert max(len(row) for row in rows) <= 99, "rows fit the terminal's width"
    assert max(len(row) for row in rows) >= 80, "the bar uses the width it has"
    assert out.endswith(b"https://ollama.com/u/m\n")


LAYER_SIZES = [4_683_073_184, 7_700, 1_200]  # a model, its template, its parameters


@pytest.mark.parametrize("columns", [40, 60, 80, 100, 160])
def test_layer_rows_keep_their_columns_at_every_width_as_ollama_push_does(monkeypatch, columns):
    clock, term = Clock(), Terminal(monkeypatch, columns, 24)
    display = live(term, clock)
    steps = [0, 999, 12_345, 1_234_567, 123_456_789, 1_234_567_890, 4_683_073_184]
    events = [StatusEvent("retrieving manifest")]
    for n, size in enumerate(LAYER_SIZES):
        digest = digest_of(n)
        for done in [s for s in steps if s < size] + [size]:
            events.append(StatusEvent(f"pushing {digest[7:19]}", digest, size, done))
    snapshots = []
    for event in events + [StatusEvent("pushing manifest"), StatusEvent("success")]:
        clock.now += 1.5
        display.update(event)
        snapshots.append(term.rows())
    display.close()
    snapshots.append(term.rows())
    edges = {(start, end) for rows in snapshots for _, start, end in bars(rows)}
    if columns > 60:
        assert len(edges) == 1, f"every bar starts and ends in the same columns: {edges}"
        (start, end), = edges
        assert start == 26, "the label and the percent before it, whatever the width"
    else:
        assert not edges, "too narrow for ollama push's row: the bar gives way first"
    rows = [row for rows in snapshots for row in layer_rows(rows)]
    moving = [row for row in rows if "/s" in row]
    if columns >= 50:
        assert moving, "a layer in flight shows its rate"
        assert len({row.index("/s") for row in moving}) == 1, "the rate keeps its column"
    if columns >= 58:
        assert all(re.search(r" (99h\+|\d+h\d+m|(\d+m)?\d+s)$", row) for row in moving), "and the time left, whole"
        assert len({len(row) for row in moving}) == 1, "in its column"
    sizes = [row for row in rows if " KB/" in row or " GB/" in row]
    assert sizes and len({row.index("/", 25) for row in sizes}) == 1, "the byte counts keep their column"
    final = layer_rows(snapshots[-1])
    assert [row[:25] for row in final] == [f"pushing {digest_of(n)[7:19]} 100%" for n in range(3)]
    assert [row[25:].strip(" \u2595\u2588\u258f") for row in final] == ["4.7 GB", "7.7 KB", "1.2 KB"]
    assert snapshots[-1][0] == "retrieving manifest" and snapshots[-1][4:6] == ["pushing manifest", "success"]
    assert all(len(row) <= columns - 1 for rows in snapshots for row in rows)


def ollama_row(head, fraction, cells, columns):
    """The row ``ollama push`` draws (its progress/bar.go) on ``columns``: head, bar, then its 31 columns of cells."""
    room = columns - len(head) - len(cells) - 5  # a space and a bar end on each side, and its last column
    filled = int(room * fraction)
    return head + " \u2595" + "\u2588" * filled + " " * (room - filled) + "\u258f " + cells


@pytest.mark.parametrize("fallback", [False, True], ids=["ollama's label", "our label for a layer without one"])
def test_rows_are_whole_and_fill_the_width_at_every_width_from_40_to_160(monkeypatch, fallback):
    # A layer finished, one moving, one stalled for 68 s and one whose total is not known, after 70 s.
    sizes = {"finished": 7_700, "moving": 4_683_073_184, "stalled": 2_100_000_000, "unknown": 0}
    events = []
    for second in [0, 1, 2, *range(64, 71)]:
        for n, (kind, size) in enumerate(sizes.items()):
            done = {"finished": 7_700, "moving": second * 9_000_000, "stalled": second * 50_000_000,
                    "unknown": second * 1_000_000}[kind]
            if kind != "stalled" or second <= 2:
                status = "" if fallback else f"pushing {digest_of(n)[7:19]}"  # "": the display names it itself
                events.append((second, StatusEvent(status, digest_of(n), size, done)))
    for columns in range(40, 161):
        clock, term = Clock(), Terminal(monkeypatch, columns, 24)
        display, start = live(term, clock), clock.now
        for second, event in events:
            clock.now = start + second
            display.update(event)
        display.close()
        raw = term.getvalue().split("\r\x1b[2K")[-4:]
        assert all(row.endswith("\n") for row in raw)
        rows = dict(zip(sizes, [row[:-1] for row in raw]))
        assert term.rows()[:5] == [row.rstrip() for row in rows.values()] + [""], "drawn whole, none wrapped"
        width = columns - 1
        for n, (kind, row) in enumerate(rows.items()):
            got = display.progress.layer(digest_of(n))
            label = f"pushing {digest_of(n)[7:19]}" + ("..." if fallback else "")
            head = f"{label} {int((got.fraction or 0) * 100):3d}%"
            done, total = ollama_push._human_bytes(got.completed), ollama_push._human_bytes(got.total)
            rate = f"{ollama_push._human_bytes(got.rate or 0)}/s"
            eta = ollama_push._duration(got.eta) if kind == "moving" else ""
            stall = f"stalled {ollama_push._duration(got.stalled or 0)}"
            cells = {"finished": f"{total:>6}{'':25}", "stalled": f"{done:>6}/{total:>6}  {stall:>16}"}.get(
                kind, f"{done:>6}/{total:>6}  {rate:>8}  {eta:>6}")
            assert len(row) == width, (columns, kind, row)
            assert row.startswith(head + " "), (columns, kind, row)
            if len(ollama_row(head, got.fraction or 0, cells, columns)) == width:
                assert row == ollama_row(head, got.fraction or 0, cells, columns), "where ollama push's row fits"
                continue
            assert "\u2595" not in row, "the bar gives way first"
            # Then whole columns from the right, ollama push's: the time left (8), the rate (10), the total (7).
            kept = max(k for k in (6, 13, 23, 31) if len(head) + 1 + k <= width)
            shown = re.sub(r"/ +", "/", " ".join(row.split()))
            if kind == "finished":
                expected = [head, total]
            elif kind == "stalled":  # in place of the columns from the total on, or of all the bytes
                room = width - len(head) - 1
                expected = [head, {31: f"{done}/{total}", 23: done}.get(kept, ""), stall if room >= 12 else "stalled"]
            else:
                expected = [head, f"{done}/{total}" if kept > 6 else done, rate * (kept > 13), eta * (kept > 23)]
            assert shown == " ".join(" ".join(expected).split()), (columns, kind, row)
    assert rows["stalled"].endswith(" stalled 1m8s") and re.search(r" \d+m\d+s$", rows["moving"]), rows


def test_a_stalled_layer_shows_for_how_long_on_a_terminal(monkeypatch):
    # The recorded stall (upload-invalid) at its recorded times, with the ticker's
    # redraws: after 3 s without a new high, the row says stalled instead of a
    # rate decaying to a few KB/s and a time left of days.
    clock, term = Clock(), Terminal(monkeypatch)
    display = live(term, clock)
    start = clock.now
    rows_at = {}
    for chunk in recording("upload-invalid")["response"]["chunks"][:-1]:
        while clock.now + 0.5 < start + chunk["t"]:
            clock.now += 0.5
            display.tick()
        clock.now = start + chunk["t"]
        display.update(StatusEvent.from_dict(json.loads(chunk["data"])))
        rows_at[round(chunk["t"])] = [row for row in term.rows() if "\u2595" in row]
    (moving,) = rows_at[1]
    assert "/s" in moving and "stalled" not in moving
    for t in range(6, 66):
        (row,) = rows_at[t]
        assert "stalled " in row and "/s" not in row, (t, row)
        assert row.index("\u2595") == moving.index("\u2595") and row.index("\u258f") == moving.index("\u258f")
        assert len(row) == len(moving), "the stall takes the rate's and the time's columns"
    assert rows_at[65][0].endswith("stalled 1m3s")


def test_a_stall_off_a_terminal_is_told_when_it_begins_every_30_s_and_when_it_ends():
    clock, stream = Clock(), io.StringIO()
    display = plain(stream, clock)
    display.update(StatusEvent("retrieving manifest"))
    for done in range(0, 1500, 100):  # headway, 5 events a second
        clock.now += 0.2
        display.update(layer(0, done))
    for _ in range(350):  # 70 s of events, and no new high
        clock.now += 0.2
        display.update(layer(0, 1200))
        display.tick()
    for done in range(1500, 3001, 100):
        clock.now += 0.2
        display.update(layer(0, done))
    display.update(StatusEvent("success"))
    display.close()
    lines = [line for line in stream.getvalue().splitlines() if line.startswith("pushing 2af3b81862c0")]
    stalls = [line for line in lines if "stalled" in line]
    assert stalls == ["pushing 2af3b81862c0  40% 1.2 KB/3 KB  stalled for 3s",
                      "pushing 2af3b81862c0  40% 1.2 KB/3 KB  still stalled for 33s",
                      "pushing 2af3b81862c0  40% 1.2 KB/3 KB  still stalled for 1m3s"]
    after = lines[lines.index(stalls[-1]) + 1]
    assert after.startswith("pushing 2af3b81862c0  50% 1.5 KB/3 KB") and after.endswith("(moving again after 1m10s)")
    assert lines[-1] == "pushing 2af3b81862c0 100% 3 KB"


def test_the_recorded_stall_off_a_terminal_and_its_retry_tell_no_stale_row():
    clock, stream = Clock(), io.StringIO()
    display = plain(stream, clock)
    start = clock.now
    for chunk in recording("upload-invalid")["response"]["chunks"][:-1]:
        clock.now = start + chunk["t"]
        display.update(StatusEvent.from_dict(json.loads(chunk["data"])))
        display.tick()
    during = stream.getvalue().splitlines()
    display.notice("the registry dropped the upload (BLOB_UPLOAD_INVALID); retry 1 of 3 in 1s",
                   INVALID.strip())
    clock.now += 1
    display.tick()
    notice = stream.getvalue().splitlines()[len(during):]
    for chunk in recording("big-again")["response"]["chunks"]:
        clock.now += 0.06
        display.update(StatusEvent.from_dict(json.loads(chunk["data"])))
    display.close()
    stalled = [line for line in during if "stalled" in line]
    assert stalled == ["pushing 87f8dfbc02b2  12% 262 MB/2.1 GB  stalled for 3s",
                       "pushing 87f8dfbc02b2  12% 262 MB/2.1 GB  still stalled for 33s",
                       "pushing 87f8dfbc02b2  12% 262 MB/2.1 GB  still stalled for 1m3s"]
    assert notice == ["the registry dropped the upload (BLOB_UPLOAD_INVALID); retry 1 of 3 in 1s: "
                      + INVALID.strip()], "nothing stale after the notice"
    after = stream.getvalue().splitlines()[len(during) + 1:]
    assert after[0] == "retrieving manifest" and not any("moving again" in line for line in after)
    assert after[-3:] == ["pushing 87f8dfbc02b2 100% 2.1 GB", "pushing manifest", "success"]


def test_the_ticker_redraws_what_no_event_brings(monkeypatch):
    clock, term = Clock(), Terminal(monkeypatch)
    display = live(term, clock)
    display.update(layer(0, 300))
    clock.now += 0.05  # the next event within 100 ms: not drawn at once ...
    display.update(layer(0, 1800))
    assert any(" 10% " in row for row in term.rows()) and not any(" 60% " in row for row in term.rows())
    clock.now += 0.05
    display.tick()  # ... but by the ticker, though the server has gone quiet
    assert any(" 60% " in row for row in term.rows())
    frames = len(term.getvalue())
    display.tick()
    assert len(term.getvalue()) == frames, "nothing new, nothing drawn"
    clock.now += 1.0
    display.tick()
    assert len(term.getvalue()) > frames, "once a second all the same: a rate and a stall change with time"


def test_the_last_event_is_drawn_while_the_server_is_quiet(server):
    quiet = threading.Event()
    objs = [{"status": "pushing 2af3b81862c0", "digest": digest_of(0), "total": 3000, "completed": c}
            for c in (300, 1800)]
    server.respond(*ndjson({"status": "retrieving manifest"}, *objs), quiet,
                   *ndjson({"status": "pushing manifest"}, {"status": "success"}))
    proc, reader, chunks = spawn_on_pty(["u/m", "--host", server.url], env={"TERM": "xterm"})
    deadline = time.monotonic() + 3  # the server holds its next line for 5 s
    while " 60% " not in b"".join(chunks).decode(errors="replace") and time.monotonic() < deadline:
        threading.Event().wait(0.05)
    seen = " 60% " in b"".join(chunks).decode(errors="replace")
    quiet.set()
    proc.communicate(timeout=30)
    reader.join(5)
    assert seen, "the screen kept a stale percentage while the server was quiet"
    assert proc.returncode == 0


def test_closing_a_display_whose_ticker_is_stuck_never_hangs_or_writes_beside_it(monkeypatch):
    term = Terminal(monkeypatch)
    display = live(term, Clock())
    display.update(layer(0, 1000))
    written = term.getvalue()
    display._lock.acquire()  # as a ticker blocked in a write to a paused terminal holds it
    started = time.monotonic()
    display.close()
    assert time.monotonic() - started < 3 and term.getvalue() == written
    display._lock.release()


def attempt_with_a_retry(server, message):
    """A first attempt that fails in its second layer, with ``message``; a second that succeeds."""
    def layers(n_layers, last_done):
        out = []
        for n, size in enumerate(LAYER_SIZES[:n_layers]):
            for done in (size // 3, size if n < n_layers - 1 else last_done):
                out += ndjson({"status": f"pushing {digest_of(n)[7:19]}", "digest": digest_of(n),
                               "total": size, "completed": done})
        return out

    server.respond(*ndjson({"status": "retrieving manifest"}), *layers(2, 2_000), *ndjson({"error": message}))
    server.respond(*ndjson({"status": "retrieving manifest"}), *layers(3, LAYER_SIZES[2]),
                   *ndjson({"status": "pushing manifest"}, {"status": "success"}))


@pytest.mark.parametrize("columns", [60, 80, 160])
def test_a_retry_reads_top_to_bottom_on_a_real_terminal_with_its_cause_whole(server, columns):
    attempt_with_a_retry(server, INVALID)
    proc, reader, chunks = spawn_on_pty(["u/m", "--host", server.url, "--retries", "1"],
                                        env={"TERM": "xterm"}, columns=columns, stdout_too=True)
    proc.wait(30)
    reader.join(5)
    import pyte

    screen = pyte.Screen(columns, 24)
    pyte.ByteStream(screen).feed(b"".join(chunks))
    rows = [row.rstrip() for row in screen.display if row.strip()]
    assert proc.returncode == 0, rows
    assert len({(start, end) for _, start, end in bars(rows)}) == (columns > 60)
    rows_of_layers = layer_rows(rows)
    cause = "the registry dropped the upload (BLOB_UPLOAD_INVALID)"
    at = [n for n, row in enumerate(rows) if row.startswith(cause)]
    assert len(at) == 1, rows
    at = at[0]
    # The first attempt's rows as they ended (the layer that fell back told above them), the
    # notice, then the second attempt's rows afresh below it.
    first = rows.index(rows_of_layers[0])
    assert rows[0] == "retrieving manifest" and rows[first:at] == rows_of_layers[:2]
    fell = " ".join(row.strip() for row in rows[1:first])
    assert fell == "pushing 2af3b81862c1: back from 2.6 KB to 2 KB: Ollama is sending a part again", rows
    assert "4.7 GB" in rows[first] and " 25% " in rows[first + 1], "as the attempt ended"
    end = rows.index("retrieving manifest", at)
    notice = rows[at:end]
    assert 1 <= len(notice) <= 3 and all(len(row) <= columns - 1 for row in notice)
    text = " ".join(row.strip() for row in notice)
    assert re.match(re.escape(cause) + r";? retry 1 of 1 in \S+:? max retries exceeded: http status 404", text)
    if columns >= 160:
        assert len(notice) == 1, "all on one line where it fits"
    after = rows[end:]
    assert after[1:4] == rows_of_layers[2:5] and after[4:6] == ["pushing manifest", "success"]
    assert re.fullmatch(r"pushed u/m: 3 layers, 4\.7 GB, \d\.\ds, 1 retry", after[6])
    assert after[7:] == ["You can find your model at:", "        https://ollama.com/u/m"]
    assert all(len(row) < columns for row in rows)


def test_term_dumb_is_not_a_terminal(server):
    server.respond(*slow_push(n=5))
    proc, reader, chunks = spawn_on_pty(["u/m", "--host", server.url], env={"TERM": "dumb"})
    proc.communicate(timeout=30)
    reader.join(5)
    screen = b"".join(chunks).decode()
    assert proc.returncode == 0 and "success" in screen and "\x1b" not in screen


# ---------------------------------------------------------------------------
# Command line: several models, --all-tags, the summary


def test_several_models_push_in_order_with_one_sign_in_check(server, capsys):
    server.default = Reply(push_lines())
    assert main(["me/m:latest", "me/m:7b", "--host", server.url]) == 0
    assert [json.loads(r.body)["model"] for r in server.requests] == ["me/m:latest", "me/m:7b"]
    assert len(server.me_requests) == 1
    out, err = capsys.readouterr()
    assert out == ("\nYou can find your model at:\n\n\thttps://ollama.com/me/m\n"
                   "\nYou can find your model at:\n\n\thttps://ollama.com/me/m:7b\n")
    assert err.startswith("==> me/m:latest (1 of 2)\nretrieving manifest\n")
    assert "\n\n==> me/m:7b (2 of 2)\nretrieving manifest\n" in err
    summary = err.split("success\n")[-1].splitlines()
    assert summary[0] == "" and summary[-1] == "2 pushed, 0 failed"
    assert [re.sub(r"\d+\.\ds", "T", line) for line in summary[1:-1]] == [
        "pushed me/m:latest: 2 layers, 6 KB, T", "pushed me/m:7b: 2 layers, 6 KB, T"]


@pytest.mark.parametrize("keep_going", [False, True])
def test_the_first_failure_stops_the_rest_unless_told_to_keep_going(server, waits, capsys, keep_going):
    server.respond(*push_lines())
    server.respond(*failing(INVALID))
    server.respond(*push_lines())
    argv = ["me/m:latest", "me/m:7b", "me/m:q4", "--host", server.url, "--retries", "0"]
    assert main(argv + ["--keep-going"] * keep_going) == 1
    pushed = [json.loads(r.body)["model"] for r in server.requests]
    assert pushed == (["me/m:latest", "me/m:7b", "me/m:q4"] if keep_going else ["me/m:latest", "me/m:7b"])
    out, err = capsys.readouterr()
    assert err.count("blob upload invalid") == 1, "the server's message once, on its error line"
    summary = [re.sub(r"\d+\.\ds", "T", line) for line in err.split("\n\n")[-1].splitlines()]
    failed = "failed me/m:7b (T): the registry dropped the upload (BLOB_UPLOAD_INVALID)"
    if keep_going:
        assert summary == ["pushed me/m:latest: 2 layers, 6 KB, T", failed, "pushed me/m:q4: 2 layers, 6 KB, T",
                           "2 pushed, 1 failed"]
    else:
        assert summary == ["pushed me/m:latest: 2 layers, 6 KB, T", failed,
                           "skipped me/m:q4: a push before it failed (--keep-going pushes the rest anyway)",
                           "1 pushed, 1 failed, 1 skipped"]
    assert out.count("You can find your model at") == (2 if keep_going else 1)


def test_json_with_several_models_names_each_line_its_model(server, waits, capsys):
    server.respond(*push_lines(layers=1, steps=1))
    server.respond(*failing("registry said no"))
    assert main(["--json", "me/a", "me/b", "me/c", "--host", server.url]) == 1
    out, err = capsys.readouterr()
    lines = records(out)
    expected = [json.loads(line) for line in push_lines(layers=1, steps=1)]
    assert lines[:5] == [{"model": "me/a", **e} for e in expected]
    assert lines[5:] == [{"model": "me/b", "status": "retrieving manifest"},
                         {**lines[6], "model": "me/b", "ollama_push": "failed", "error": "registry said no",
                          "cause": "Ollama reported an error"}]
    assert all(line.startswith('{"model":') for line in out.splitlines())
    assert err == "ollama-push: error: registry said no\n"


def test_ctrl_c_stops_every_push(server):
    server.respond(*ndjson({"status": "retrieving manifest"}), AWAIT_EOF)
    server.default = Reply(push_lines())
    proc = subprocess.Popen([sys.executable, "-m", "ollama_push", "--json", "me/a", "me/b", "--host", server.url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE, text=True)
    assert "retrieving manifest" in proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and err == "ollama-push: interrupted; the push was cancelled\n"
    assert server.eof.wait(5) and len(server.requests) == 1


def test_all_tags_pushes_every_local_tag_of_exactly_that_model(server, capsys):
    server.replies.append(replay("tags"))  # recorded
    server.default = Reply(push_lines(layers=1, steps=1))
    assert main(["--all-tags", "TinyLib", "--host", server.url]) == 0
    tags, *pushes = server.requests
    assert (tags.method, tags.path) == ("GET", "/api/tags")
    assert [json.loads(r.body)["model"] for r in pushes] == ["tinylib:latest", "tinylib:q4"], "sorted by tag"
    assert len(server.me_requests) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "2 pushed, 0 failed"


@pytest.mark.parametrize("model, pushed", [
    ("127.0.0.1:5000/library/c1", ["127.0.0.1:5000/library/c1:latest"]),  # never c10 ... c16
    ("127.0.0.1:5000/library/tiny", ["127.0.0.1:5000/library/tiny:latest"]),
    ("registry.ollama.ai/library/tinylib", ["tinylib:latest", "tinylib:q4"]),
    ("library/TINYLIB", ["tinylib:latest", "tinylib:q4"]),
    ("someuser/tiny", ["someuser/tiny:latest"]),
])
def test_all_tags_compares_names_as_ollama_does(server, model, pushed):
    server.replies.append(replay("tags"))
    server.default = Reply(push_lines(layers=1, steps=1))
    assert main(["--quiet", "--all-tags", model, "--host", server.url]) == 0
    assert [json.loads(r.body)["model"] for r in server.requests[1:]] == pushed
    assert len(server.me_requests) == int(pushed[0].count("/") < 2)


def test_all_tags_with_none_found_names_the_model_and_the_host(server, capsys):
    server.replies.append(replay("tags"))
    assert main(["--all-tags", "me/nosuch", "--host", server.url]) == 1
    assert capsys.readouterr().err == (f"ollama-push: error: the Ollama at {server.url} has no model me/nosuch "
                                       "(`ollama list` shows the ones it has)\n")
    assert len(server.requests) == 1 and server.me_requests == []


@pytest.mark.parametrize("reply, message", [
    (lambda: body(500, b'{"error":"listing failed"}'), "ollama-push: error: listing failed (status code: 500)\n"),
    (lambda: Reply([b'{"models": "none"}'], framing="length"), 'ollama-push: error: the model list has no "models" array\n'),
    (lambda: Reply([b"<html>"], framing="length"), "ollama-push: error: a line is not valid JSON: '<html>'\n"),
])
def test_all_tags_when_the_model_list_fails(server, capsys, reply, message):
    server.replies.append(reply())
    assert main(["--all-tags", "me/m", "--host", server.url]) == 1
    assert capsys.readouterr().err == message and len(server.requests) == 1


def test_all_tags_checks_the_names_ollama_lists(server, capsys):
    server.respond(b'{"models":[{"name":"me/m:ok"},{"name":"me/m:bad\\ttag"}]}', framing="length")
    before = set(threading.enumerate())
    assert main(["--all-tags", "me/m", "--host", server.url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ollama-push: error: Ollama lists a model that cannot be pushed: ") and "Traceback" not in err
    assert len(server.requests) == 1, "nothing pushed"
    assert not [t for t in set(threading.enumerate()) - before if t.name == "ollama-push display"]


def test_json_with_all_tags_names_each_line_its_model(server, capsys):
    server.replies.append(replay("tags"))
    server.default = Reply(push_lines(layers=1, steps=1))
    assert main(["--json", "--all-tags", "tinylib", "--host", server.url]) == 0
    models = [line["model"] for line in records(capsys.readouterr().out)]
    assert models == ["tinylib:latest"] * 5 + ["tinylib:q4"] * 5


@pytest.mark.parametrize("name, model, summary", [
    ("gguf-first", "127.0.0.1:5000/library/tiny:latest", "6 layers, 50 MB"),
    ("gguf-again", "127.0.0.1:5000/library/tiny:latest", "6 layers, 50 MB"),  # claims no more than the stream tells
    ("tensor-first", "127.0.0.1:5000/library/tens:latest", "1 layer, 20 MB"),
])
def test_recorded_pushes_end_with_their_summary(server, capsys, name, model, summary):
    server.replies.append(replay(name))
    assert main([model, "--insecure", "--host", server.url]) == 0
    assert json.loads(server.requests[0].body) == recorded_request(name)
    out, err = capsys.readouterr()
    assert out == f"\nYou can find your model at:\n\n\t{model}\n"
    assert re.fullmatch(re.escape(f"pushed {model}: {summary}, ") + r"\d\.\ds", err.splitlines()[-1])
    assert err.splitlines()[-2] == "success" and server.me_requests == []


@pytest.mark.parametrize("name, then, code, cause", [
    ("upload-invalid", "big-again", 0, "the registry dropped the upload (BLOB_UPLOAD_INVALID)"),
    ("concurrent-shared-layer", "c5-again", 0, "a shared layer went to another repository (MANIFEST_BLOB_UNKNOWN)"),
    ("ollama-killed", "big-again", 0, "the connection dropped"),
    ("upload-invalid", None, 1, "the registry dropped the upload (BLOB_UPLOAD_INVALID)"),
    ("missing-model", None, 1, "no such local model"),
    ("registry-down", None, 1, "the registry refused the connection"),
])
def test_recorded_failures_as_the_command_line_tells_them(server, waits, capsys, name, then, code, cause):
    server.replies.append(replay(name))
    if then:
        server.replies.append(replay(then))
    model = recorded_request(name)["model"]
    assert main([model, "--insecure", "--retries", "1" if then else "0", "--host", server.url]) == code
    out, err = capsys.readouterr()
    if code == 0:
        assert f"\n{cause}; retry 1 of 1 in 1s: " in err and "1 retry" in err.splitlines()[-1]
        assert out.endswith(f"\t{model}\n")
    else:
        message = ollama_push._clean(recorded_error(name).strip())
        assert [line for line in err.splitlines() if line.startswith("ollama-push: error: ")] == [
            "ollama-push: error: " + message]
        error = err.splitlines().index("ollama-push: error: " + message)
        assert err.count(message) == 1 and out == ""
        assert all(line.startswith("ollama-push: hint: ") for line in err.splitlines()[error + 1:]), "told once"
        assert not any(line.startswith("failed ") for line in err.splitlines()), "no summary repeats the cause"
        server.replies.append(replay(name))
        assert main([model, "--insecure", "--json", "--retries", "0", "--host", server.url]) == 1
        assert json.loads(capsys.readouterr().out.splitlines()[-1])["cause"] == cause


def test_the_summary_counts_the_retries(server, waits, capsys):
    server.respond(b"", status=503, framing="length")
    server.respond(*failing("max retries exceeded: EOF"))
    server.respond(*push_lines())
    assert main(["me/m", "--host", server.url]) == 0
    assert re.fullmatch(r"pushed me/m: 2 layers, 6 KB, \d\.\ds, 2 retries", capsys.readouterr().err.splitlines()[-1])


# ---------------------------------------------------------------------------
# Command line: in its surroundings (a closed stdout or stderr, an ASCII terminal, a full disk, Ctrl-C)


def test_ctrl_c_closes_the_connection_and_exits_130(server):
    server.respond(*ndjson({"status": "retrieving manifest"}), AWAIT_EOF)
    proc = subprocess.Popen([sys.executable, "-m", "ollama_push", "--json", "u/m", "--host", server.url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE, text=True)
    assert "retrieving manifest" in proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err == "ollama-push: interrupted; the push was cancelled\n"
    assert server.eof.wait(5), "the server must see the disconnect"


def test_a_closed_stdout_ends_quietly(server):
    first_read = threading.Event()
    lines = push_lines(layers=4, steps=400)
    server.respond(lines[0], first_read, *lines[1:])
    with subprocess.Popen([sys.executable, "-m", "ollama_push", "--json", "u/m", "--host", server.url],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE) as proc:
        proc.stdout.readline()
        proc.stdout.close()  # what `| head -1` does
        first_read.set()
        err = proc.stderr.read().decode()
        proc.wait(30)
    assert err == "" and proc.returncode == 141


def test_a_closed_stderr_keeps_stdout_pure_and_ends_as_it_should(server):
    server.respond(*failing("unexpected EOF"))
    server.respond(*push_lines())
    proc = run_shell('"$PY" -m ollama_push --json u/m --host "$URL" 2>&-', server.url)
    assert proc.returncode == 0
    assert [line.get("status", line.get("ollama_push")) for line in records(proc.stdout)] == (
        ["retrieving manifest", "retry"] + statuses(events_of(push_lines())))
    server.respond(*failing("unexpected EOF"))
    server.respond(*push_lines())
    proc = run_shell('"$PY" -m ollama_push u/m --host "$URL" 2>&-', server.url)
    assert (proc.returncode, proc.stdout) == (0, "\nYou can find your model at:\n\n\thttps://ollama.com/u/m\n")
    server.respond(*failing("registry said no"))
    proc = run_shell('"$PY" -m ollama_push u/m --host "$URL" 2>&-', server.url)
    assert (proc.returncode, proc.stdout) == (1, "")
    proc = run_shell('"$PY" -m ollama_push "bad name" 2>&-', server.url)
    assert (proc.returncode, proc.stdout) == (2, "")


def test_an_ascii_terminal_and_a_name_it_cannot_show(server):
    server.respond(*ndjson({"status": "retrieving manifest"}, {"status": "pushing caf\u00e9 \u2603"},
                           {"status": "success"}))
    proc = run_cli("u/caf\u00e9", "--host", server.url, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.endswith("https://ollama.com/u/caf\\xe9\n") and "pushed u/caf\\xe9" in proc.stderr
    server.respond(*failing("caf\u00e9 says no \u2603"))
    proc = run_cli("u/caf\u00e9", "--host", server.url, env={"PYTHONIOENCODING": "ascii:strict"})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "caf\\xe9 says no \\u2603" in proc.stderr


def test_a_stdout_that_cannot_be_written_says_so(server):
    server.default = Reply(push_lines())
    for flags in (["--json"], []):
        proc = run_shell(f'"$PY" -m ollama_push {" ".join(flags)} u/m --host "$URL" > /dev/full', server.url)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert "ollama-push: error: cannot write to stdout: [Errno 28] No space left on device" in proc.stderr
    for flag in ("--help", "--version"):
        proc = run_shell(f'"$PY" -m ollama_push {flag} | true', server.url)
        assert "Traceback" not in proc.stderr, proc.stderr


def test_the_connection_dropping_after_success_ends_cleanly(server, capsys):
    server.respond(*push_lines(), DROP)
    assert main(["u/m", "--host", server.url]) == 0
    out, err = capsys.readouterr()
    assert "pushed u/m" in err and "error" not in err and out.endswith("https://ollama.com/u/m\n")


# ===========================================================================
# Errors


def test_the_error_tree_is_the_contracts():
    assert issubclass(ConnectError, ConnectionError) and issubclass(ConnectError, PushError)
    assert all(issubclass(e, PushError) for e in (ResponseError, StreamError))
    assert PushError("x").retry_reason is None


def test_a_long_error_body_keeps_both_ends_of_its_message(server):
    message = "start:" + "x" * 500_000 + ":the root cause"
    server.respond(json.dumps({"error": message}).encode(), status=500, framing="length")
    with pytest.raises(ResponseError) as info:
        next(push("m", host=server.url))
    text = str(info.value)
    assert len(text) < 1200 and info.value.error == message
    assert text.startswith("start:xxx") and text.endswith(":the root cause (status code: 500)")
    assert "characters ..." in text


@pytest.mark.parametrize("garbage", [b"z" * 60_000, b"HTTP/1.1 200 OK " + b"x" * 60_000])
def test_a_malformed_response_is_quoted_short(server, garbage):
    # Found by a second reader: a chunk size line (or a status line) of garbage was quoted whole.
    server.respond(lambda handler: handler.wfile.write(garbage + b"\r\n"), DROP)
    with pytest.raises(StreamError) as info:
        list(push("m", host=server.url))
    assert len(str(info.value)) < 1000


def test_a_non_json_error_body_keeps_its_text_as_sent(server):
    server.respond(b"  upstream connect error\n", status=502, framing="length")
    with pytest.raises(ResponseError) as info:
        list(push("u/m", host=server.url))
    assert info.value.error == "  upstream connect error\n"
    assert str(info.value) == "upstream connect error (status code: 502)"


def test_an_error_line_keeps_its_text_as_sent_and_says_it_plainly(server):
    server.respond(*failing(INVALID))
    with pytest.raises(ResponseError) as info:
        list(push("u/m", host=server.url))
    assert info.value.error == INVALID, "the text as sent, as ollama-python keeps it"
    assert str(info.value) == INVALID.strip() and info.value.status_code == -1


@pytest.mark.parametrize("make, reason", [
    (lambda: f"127.0.0.1:{free_port()}", "nothing is listening there (connection refused)"),
    (lambda: "http://nosuchhost.invalid:11434", "the name nosuchhost.invalid does not resolve"),
])
def test_a_connect_error_says_why_in_plain_words_and_what_to_do(make, reason):
    with pytest.raises(ConnectError) as info:
        next(push("u/m", host=make()))
    exc = info.value
    assert exc.reason.startswith(reason) and exc.advice
    assert str(exc) == f"could not connect to Ollama at {exc.url}: {exc.reason}. {exc.advice}."
    assert "HTTPConnection" not in str(exc) and "object at 0x" not in str(exc) and "--host" not in str(exc)
    assert "host= or OLLAMA_HOST" in exc.advice


def test_a_tls_failure_after_the_headers_is_a_stream_cut_short(tls_server, ca_pool, waits):
    def garble(handler):  # bytes beneath TLS: the client's next record fails to decrypt
        raw = socket.fromfd(handler.connection.fileno(), socket.AF_INET, socket.SOCK_STREAM)
        raw.sendall(b"\x17\x03\x03\x00\x20" + b"\x00" * 32)
        raw.close()

    tls_server.respond(*ndjson({"status": "retrieving manifest"}), garble, DROP)
    tls_server.respond(*push_lines())
    assert statuses(push("u/m", host=tls_server.url, http=ca_pool, retries=1))[-1] == "success"
    assert len(tls_server.requests) == 2 and len(waits) == 1, "broken off, not refused: sent again"


def test_every_push_error_survives_pickle_and_copy(server):
    refused = ConnectError("http://127.0.0.1:1/api/push", "nothing is listening there (connection refused)")
    tls = ConnectError("https://h/api/push", "bad certificate", "Point SSL_CERT_FILE at the CA")
    server.respond(b"slow down\n", status=429, framing="length", headers={"Retry-After": "7"})
    with pytest.raises(ResponseError) as limited:
        list(push("u/m", host=server.url))
    server.respond(*push_lines()[:2], DROP)
    with pytest.raises(StreamError) as cut:
        list(push("u/m", host=server.url))
    with pytest.raises(ConnectError) as real_refused:
        list(push("u/m", host=f"127.0.0.1:{free_port()}"))
    for exc in [PushError("plain"), ResponseError("unauthorized", 401, "https://ollama.com/connect?k=1"),
                limited.value, refused, tls, real_refused.value, StreamError("a line is not valid JSON", b"{bad" * 100),
                cut.value]:
        for twin in (pickle.loads(pickle.dumps(exc)), copy.copy(exc), copy.deepcopy(exc)):
            assert type(twin) is type(exc) and str(twin) == str(exc) and twin.args == exc.args
            assert vars(twin) == vars(exc) and twin.retry_reason == exc.retry_reason
            if isinstance(exc, ConnectError):
                assert (twin.url, twin.reason, twin.advice) == (exc.url, exc.reason, exc.advice)


def raise_connect_error(port):
    """In a worker process: a push that fails there, to be pickled back."""
    list(push("u/m", host=f"127.0.0.1:{port}"))


def test_a_push_failing_in_a_worker_process_reaches_the_parent_as_itself():
    import concurrent.futures
    import multiprocessing

    # spawn, not fork: this process has threads (servers), which a fork would copy half-held
    # (PyPy 3.9's executor cannot start a spawned worker: it forks there).
    spawn = None if PYPY else multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as workers:
        with pytest.raises(ConnectError, match="Ollama is running") as info:
            workers.submit(raise_connect_error, free_port()).result(timeout=60)
        assert info.value.url.startswith("http://127.0.0.1:")
        assert info.value.retry_reason == "Ollama is not answering (restarting?)"
        assert workers.submit(sum, [1, 2]).result(timeout=60) == 3


SECRET = "sk-very-secret-api-key-0123456789"


def echo_auth(status=200, how="error-line"):
    """A server that quotes the Authorization header it got back at the client."""
    def make(request):
        said = request.headers.get("Authorization", "")
        if how == "error-line":
            return Reply(ndjson({"status": "pushing"}, {"error": f"bad credentials: {said}"}))
        if how == "bad-line":
            return Reply([f"not json {said}\n".encode()])
        return Reply([json.dumps({"error": f"denied for {said}"}).encode()], status=status, framing="length")
    return make


@pytest.mark.parametrize("how, status", [("body", 401), ("body", 500), ("error-line", 200), ("bad-line", 200)])
@pytest.mark.parametrize("given", ["env", "header"])
def test_credentials_never_appear_in_errors_or_command_line_output(server, monkeypatch, capsys, how, status, given):
    server.default = echo_auth(status, how)
    headers = None
    if given == "env":
        monkeypatch.setenv("OLLAMA_API_KEY", SECRET)
    else:
        headers = {"authorization": f"Bearer {SECRET}"}
    with pytest.raises(PushError) as info:
        list(push("u/m", host=server.url, headers=headers))
    exc = info.value
    seen = [str(exc), repr(exc), getattr(exc, "error", ""), getattr(exc, "line", "") or ""]
    chain = exc.__cause__ or exc.__context__
    seen += [str(chain), repr(chain)] if chain is not None else []
    assert not any(SECRET in text for text in seen), seen
    assert "***" in str(exc)
    if given == "env":
        assert main(["u/m", "--host", server.url]) == 1
        out, err = capsys.readouterr()
        assert SECRET not in out + err and "***" in err


def test_credentials_never_appear_in_a_non_streamed_answer(server, monkeypatch):
    monkeypatch.setenv("OLLAMA_API_KEY", SECRET)
    server.default = lambda request: Reply(
        [f"not json {request.headers['Authorization']}".encode()], framing="length")
    with pytest.raises(StreamError) as info:
        push("u/m", stream=False, host=server.url)
    assert SECRET not in str(info.value) + repr(info.value) and "***" in str(info.value)


def test_credentials_never_appear_when_nothing_listens(monkeypatch):
    monkeypatch.setenv("OLLAMA_API_KEY", SECRET)
    with pytest.raises(ConnectError) as info:
        next(push("u/m", host=f"127.0.0.1:{free_port()}"))
    assert SECRET not in str(info.value) + repr(info.value)


@pytest.mark.parametrize("page", [
    lambda key: ("x" * 80 + f" Authorization: Bearer {key} " + "y" * 300 + "\n").encode(),  # cut across the key
    lambda key: (f"\xff Authorization: Bearer {key} and more\n").encode("latin-1"),  # bad UTF-8 before the key
    lambda key: (f'{{"status": 5, "echo": "Bearer {key}"}}\n').encode(),
])
def test_a_credential_across_the_cut_of_a_quoted_line_is_redacted_whole(server, monkeypatch, page):
    key = "sk-A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0"
    monkeypatch.setenv("OLLAMA_API_KEY", key)
    server.respond(page(key))
    with pytest.raises(StreamError) as info:
        list(push("u/m", host=server.url))
    shown = str(info.value) + repr(info.value) + (info.value.line or "")
    assert not any(key[i:i + 8] in shown for i in range(len(key) - 7)), shown
    twin = pickle.loads(pickle.dumps(info.value))
    assert str(twin) == str(info.value) and key[:12] not in str(twin)


SIGNED_SECRETS = ("AKIAKEYID0SECRET", "5ig0f7he5ecret", "T0ken0f7heSecret", "Pr0videdSig", "G00gSig", "G00gCred")


@pytest.mark.parametrize("message", [
    # S3's SignatureDoesNotMatch, which Ollama quotes whole after a part failed: the access key's id and
    # the signature sent come back in their own tags, outside any URL.
    'max retries exceeded: http status 403 Forbidden: <?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>'
    "SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you "
    "provided.</Message><AWSAccessKeyId>AKIAKEYID0SECRET</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n"
    "20240119T140540Z</StringToSign><SignatureProvided>Pr0videdSig</SignatureProvided><CanonicalRequest>PUT\n/u/m"
    "\nX-Amz-Credential=AKIAKEYID0SECRET%2F20240119&amp;X-Amz-Signature=5ig0f7he5ecret</CanonicalRequest></Error>",
    # a signed URL quoted inside another URL, its query URL-encoded
    "Get \"https://login.example/?next=https%3A%2F%2Fb.r2.cloudflarestorage.com%2Fu%2Fm%3FX-Amz-Credential%3D"
    "AKIAKEYID0SECRET%252F2024%26X-Amz-Security-Token%3DT0ken0f7heSecret%26X-Amz-Signature%3D5ig0f7he5ecret\": EOF",
    "Put \"https://storage.googleapis.com/b/u?X-Goog-Credential=G00gCred%40p.iam%2F2024&X-Goog-Signature=G00gSig\": EOF",
])
def test_a_signed_urls_secrets_never_leave_in_any_form_a_registry_quotes(server, waits, caplog, capsys, message):
    server.replies.extend([error_line(message), error_line(message), error_line(message), error_line(message)])
    caplog.set_level(logging.DEBUG, logger="ollama_push")
    with pytest.raises(ResponseError) as info:
        list(push("u/m", host=server.url, retries=1))
    twin = pickle.loads(pickle.dumps(info.value))
    shown = [str(info.value), repr(info.value.args), repr(vars(info.value)), str(twin), repr(vars(twin)), caplog.text]
    assert main(["--retries", "0", "--json", "u/m", "--host", server.url]) == 1
    assert main(["--retries", "0", "u/m", "--host", server.url]) == 1
    shown += capsys.readouterr()
    assert not [secret for secret in SIGNED_SECRETS if any(secret in text for text in shown)], shown[0]
    assert "***" in str(info.value) and ("SignatureDoesNotMatch" in str(info.value) or "EOF" in str(info.value))


def test_a_redirect_to_a_signed_url_keeps_its_secrets_out_of_the_connect_error(server):
    to = f"http://127.0.0.1:{free_port()}/u?X-Amz-Credential=AKIAKEYID0SECRET%2F2024&X-Amz-Signature=5ig0f7he5ecret"
    server.respond(*redirect(to).parts, status=307, headers={"Location": to}, framing="length")
    with pytest.raises(ConnectError) as info:
        list(push("u/m", host=server.url))
    twin = pickle.loads(pickle.dumps(info.value))
    shown = [str(info.value), info.value.url, repr(vars(info.value)), str(twin), twin.url, repr(vars(twin))]
    assert not [secret for secret in SIGNED_SECRETS if any(secret in text for text in shown)], shown
    assert info.value.url.startswith("http://127.0.0.1:") and info.value.url.endswith("&X-Amz-Signature=***")
    assert "&X-Amz-Signature=***: nothing is listening there" in str(info.value), "the rest stays whole"


def test_the_callers_own_credential_headers_are_secrets_too(server):
    server.default = lambda request: Reply(ndjson({"error": f"bad key {request.headers['X-Api-Key']}"}))
    with pytest.raises(ResponseError) as info:
        list(push("u/m", host=server.url, headers={"X-Api-Key": "k3y-of-my-own", "X-Trace": "1"}))
    assert "k3y-of-my-own" not in str(info.value) and "***" in str(info.value)


# ===========================================================================
# Environment: variables and headers


@pytest.mark.parametrize("headers, error", [
    ({"X-Key": "sk-0123456789\n"}, ValueError),  # read from a file
    ({"X-Key": "sk-0123456789\r\nX-Injected: 1"}, ValueError),
    ({"X-Key": "\u200bsk-0123456789"}, ValueError),  # a zero-width space, pasted with it
    ({"X-Key": "sk-\u20ac0123456789"}, ValueError),  # outside Latin-1
    ({"X-Key": "sk-\x000123456789"}, ValueError),
    ({"X-K\u00e9y": "sk-0123456789"}, ValueError),
    ({"X Key": "sk-0123456789"}, ValueError),
    ({"X-Key:": "sk-0123456789"}, ValueError),
    ({"": "sk-0123456789"}, ValueError),
    ({"X-Key": b"sk-0123456789"}, TypeError),
])
def test_a_header_http_cannot_send_is_refused_before_any_io_without_its_value(server, headers, error):
    for kwargs in ({"headers": headers}, {"http": made(urllib3.PoolManager(headers=headers))}):
        with pytest.raises(error) as info:
            push("u/m", host=server.url, **kwargs)
        assert "0123456789" not in str(info.value)
    assert server.requests == []


def test_latin_1_header_values_are_sent(server):
    server.respond(*push_lines())
    list(push("u/m", host=server.url, headers={"X-Team": "caf\u00e9 \u00fc"}))
    assert server.requests[0].headers["X-Team"].encode("latin-1") == "caf\u00e9 \u00fc".encode("latin-1")


@pytest.mark.parametrize("key", ["sk-0123456789\n", "  sk-0123456789 ", "\tsk-0123456789\r\n"])
def test_the_api_key_is_stripped_as_a_user_expects(server, monkeypatch, key):
    monkeypatch.setenv("OLLAMA_API_KEY", key)
    server.respond(*push_lines())
    list(push("u/m", host=server.url))
    assert server.requests[0].headers["Authorization"] == "Bearer sk-0123456789"


@pytest.mark.parametrize("key", ["\u200bsk-0123456789", "sk-01234\n56789", "sk-\u20ac0123456789", "sk-\x1b0123456789"])
def test_an_api_key_http_cannot_send_is_a_value_error_naming_the_variable(server, monkeypatch, capsys, key):
    monkeypatch.setenv("OLLAMA_API_KEY", key)
    with pytest.raises(ValueError, match="OLLAMA_API_KEY") as info:
        push("u/m", host=server.url)
    assert "0123456789" not in str(info.value) and server.requests == []
    assert main(["u/m", "--host", server.url]) == 2
    out, err = capsys.readouterr()
    assert "OLLAMA_API_KEY" in err and "0123456789" not in out + err and len(err.splitlines()) == 1


def test_the_pools_own_headers_count_between_ours_and_the_callers(server, monkeypatch):
    monkeypatch.setenv("OLLAMA_API_KEY", "sk-from-the-environment")
    pool = made(urllib3.PoolManager(headers={"X-Team": "pool", "X-Pool": "1", "User-Agent": "pool-agent/1"}))
    server.respond(*push_lines())
    list(push("u/m", host=server.url, http=pool, headers={"X-Team": "caller"}))
    sent = server.requests[0].headers
    assert (sent["X-Team"], sent["X-Pool"], sent["User-Agent"]) == ("caller", "1", "pool-agent/1")
    assert sent["Accept"] == "application/x-ndjson" and sent["Authorization"] == "Bearer sk-from-the-environment"
    server.respond(*push_lines())
    list(push("u/m", host=server.url, http=made(urllib3.PoolManager(headers={"authorization": "Basic cG9vbA=="}))))
    assert server.requests[1].headers.get_all("Authorization") == ["Basic cG9vbA=="], "the pool's login wins"


@pytest.mark.parametrize("pool_timeout", [0.5, "Timeout"])
def test_the_pools_own_timeout_applies_when_none_is_given(server, pool_timeout):
    never = threading.Event()
    server.respond(*ndjson({"status": "retrieving manifest"}), never)
    if pool_timeout == "Timeout":
        pool_timeout = urllib3.Timeout(connect=2, read=0.5)
    started = time.monotonic()
    with pytest.raises(StreamError, match="timed out"):
        list(push("u/m", host=server.url, http=made(urllib3.PoolManager(timeout=pool_timeout))))
    assert time.monotonic() - started < 4
    never.set()
    server.respond(*ndjson({"status": "retrieving manifest"}), lambda handler: time.sleep(1), *push_lines()[1:])
    pool = made(urllib3.PoolManager(timeout=0.5))
    assert list(push("u/m", host=server.url, timeout=3, http=pool))[-1].status == "success", (
        "the caller's timeout wins")


def test_the_shared_pool_keeps_as_many_connections_as_requests_does(server, caplog):
    caplog.set_level(logging.WARNING, logger="urllib3")
    release = threading.Event()

    def slow(request):
        return Reply([ndjson({"status": "retrieving manifest"})[0], release, *push_lines()[1:]])

    server.default = slow
    threads = [threading.Thread(target=lambda: list(push("u/m", host=server.url))) for _ in range(10)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while len(server.requests) < 10 and time.monotonic() < deadline:
        threading.Event().wait(0.01)
    release.set()
    for t in threads:
        t.join(30)
    assert len(server.requests) == 10
    assert not [r for r in caplog.records if "pool is full" in r.getMessage()]


# ===========================================================================
# Environment: proxies, redirects and TLS


class Proxy:
    """A forwarding HTTP proxy on 127.0.0.1 that sends everything to one upstream.

    It records each request line and its headers; plain requests are relayed
    one per connection, CONNECT opens a tunnel to the upstream.
    """

    def __init__(self, upstream_port):
        owner = self
        self.seen = []

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                head = []
                while True:
                    line = self.rfile.readline(65536)
                    if line in (b"\r\n", b"\n", b""):
                        break
                    head.append(line.decode("latin-1").rstrip("\r\n"))
                if not head:
                    return
                headers = dict(h.split(": ", 1) for h in head[1:])
                owner.seen.append((head[0], {k.lower(): v for k, v in headers.items()}))
                upstream = socket.create_connection(("127.0.0.1", upstream_port))
                if head[0].startswith("CONNECT "):
                    self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    pipe(self.connection, upstream)
                    return
                method, target, version = head[0].split(" ")
                path = "/" + target.split("://", 1)[1].split("/", 1)[1]
                body_ = self.rfile.read(int(headers.get("Content-Length", 0)))
                headers["Connection"] = "close"
                request = f"{method} {path} {version}\r\n" + "".join(
                    f"{k}: {v}\r\n" for k, v in headers.items() if k.lower() != "proxy-authorization")
                upstream.sendall(request.encode("latin-1") + b"\r\n" + body_)
                while True:
                    data = upstream.recv(65536)
                    if not data:
                        break
                    self.wfile.write(data)
                upstream.close()

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def pipe(a, b):
    """Copy bytes both ways between two sockets until either side closes."""
    def copy_(src, dst):
        with contextlib.suppress(OSError):
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
    other = threading.Thread(target=copy_, args=(b, a), daemon=True)
    other.start()
    copy_(a, b)
    other.join(5)
    b.close()  # the upstream, ours to close (socketserver closes the client's)


class Socks5:
    """A SOCKS5 proxy on 127.0.0.1 (RFC 1928, RFC 1929 login) that sends every CONNECT to one upstream."""

    def __init__(self, upstream_port, login=None):
        owner = self
        self.seen = []  # (host, port) of each CONNECT

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                conn = self.request
                conn.settimeout(5)
                head = conn.recv(2)
                methods = conn.recv(head[1])
                if login is None:
                    conn.sendall(b"\x05\x00")
                else:
                    if 2 not in methods:
                        conn.sendall(b"\x05\xff")
                        return
                    conn.sendall(b"\x05\x02")
                    conn.recv(1)
                    user = conn.recv(conn.recv(1)[0]).decode()
                    password = conn.recv(conn.recv(1)[0]).decode()
                    if (user, password) != login:
                        conn.sendall(b"\x01\x01")
                        return
                    conn.sendall(b"\x01\x00")
                _, _, _, kind = conn.recv(4)
                if kind == 3:
                    host = conn.recv(conn.recv(1)[0]).decode()
                else:
                    host = socket.inet_ntop(socket.AF_INET if kind == 1 else socket.AF_INET6,
                                            conn.recv(4 if kind == 1 else 16))
                port = int.from_bytes(conn.recv(2), "big")
                owner.seen.append((host, port))
                upstream = socket.create_connection(("127.0.0.1", upstream_port))
                conn.sendall(b"\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00")
                conn.settimeout(None)
                pipe(conn, upstream)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def no_dns(monkeypatch):
    """Names that must only ever reach a proxy: resolving one fails at once, offline."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".test"):
            raise socket.gaierror(socket.EAI_NONAME, f"{host} resolved directly, not through the proxy")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def proxy(server):
    p = Proxy(server.port)
    yield p
    p.close()


@pytest.fixture
def ca():
    # A CA of the test's own: a pool may keep a TLS context that trusted another test's.
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


@pytest.fixture
def tls_server(ca):
    srv = Server(tls=ca)
    yield srv
    srv.close()


@pytest.fixture
def ca_pool(ca, tmp_path):
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return made(urllib3.PoolManager(ca_certs=str(path)))


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_the_proxy_environment_is_honoured(server, proxy, monkeypatch, no_dns, variable):
    monkeypatch.setenv(variable, proxy.url)
    server.respond(*push_lines())
    assert list(push("u/m", host="http://ollama.test:11434"))[-1].status == "success"
    (line, headers), = proxy.seen
    assert line == "POST http://ollama.test:11434/api/push HTTP/1.1"
    assert json.loads(server.requests[0].body)["model"] == "u/m"


def test_proxy_credentials_in_the_url_are_sent_to_the_proxy(server, proxy, monkeypatch, no_dns):
    monkeypatch.setenv("HTTP_PROXY", proxy.url.replace("://", "://me:p%40ss@"))
    server.respond(*push_lines())
    list(push("u/m", host="http://ollama.test:11434"))
    (line, headers), = proxy.seen
    assert headers["proxy-authorization"] == "Basic bWU6cEBzcw=="  # me:p@ss


@pytest.mark.parametrize("no_proxy", ["ollama.test", ".test", "*", "other.example,ollama.test:11434"])
def test_no_proxy_is_honoured(server, proxy, monkeypatch, no_dns, no_proxy):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("no_proxy", no_proxy)
    with pytest.raises(ConnectError, match="ollama.test does not resolve"):  # tried directly
        list(push("u/m", host="http://ollama.test:11434"))
    assert proxy.seen == []


@pytest.mark.parametrize("no_proxy, bypassed", [
    ("10.0.0.0/8", ["10.1.2.3", "10.2.9.9", "10.9.9.9"]),
    ("192.168.0.0/16, 10.2.0.0/16", ["10.2.9.9", "192.168.1.1"]),
    ("fd00::/8", ["[fd12::1]"]),
    ("10.0.0.0/33,bad/8,10.9.9.9", ["10.9.9.9"]),
])
def test_cidr_entries_in_no_proxy_are_honoured(monkeypatch, no_proxy, bypassed):
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.test:3128")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    for host in ["10.1.2.3", "10.2.9.9", "10.9.9.9", "192.168.1.1", "172.16.0.1", "[fd12::1]", "[2001:db8::1]"]:
        expected = None if host in bypassed else "http://proxy.test:3128"
        assert ollama_push._proxy_for(f"http://{host}:11434/api/push") == expected, host


def test_loopback_is_never_proxied(server, proxy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    server.respond(*push_lines())
    list(push("u/m", host=server.url))
    for url in ("http://localhost:1/x", "http://127.9.9.9:1/x", "http://[::1]:1/x"):
        assert ollama_push._proxy_for(url) is None
    assert proxy.seen == []


def test_https_proxy_tunnels_with_connect(tls_server, ca, monkeypatch, no_dns, tmp_path):
    tunnel = Proxy(tls_server.port)
    try:
        monkeypatch.setenv("HTTPS_PROXY", tunnel.url)
        tls_server.respond(*push_lines())
        path = tmp_path / "ca.pem"
        ca.cert_pem.write_to_path(str(path))
        # the default pool trusts what OpenSSL trusts: here, our test CA
        monkeypatch.setenv("SSL_CERT_FILE", str(path))
        assert list(push("u/m", host="https://ollama.test"))[-1].status == "success"
        assert tunnel.seen[0][0].startswith("CONNECT ollama.test:443 ")
    finally:
        tunnel.close()


def test_an_explicit_proxy_manager_is_used_even_for_loopback(server, proxy):
    server.respond(*push_lines())
    list(push("u/m", host=server.url, http=made(urllib3.ProxyManager(proxy.url))))
    assert proxy.seen[0][0] == f"POST {server.url}/api/push HTTP/1.1"


@pytest.mark.parametrize("variable, value", [
    ("HTTP_PROXY", "http://127.0.0.1:notaport"),
    ("HTTP_PROXY", "http://[::1"),
    ("HTTP_PROXY", "ftp://u:s3cret-proxy-pw@127.0.0.1:21"),
    ("ALL_PROXY", "gopher://127.0.0.1:70"),
    ("http_proxy", "http://:3128"),
])
def test_a_proxy_from_the_environment_that_cannot_be_used_is_a_connect_error(monkeypatch, capsys, no_dns, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConnectError, match="proxy") as info:
        list(push("u/m", host="http://ollama.test:11434"))
    assert "s3cret-proxy-pw" not in str(info.value) and "NO_PROXY" in str(info.value)
    assert main(["u/m", "--host", "http://ollama.test:11434"]) == 1
    err = capsys.readouterr().err
    assert "proxy" in err and "Traceback" not in err and "s3cret-proxy-pw" not in err


def test_a_socks_proxy_from_the_environment_is_used_through_pysocks(server, monkeypatch, no_dns):
    pytest.importorskip("socks")
    socks5 = Socks5(server.port, login=("me", "s0cks-secret"))
    try:
        monkeypatch.setenv("ALL_PROXY", f"socks5h://me:s0cks-secret@127.0.0.1:{socks5.port}")
        server.respond(*push_lines())
        assert list(push("u/m", host="http://ollama.test:11434"))[-1].status == "success"
        assert socks5.seen == [("ollama.test", 11434)]
        server.respond(*ndjson({"status": "retrieving manifest"}, {"error": "you sent s0cks-secret"}))
        with pytest.raises(ResponseError) as info:
            list(push("u/m", host="http://ollama.test:11434"))
        assert "s0cks-secret" not in str(info.value) and "***" in str(info.value)
    finally:
        socks5.close()


def test_a_given_socks_pools_password_is_a_secret_too(server):
    socks = pytest.importorskip("urllib3.contrib.socks")
    socks5 = Socks5(server.port, login=("me", "s0cks-secret"))
    try:
        pool = made(socks.SOCKSProxyManager(f"socks5h://me:s0cks-secret@127.0.0.1:{socks5.port}"))
        server.respond(*ndjson({"status": "retrieving manifest"}, {"error": "you sent s0cks-secret"}))
        with pytest.raises(ResponseError) as info:
            list(push("u/m", host="http://ollama.test:11434", http=pool))
        assert "s0cks-secret" not in str(info.value) and "***" in str(info.value)
    finally:
        socks5.close()


def test_a_socks_proxy_without_pysocks_says_so(monkeypatch, capsys, no_dns):
    monkeypatch.setitem(sys.modules, "socks", None)  # import socks now fails, as without PySocks
    monkeypatch.delitem(sys.modules, "urllib3.contrib.socks", raising=False)
    monkeypatch.setenv("ALL_PROXY", "socks5://me:s0cks-secret@127.0.0.1:1080")
    with pytest.raises(ConnectError, match="PySocks") as info:
        list(push("u/m", host="http://ollama.test:11434"))
    assert "socks5://127.0.0.1:1080" in str(info.value) and "s0cks-secret" not in str(info.value)
    assert main(["u/m", "--host", "http://ollama.test:11434"]) == 1
    err = capsys.readouterr().err
    assert "PySocks" in err and "Traceback" not in err and "s0cks-secret" not in err


def test_a_proxy_that_cannot_be_reached_is_named_without_its_credentials(monkeypatch, no_dns):
    monkeypatch.setenv("HTTP_PROXY", f"http://me:pr0xy-secret@127.0.0.1:{free_port()}")
    with pytest.raises(ConnectError) as info:
        list(push("u/m", host="http://ollama.test:11434"))
    message = str(info.value)
    assert "http://127.0.0.1:" in message and "pr0xy-secret" not in message and "NO_PROXY" in message


@pytest.mark.parametrize("proxy_url", ["http://user:pa#ss-w0rd@proxy.invalid:3128", "http://user:pa?ss-w0rd@p:3128",
                                       "http://us#er:pass-w0rd@proxy.invalid:3128", "http://u:pass/w0rd@p:bad"])
def test_a_proxy_password_that_breaks_its_url_is_never_printed(monkeypatch, capsys, no_dns, proxy_url):
    monkeypatch.setenv("HTTP_PROXY", proxy_url)
    with pytest.raises(ConnectError) as info:
        list(push("u/m", host="http://ollama.test:11434"))
    assert "ss-w0rd" not in str(info.value) and "w0rd" not in repr(info.value)
    assert main(["u/m", "--host", "http://ollama.test:11434"]) == 1
    assert "w0rd" not in capsys.readouterr().err


def proxy_login_echo(request):
    """A proxy's 407 page that quotes the login it was sent."""
    said = request.headers.get("Proxy-Authorization", "")
    page = f"<html>407: wrong login {said} ({said.split()[-1] if said else ''})</html>"
    return Reply([json.dumps({"error": page}).encode()], status=407, framing="length")


def test_proxy_credentials_are_secrets_too(server, monkeypatch, capsys, no_dns):
    # Our server plays the proxy itself: a forwarded request is just a request for a full URL.
    monkeypatch.setenv("HTTP_PROXY", f"http://user:pr0xy-pass@127.0.0.1:{server.port}")
    server.default = proxy_login_echo
    token = base64.b64encode(b"user:pr0xy-pass").decode()
    with pytest.raises(ResponseError) as info:
        list(push("u/m", host="http://ollama.test:11434"))
    assert server.requests[0].path == "http://ollama.test:11434/api/push"
    assert server.requests[0].headers["Proxy-Authorization"] == f"Basic {token}"
    seen = str(info.value) + repr(info.value) + info.value.error
    assert token not in seen and "pr0xy-pass" not in seen and "***" in seen
    assert main(["u/m", "--host", "http://ollama.test:11434"]) == 1
    out, err = capsys.readouterr()
    assert token not in out + err and "pr0xy-pass" not in out + err
    login = urllib3.make_headers(proxy_basic_auth="user:pr0xy-pass")
    pool = made(urllib3.ProxyManager(server.url, proxy_headers=login))
    with pytest.raises(ResponseError) as info:
        list(push("u/m", host="http://ollama.test:11434", http=pool))
    assert token not in str(info.value) and "pr0xy-pass" not in str(info.value)


def test_a_given_proxy_pools_own_proxy_headers_are_checked_too(server):
    for value in ("Basic c2VjcmV0OnBhc3N3b3Jk\n", "Basic c2VjcmV0\u20ac"):
        pool = made(urllib3.ProxyManager(server.url, proxy_headers={"Proxy-Authorization": value}))
        with pytest.raises(ValueError, match="proxy headers") as info:
            push("u/m", host="http://ollama.test:11434", http=pool)
        assert "c2VjcmV0" not in str(info.value)
    assert server.requests == []


def test_tls_is_verified_by_default(tls_server, ca_pool):
    with pytest.raises(ConnectError, match="certificate could not be verified") as info:
        next(push("u/m", host=tls_server.url))
    assert "SSL_CERT_FILE" in info.value.advice and "ca_certs" in info.value.advice
    tls_server.respond(*push_lines())
    assert list(push("u/m", host=tls_server.url, http=ca_pool))[-1].status == "success"


def test_the_command_line_gives_the_tls_advice_it_can_take(tls_server, capsys):
    assert main(["u/m", "--host", tls_server.url]) == 1
    err = capsys.readouterr().err
    assert "point SSL_CERT_FILE at that CA's certificate (PEM)." in err and "http=" not in err, err


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirects_keep_method_and_body(server, status):
    server.replies.append(redirect("/moved/api/push", status))
    server.respond(*push_lines())
    list(push("u/m", host=server.url, headers={"Authorization": "Bearer same-origin-token"}))
    first, second = server.requests
    assert (second.method, second.path, second.body) == ("POST", "/moved/api/push", first.body)
    assert second.headers["Authorization"] == "Bearer same-origin-token", "same origin keeps it"


def test_a_redirect_elsewhere_drops_credentials(server, other_server, monkeypatch):
    monkeypatch.setenv("OLLAMA_API_KEY", "key-from-env-123")
    server.replies.append(redirect(other_server.url + "/api/push"))
    other_server.respond(*push_lines())
    list(push("u/m", host=server.url, headers={"Cookie": "c=1", "Proxy-Authorization": "Basic eA==",
                                               "X-Kept": "yes"}))
    assert server.requests[0].headers["Authorization"] == "Bearer key-from-env-123"
    (moved,) = other_server.requests
    for name in ("Authorization", "Cookie", "Proxy-Authorization"):
        assert name not in moved.headers
    assert moved.headers["X-Kept"] == "yes" and moved.body == server.requests[0].body


def test_a_same_origin_redirect_without_the_default_port_keeps_the_login(server, monkeypatch, no_dns):
    # http://ollama.test:80/... redirected to http://ollama.test/...: the same origin. The
    # server plays a proxy for ollama.test, so no port 80 is needed here.
    monkeypatch.setenv("HTTP_PROXY", server.url)
    server.replies.append(redirect("http://ollama.test/moved/api/push"))
    server.respond(*push_lines())
    list(push("u/m", host="http://ollama.test:80", headers={"Authorization": "Bearer same-origin-token"}))
    assert server.requests[1].path == "http://ollama.test/moved/api/push"
    assert server.requests[1].headers["Authorization"] == "Bearer same-origin-token"


def test_a_fourth_redirect_is_refused(server):
    for n in range(4):
        server.replies.append(redirect(f"/hop{n}", 302))
    with pytest.raises(ResponseError, match="too many redirects.*/hop3") as info:
        next(push("u/m", host=server.url))
    assert info.value.status_code == 302 and len(server.requests) == 4


def test_https_to_http_redirect_is_refused(tls_server, ca_pool, other_server):
    tls_server.replies.append(redirect(other_server.url + "/api/push", 308))
    with pytest.raises(ResponseError, match="https to http: http://127.0.0.1") as info:
        next(push("u/m", host=tls_server.url, http=ca_pool, headers={"Authorization": "Bearer t"}))
    assert info.value.status_code == 308
    assert other_server.requests == []


@pytest.mark.parametrize("location", ["http://[::1/x", "http://127.0.0.1:99999/", "http://127.0.0.1:port/",
                                      "http://\x00bad/", "http://user@/", "http://a..b/x"])
def test_an_unusable_redirect_location_is_refused_at_once(server, waits, location):
    server.default = redirect(location)
    if FUTURE and "\x00" in location:  # urllib3-future refuses the header itself: a malformed response
        with pytest.raises(StreamError, match="malformed"):
            list(push("m", host=server.url, retries=2))
        assert len(server.requests) == 1 and waits == []
        return
    with pytest.raises(ResponseError, match="refused a redirect") as info:
        list(push("m", host=server.url, retries=2))
    assert info.value.status_code == 307 and len(server.requests) == 1 and waits == []


@pytest.mark.parametrize("location, match", [
    ("ftp://sso.example/login?token={key}", "refused a redirect"),
    ("/x?token={key}", "too many redirects"),
])
def test_a_refused_redirect_never_shows_a_credential(server, monkeypatch, location, match):
    key = "sk-in-the-location-0123456789"
    monkeypatch.setenv("OLLAMA_API_KEY", key)
    server.default = redirect(location.format(key=key))
    with pytest.raises(ResponseError, match=match) as info:
        list(push("u/m", host=server.url))
    assert key not in str(info.value) + repr(info.value) and "***" in str(info.value)


# ===========================================================================
# Performance: bounded memory, linear time, no leaks, many threads (speed itself
# is measured by benchmarks/bench_push.py, never asserted here)


@needs_tracemalloc
def test_a_64_mib_line_fails_within_bounded_memory(server):
    block = b"x" * 65536

    def flood(handler):
        with contextlib.suppress(OSError):
            for _ in range(1024):
                handler.wfile.write(b"10000\r\n" + block + b"\r\n")

    server.respond(b'{"status":"', flood)
    tracemalloc.start()
    try:
        with pytest.raises(StreamError, match="longer than"):
            list(push("u/m", host=server.url))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * ollama_push.MAX_LINE_BYTES, peak


@needs_tracemalloc
@pytest.mark.parametrize("framing", ["chunked", "length"])
def test_a_compressed_line_longer_than_the_limit_fails_within_bounded_memory(server, framing):
    # Found by a second reader: urllib3 before 2.6 inflates all a read brings
    # at once, a thousand times its size.
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = c.compress(b'{"status":"') + b"".join(c.compress(b"0" * 2**20) for _ in range(200)) + c.flush()
    server.respond(data, framing=framing, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(StreamError, match="longer than"):
            list(push("m", host=server.url))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * ollama_push.MAX_LINE_BYTES, f"peak {peak / 2**20:.0f} MiB"


def test_a_line_dripped_in_64_byte_pieces_is_read_in_linear_time(monkeypatch):
    # 4 MiB in 64-byte pieces. Measured on a 2-core machine: this reader ~0.05 s;
    # a buffer that re-copies per piece (buf += piece) 9 s; a bytearray that
    # rescans from its start per piece 2.4 s. The bound is 10x under the latter.
    monkeypatch.setattr(ollama_push, "MAX_LINE_BYTES", 8 << 20)
    piece, count = b"x" * 64, (4 << 20) // 64

    def chunks():
        yield b'{"status":"'
        for _ in range(count):
            yield piece
        yield b'"}\n'

    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        (line,) = lines_of(chunks())
        best = min(best, time.perf_counter() - started)
    assert len(line) == 4 * 1024 * 1024 + 13
    assert best < 0.24, f"{best:.3f} s: the reader is not linear"


def open_fds():
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_no_leaks_over_300_mixed_pushes(server):
    stall = threading.Event()
    kinds = ["success", "error-line", "http-500", "break", "drop", "timeout"]

    def reply_for(request):
        kind = json.loads(request.body)["model"].split("/")[0]
        return {
            "success": lambda: Reply(push_lines(layers=1, steps=2)),
            "error-line": lambda: Reply(ndjson({"status": "pushing"}, {"error": "boom"})),
            "http-500": lambda: Reply([b'{"error":"internal"}'], status=500, framing="length"),
            "break": lambda: Reply([*push_lines(layers=1, steps=1)[:2], stall]),
            "drop": lambda: Reply([ndjson({"status": "pushing"})[0], DROP]),
            "timeout": lambda: Reply([ndjson({"status": "pushing"})[0], stall]),
        }[kind]()

    server.default = reply_for
    list(push("success/m", host=server.url))  # the pool's first connection
    before = open_fds()
    outcomes = collections.Counter()
    for n in range(300):
        kind = kinds[n % len(kinds)]
        events = push(f"{kind}/m", host=server.url, timeout=0.05 if kind == "timeout" else 5)
        try:
            for _ in events:
                if kind == "break":
                    break
            outcomes["ok"] += 1
        except PushError as exc:
            outcomes[type(exc).__name__] += 1
        finally:
            events.close()  # as PyPy needs it: no reference counting there
    stall.set()
    assert outcomes == {"ok": 100, "ResponseError": 100, "StreamError": 100}
    deadline = time.monotonic() + 5
    while open_fds() > before + 2 and time.monotonic() < deadline:
        gc.collect()
        threading.Event().wait(0.05)
    assert open_fds() <= before + 2
    assert list(push("success/m", host=server.url))[-1].status == "success"


@pytest.mark.parametrize("shared", [True, False])
def test_eight_threads_push_at_once(server, shared):
    def reply_for(request):
        name = json.loads(request.body)["model"]
        objs = [{"status": f"{name} {i}", "digest": f"sha256:{name}", "total": 50, "completed": i}
                for i in range(50)] + [{"status": "success"}]
        return Reply([line for line in ndjson(*objs)])

    server.default = reply_for
    pool = None if shared else made(urllib3.PoolManager(maxsize=8))
    results, errors = {}, []

    def work(n):
        try:
            results[n] = statuses(push(f"t{n}/m", host=server.url, http=pool))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    for n in range(8):
        assert results[n] == [f"t{n}/m {i}" for i in range(50)] + ["success"]


def test_a_stall_without_timeout_still_yields_to_ctrl_c(server):
    # The interrupt comes once the push is reading (not at a guessed moment,
    # which a busy machine can miss), and the server waits for the client's
    # close however long that takes: only a KeyboardInterrupt ends this test.
    reading = threading.Event()
    server.respond(*ndjson({"status": "retrieving manifest"}), lambda handler: reading.set(), AWAIT_EOF)
    main_thread = threading.main_thread().ident

    def interrupt():
        reading.wait(30)
        time.sleep(0.3)  # into the read that waits for the next line
        signal.pthread_kill(main_thread, signal.SIGINT)

    interrupter = threading.Thread(target=interrupt)
    events = push("u/m", host=server.url)
    with pytest.raises(KeyboardInterrupt):
        interrupter.start()
        for _ in events:
            pass
    interrupter.join(30)
    events.close()
    assert server.eof.wait(5), "the socket was closed"


# ===========================================================================
# Compatibility: the file alone, any supported urllib3, the module's surface


def test_the_public_names_are_the_contracts():
    assert sorted(ollama_push.__all__) == sorted([
        "MAX_LINE_BYTES", "ConnectError", "Progress", "PushError", "PushRequest", "ResponseError",
        "StatusEvent", "StatusResponse", "StreamError", "list_models", "main", "push", "resolve_host",
        "signin_url"])
    assert all(hasattr(ollama_push, name) for name in ollama_push.__all__)
    assert isinstance(ollama_push.__version__, str)
    assert ollama_push.MAX_LINE_BYTES >= 1024 * 1024
    with open(ollama_push.__file__) as source:
        assert "MIT License" in source.read(2000), "a copied file carries its licence"


def test_importing_the_module_leaves_urllib3_for_the_first_push():
    code = "import sys, ollama_push; print('urllib3' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=HERE, timeout=60)
    assert proc.stdout.strip() == "False", proc.stderr


def test_importing_the_module_leaves_what_only_a_push_or_a_terminal_needs():
    # What the import itself brings in, whatever the interpreter's start-up
    # (site, .pth files) imported before it.
    code = "import sys; before = set(sys.modules); import ollama_push; print(sorted(set(sys.modules) - before))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=HERE, timeout=60)
    assert proc.returncode == 0, proc.stderr
    imported = proc.stdout
    for module in ("'http.client'", "'email", "'ssl'", "'socket'", "'platform'", "'shutil'", "'base64'"):
        assert module not in imported, imported
    assert "'ollama_push'" in imported  # the check saw the import happen


def test_the_file_works_copied_alone_beside_a_script(server, tmp_path):
    server.respond(*push_lines())
    shutil.copy(os.path.join(HERE, "ollama_push.py"), tmp_path)
    (tmp_path / "script.py").write_text(
        "import sys, ollama_push\n"
        "assert ollama_push.__file__.startswith(sys.argv[2]), ollama_push.__file__\n"
        "print([e.status for e in ollama_push.push('u/m', host=sys.argv[1])][-1])\n"
    )
    proc = subprocess.run([sys.executable, "script.py", server.url, str(tmp_path)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "success"


def test_only_the_named_internals_of_other_libraries_are_used():
    # The module's header names what it relies on of other libraries'
    # internals; nothing else of theirs with a leading underscore is reached.
    with open(ollama_push.__file__, encoding="utf-8") as source:
        text = source.read()
    reached = set(re.findall(r"\b(?:response|raw|urllib3|json|argparse|http_client)\.(_[a-z]\w*)", text))
    assert reached == {"_fp"}, reached
    assert text.count("object.__setattr__") == 1 and '"__dict__"' in text


# ===========================================================================
# The README's shown outputs: each block it marks with a comment, ``.. output: NAME`` or
# ``.. example: NAME`` (not rendered), is what the producer of that name below prints today.


README = os.path.join(HERE, "README.rst")
# The marker, then the text up to the block (a paragraph ending in "::", or a code-block), then the block.
README_BLOCK = re.compile(r"^\.\. (output|example): (\S+)\n\n(?:.*\n)*?.*::(?: python)?\n\n((?: {4}.*\n|\n)*)",
                          re.MULTILINE)


def readme_blocks():
    """(kind, NAME) -> (the block's text, dedented, its span in README.rst) for each marked block."""
    with open(README, encoding="utf-8") as f:
        text = f.read()
    blocks = {}
    for match in README_BLOCK.finditer(text):
        lines = match.group(3).rstrip("\n").split("\n")
        blocks[match.group(1), match.group(2)] = ("\n".join(line[4:] for line in lines), match.span(3))
    return blocks


def check_readme(name, shown):
    """``shown`` must be the README's block NAME; with OLLAMA_PUSH_README=write, it is written there instead."""
    block, (start, end) = readme_blocks()["output", name]
    if os.environ.get("OLLAMA_PUSH_README") != "write":
        assert block == shown, f"README.rst's block {name!r} is not what the program prints (see test_readme_shows)"
        return
    with open(README, encoding="utf-8") as f:
        text = f.read()
    old = text[start:end]
    new = "".join(f"    {line}\n" if line else "\n" for line in shown.split("\n"))
    with open(README, "w", encoding="utf-8") as f:
        f.write(text[:start] + new + old[len(old.rstrip("\n")) + 1:] + text[end:])


def shown_time(seconds):
    """A push's time as the summary line shows it."""
    return f"{seconds:.1f}s" if seconds < 10 else ollama_push._duration(seconds)


def recorded_seconds(name):
    """How long the recorded push took."""
    return recording(name)["response"]["chunks"][-1]["t"]


def as_recorded(text, seconds):
    """``text`` with the time in each summary line (``pushed X: ..., 0.0s``) set to the recorded push's."""
    return re.sub(r"(?m)^((?:pushed|failed) .*?[(, ])(?:\d+\.\ds|\d+h\d+m|\d+m\d+s|\d+s)(?=[,)]|$)",
                  lambda match: match.group(1) + shown_time(seconds), text)


def run_main(monkeypatch, argv, columns=None):
    """``main(argv)``, with stdout and stderr on one stream, as on a user's screen: a terminal
    ``columns`` wide (its screen's rows), or else a file (its lines). Returns (status, text)."""
    stream = Terminal(monkeypatch, columns, lines=60) if columns else io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(sys, "stderr", stream)
    status = main(argv)
    text = "\n".join(stream.rows()).rstrip("\n") if columns else stream.getvalue().rstrip("\n")
    return status, text


def command(argv, text):
    """A shell session: the command line, then what it printed."""
    return "$ ollama-push " + " ".join(argv) + "\n" + text


def readme_no_ollama(server, monkeypatch, request):
    port = free_port()
    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{port}")
    status, text = run_main(monkeypatch, ["USER/MODEL"])
    assert status == 1
    return "$ .venv/bin/ollama-push USER/MODEL\n" + text.replace(f":{port}", ":11434")


def readme_signed_out(server, monkeypatch, request):
    server.me = replay("me-signed-out")
    status, text = run_main(monkeypatch, ["my-user/my-model", "--host", server.url])
    assert status == 1 and server.requests == []
    return command(["my-user/my-model"], text)


def readme_private(server, monkeypatch, request):
    server.replies.append(replay("gguf-first"))
    argv = ["--insecure", "127.0.0.1:5000/library/tiny"]
    status, text = run_main(monkeypatch, [*argv, "--host", server.url], columns=100)
    assert status == 0
    return command(argv, as_recorded(text, recorded_seconds("gguf-first")))


def readme_no_insecure(server, monkeypatch, request):
    server.replies.append(replay("no-insecure"))
    argv = ["127.0.0.1:5000/library/tiny"]
    status, text = run_main(monkeypatch, [*argv, "--host", server.url])
    assert status == 1
    return command(argv, as_recorded(text, recorded_seconds("no-insecure")))


def readme_hints(server, monkeypatch, request):
    shown = []
    for name, argv in [("missing-model", ["--quiet", "--insecure", "127.0.0.1:5000/library/nosuch"]),
                       ("registry-unresolvable", ["--quiet", "someuser/tiny"])]:
        server.replies.append(replay(name))
        status, text = run_main(monkeypatch, [*argv, "--host", server.url])
        assert status == 1
        shown.append(command(argv, text))
    return "\n".join(shown)


def readme_all_tags(server, monkeypatch, request):
    # A made pairing: two recorded pushes of a 50 MB model stand in for the pushes of its two tags.
    server.replies.extend([replay("tags"), replay("gguf-first"), replay("gguf-again")])
    argv = ["--all-tags", "tinylib"]
    status, text = run_main(monkeypatch, [*argv, "--host", server.url])
    assert status == 0 and [json.loads(r.body or b"{}").get("model") for r in server.requests] == [
        None, "tinylib:latest", "tinylib:q4"]
    first, again = recorded_seconds("gguf-first"), recorded_seconds("gguf-again")
    lines = text.split("\n")
    summary = lines.index("", len(lines) - 5)  # the blank line before the closing summary
    lines[summary + 1] = as_recorded(lines[summary + 1], first)
    lines[summary + 2] = as_recorded(lines[summary + 2], again)
    second = lines.index("==> tinylib:q4 (2 of 2)")
    return command(argv, "\n".join([*lines[:2], "...", *lines[second:second + 2], "...", *lines[summary:]]))


def readme_retry_record(server, monkeypatch, request):
    waits = request.getfixturevalue("waits")
    caplog = request.getfixturevalue("caplog")
    server.replies.extend([replay("upload-invalid"), replay("big-again")])
    assert statuses(push("127.0.0.1:5002/library/big", insecure=True, host=server.url, retries=3))[-1] == "success"
    assert waits == [1.0]
    return "\n".join(record.getMessage() for record in caplog.records if record.name == "ollama_push")


def recorded_retry(server, monkeypatch, request):
    """The retry notice main() prints for upload-invalid, then big-again: its lead and the server's message."""
    request.getfixturevalue("waits")
    server.replies.extend([replay("upload-invalid"), replay("big-again")])
    status, text = run_main(monkeypatch, ["--insecure", "127.0.0.1:5002/library/big", "--host", server.url])
    assert status == 0
    notice = next(line for line in text.split("\n") if "; retry 1 of " in line)
    lead, message = re.fullmatch(r"(.*?; retry \d+ of \d+ in \S+): (.*)", notice).groups()
    return lead, message


def recorded_display(display, clock, lead, message):
    """upload-invalid, a wait of 1 s, then big-again, through ``display`` on the recorded clock.

    The display is the command line's own; only its clock is the recording's, not the wall's.
    """
    start = clock.now
    for chunk in recording("upload-invalid")["response"]["chunks"][:-1]:  # the last is the error line
        clock.now = start + chunk["t"]
        display.update(StatusEvent.from_dict(json.loads(chunk["data"])))
        display.tick()
    display.notice(lead, message)
    start = clock.now + 1.0
    for chunk in recording("big-again")["response"]["chunks"]:
        clock.now = start + chunk["t"]
        display.update(StatusEvent.from_dict(json.loads(chunk["data"])))
        display.tick()
    display.close()


def readme_retry_terminal(server, monkeypatch, request):
    clock, term = Clock(), Terminal(monkeypatch, columns=100, lines=60)
    recorded_display(live(term, clock), clock, *recorded_retry(server, monkeypatch, request))
    return "\n".join(term.rows()).rstrip("\n")


def readme_retry_log(server, monkeypatch, request):
    clock, stream = Clock(), io.StringIO()
    recorded_display(plain(stream, clock), clock, *recorded_retry(server, monkeypatch, request))
    return stream.getvalue().rstrip("\n")


def readme_retry_json(server, monkeypatch, request):
    request.getfixturevalue("waits")
    server.replies.extend([replay("upload-invalid"), replay("big-again")])
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["--json", "--insecure", "127.0.0.1:5002/library/big", "--host", server.url]) == 0
    lines = out.getvalue().rstrip("\n").split("\n")
    retry = next(n for n, line in enumerate(lines) if line.startswith('{"ollama_push":"retry"'))
    return "\n".join([*lines[:2], "...", *lines[retry:retry + 2], "...", lines[-1]])


def readme_layers(server, monkeypatch, request):
    server.replies.append(replay("gguf-first"))
    term = run_readme_example("layers", server, monkeypatch)
    return "\n".join(term.rows()).rstrip("\n")


def readme_failure(server, monkeypatch, request):
    if not hasattr(PushError, "advice"):
        pytest.skip("PushError.advice is not there yet (issue 25): write this block once it is")
    server.replies.append(replay("no-insecure"))
    return run_readme_example("failure", server, monkeypatch, columns=None).getvalue().rstrip("\n")


def run_readme_example(name, server, monkeypatch, columns=100):
    """Run the README's example NAME as a script would, against ``server`` (OLLAMA_HOST); return its stdout:
    a terminal ``columns`` wide, or else a file."""
    code, _ = readme_blocks()["example", name]
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    stdout = Terminal(monkeypatch, columns, lines=60) if columns else io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    exec(compile(code, f"README.rst:{name}", "exec"), {"__name__": "__main__"})
    return stdout


README_SHOWS = {  # the README's block NAME -> what makes it
    "no-ollama": readme_no_ollama, "signed-out": readme_signed_out, "private": readme_private,
    "layers": readme_layers, "no-insecure": readme_no_insecure, "hints": readme_hints, "failure": readme_failure,
    "all-tags": readme_all_tags, "retry-terminal": readme_retry_terminal, "retry-log": readme_retry_log,
    "retry-json": readme_retry_json, "retry-record": readme_retry_record,
}


def test_every_output_the_readme_shows_has_a_producer_here():
    outputs = {name for kind, name in readme_blocks() if kind == "output"}
    assert outputs == set(README_SHOWS)


@pytest.mark.parametrize("name", sorted(README_SHOWS))
def test_readme_shows(server, monkeypatch, request, name):
    """Each output the README shows is what the program prints today, produced here from testdata/'s recordings.

    The command line's blocks come from ``main()`` against the stand-in server replaying the recordings,
    with the time in a summary line set to the recorded push's and the stand-in's port to 11434; the
    retry as a terminal and a log show it come from the command line's own display, driven by the
    recording's events on the recording's clock; the examples' are the README's code run against the
    stand-in. When an output changes on purpose, write the new one into README.rst and review the diff:

        OLLAMA_PUSH_README=write .venv/bin/python -m pytest -k readme
    """
    check_readme(name, README_SHOWS[name](server, monkeypatch, request))


def test_the_per_layer_example_draws_a_few_times_a_second(server, monkeypatch):
    # 644 events of a tensor model over a second or more: the example draws at most four times a second.
    server.replies.append(replay("tensor-first", pace=0.002))
    started = time.monotonic()
    term = run_readme_example("layers", server, monkeypatch)
    seconds = time.monotonic() - started
    draws = term.getvalue().count("\x1b[2K")  # one layer: one row a draw
    assert 1 <= draws <= 4 * seconds + 2, (draws, seconds)
    rows = [row for row in term.rows() if row]
    assert rows[0].startswith("model [") and rows[-1].startswith("success: 1 layer(s)"), rows


# ---------------------------------------------------------------------------
# A stand-in Ollama for trying the command line by hand:
#     python test_ollama_push.py [PORT] [--flaky] [--replay=NAME ...]   then   ollama-push --host URL u/m


if __name__ == "__main__":
    standin = Server(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 0)
    standin.default = Reply(push_lines(layers=3, steps=20))
    if "--flaky" in sys.argv:  # the first push fails halfway, as registries do
        standin.respond(*push_lines(layers=3, steps=20)[:30], *ndjson({"error": INVALID}))
    for arg in sys.argv[1:]:  # --replay=NAME: a recording in testdata/, a chunk every 20 ms
        if arg.startswith("--replay="):
            standin.replies.append(replay(arg.partition("=")[2], pace=0.02))
    print(standin.url, flush=True)
    standin.thread.join()
