# ollama_push.py: push a model through Ollama's /api/push and follow its progress.
#
# MIT License
#
# Copyright (c) 2026 The ollama-push authors
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
"""Push a model through Ollama's ``POST /api/push`` and stream its progress.

One file, the standard library and urllib3::

    import ollama_push

    for event in ollama_push.push("my-user/my-model"):  # doctest: +SKIP
        print(event.status, event.completed, event.total)

Everything that goes wrong on the server or the network is a ``PushError``::

    PushError
     +-- ResponseError   the server said no: HTTP status >= 400, an "error" line
     |                   in the stream, or a refused redirect
     +-- ConnectError    the server could not be reached (also a ConnectionError)
     +-- StreamError     the response was malformed, cut short or timed out

Bad arguments raise ``TypeError`` or ``ValueError`` before anything is sent.
"""

from __future__ import annotations  # annotations stay text: urllib3 is imported lazily

import atexit
import collections
import contextlib
import dataclasses
import ipaddress
import itertools
import json
import logging
import os
import re
import sys
import threading
import time
import urllib.parse
import warnings
import zlib
from typing import (
    TYPE_CHECKING, Any, Callable, Dict, Generator, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence,
    Tuple, TypeVar, Union, cast, overload,
)

if TYPE_CHECKING:
    import argparse

    import urllib3

# urllib3 is imported where it is first needed, not here: it is most of what
# "import ollama_push" would cost (about 150 ms on a small machine), and a
# script that imports the module may never push. The first push() pays it.
# So are http.client (with email and ssl), socket, platform, base64 and shutil,
# and patterns are compiled by re's own cache where first used, not at import.
#
# What this module relies on of other libraries' internals, all of it here:
# 1. StatusEvent's __dict__ is set to the parsed line's own dict, past the
#    dataclass's __init__ (in _stream): a third of the cost of an event in
#    bulk. Without it, each event would be built by its constructor.
# 2. urllib3 before 2.2 has no public call that returns what one network read
#    brings on a body that is not chunked (read(amt) waits for amt bytes,
#    sseclient#20): there, and only there, _read_old reads ``response._fp``, the
#    http.client response urllib3 wraps, whose read1() is public. Those releases are frozen.

__version__ = "0.1.0"

__all__ = [
    "MAX_LINE_BYTES",
    "ConnectError",
    "Progress",
    "PushError",
    "PushRequest",
    "ResponseError",
    "StatusEvent",
    "StatusResponse",
    "StreamError",
    "main",
    "push",
    "list_models",
    "resolve_host",
    "signin_url",
]

#: Each retry of a push is logged here as one WARNING; nothing else above DEBUG.
_log = logging.getLogger("ollama_push")
_log.addHandler(logging.NullHandler())  # as libraries do: silent unless configured

# ---------------------------------------------------------------------------
# Constants

#: The longest NDJSON line (or non-streamed body) accepted, in bytes.
MAX_LINE_BYTES = 1024 * 1024

_DEFAULT_HOST = "http://127.0.0.1:11434"
_READ_SIZE = 64 * 1024  # the most one read asks for
_CONNECT_TIMEOUT = 10.0
_TIMEOUT_MAX = 1e8  # seconds (three years): more overflows the platform's clock
_MAX_REDIRECTS = 3
_MESSAGE_CHARS = 1000  # a server message longer than this is cut in its middle
_LINE_CHARS = 200  # an offending line quoted in a StreamError ...
_QUOTE_WINDOW = 4096  # ... out of as much of each of its ends
_SENSITIVE_HEADERS = ("authorization", "proxy-authorization", "cookie")  # dropped on leaving the origin
# Headers of the caller's own whose values are credentials too: never quoted.
_CREDENTIAL_HEADER = r"(?i)auth|token|secret|passw|key|cookie|session"
# A signed URL's credentials, which a registry's message may quote, are never shown: in a raw JSON line "&" is
# "\u0026", in a URL inside a URL "%26"; S3's SignatureDoesNotMatch tags the key's id and the signature sent.
_SIGNED_URL_SECRET = (
    r"(?i)((?:[?&;\s]|\\u0026|%26|%3F)(?:x-(?:amz|goog)-(?:signature|credential|security-token)|sig|signature"
    r"|(?:access_|security-)?token)(?:=|%3D)|(?:<|\\u003c)(?:SignatureProvided|AWSAccessKeyId)(?:>|\\u003e))"
    r"(?:(?!%26|: )[^&\"'\s\\<])*"  # a value ends where a message goes on after it with ": "
)
_RETRY_FIRST = 1.0  # seconds before the first retry; doubled for each after it ...
_RETRY_MAX = 30.0  # ... up to this
_RETRY_AFTER_MAX = 60.0  # the most of a server's Retry-After that is honoured

# ---------------------------------------------------------------------------
# Errors


class PushError(Exception):
    """Base class of every failure of the server or the network in ``push()``."""

    _transient = False  # whether sending the same push again may go better ...
    _cause = "the response was malformed"  # ... and the failure in a few words
    _where = ("", "")  # the URL and the model of the request that failed: for the advice

    @property
    def retry_reason(self) -> Optional[str]:
        """Why sending the same push again may go better, in a few words; ``None`` if it would not.

        These are the failures ``push(retries=N)`` sends again (a
        ``ConnectError`` only after the first attempt): ``"the connection
        dropped"``, ``"the registry dropped the upload (BLOB_UPLOAD_INVALID)"``.
        """
        transient, cause, _ = _failure(self)
        return cause if transient else None

    @property
    def advice(self) -> Optional[str]:
        """What to do about this failure, in plain words; ``None`` where nothing useful is known.

        From the same catalogue as ``retry_reason``: ``"The registry
        127.0.0.1:5000 speaks plain HTTP: push with insecure=True"``.
        """
        return _failure(self)[2]


class ResponseError(PushError):
    """The server refused: an HTTP status >= 400, an ``error`` line, or a redirect.

    ``error`` is the server's message as sent (the JSON ``error`` field, else
    the body text), ``status_code`` the HTTP status (-1 for an ``error`` line
    inside a stream) and ``signin_url`` the sign-in address the server
    offered, if any.
    """

    _retry_after: Optional[float] = None  # seconds, from a 429 or 503

    def __init__(self, error: str, status_code: int = -1, signin_url: Optional[str] = None) -> None:
        super().__init__(error, status_code, signin_url)
        self.error = error
        self.status_code = status_code
        self.signin_url = signin_url

    def __str__(self) -> str:
        message = _excerpt(self.error.strip())
        if self.status_code == -1:  # an error line: there is no status to tell
            return message
        return f"{message} (status code: {self.status_code})"


class ConnectError(PushError, ConnectionError):
    """The server could not be reached: refused, DNS, connect timeout, TLS or a proxy.

    ``url`` is the URL tried, ``reason`` what went wrong, in words, and
    ``advice`` what to do about it (by default: check that Ollama is running
    and the host).
    """

    advice: str = ""  # always filled: an attribute, over PushError's property
    _cause = "Ollama could not be reached"

    def __init__(self, url: str, reason: str, advice: Optional[str] = None) -> None:
        self.url = url
        self.reason = reason
        self.advice = advice or "Check that Ollama is running there and that the host is right (host= or OLLAMA_HOST)"
        super().__init__(
            f"could not connect to Ollama at {url}: {reason.rstrip().rstrip('.')}. {self.advice.rstrip('.')}."
        )

    def __reduce__(self) -> Tuple[Any, ...]:
        # Pickled (say, from a worker process) by its own arguments: the
        # builtin's way would call __init__ with the message alone.
        return (type(self), (self.url, self.reason, self.advice), self.__dict__)


class StreamError(PushError):
    """The response was malformed, cut short, too long, or a read timed out.

    ``line`` holds a short excerpt of the offending line, where there is one.
    """

    def __init__(self, message: str, line: Union[str, bytes, None] = None) -> None:
        super().__init__(message)
        self._message = message
        # Both ends of the line, wider than the excerpt, and its length: kept
        # so that a credential in it can be redacted before the line is cut.
        self._quoted: Optional[Tuple[str, int]] = None
        if line is not None:  # never decode a megabyte to quote a few hundred characters
            ends = [line] if len(line) <= 2 * _QUOTE_WINDOW else [line[:_QUOTE_WINDOW], line[-_QUOTE_WINDOW:]]
            text = "".join(end.decode("utf-8", "replace") if isinstance(end, bytes) else end for end in ends)
            self._quoted = (text, len(line))
        self._describe()

    def _describe(self) -> None:
        self.line = None
        message = self._message
        if self._quoted is not None:
            text, length = self._quoted
            self.line = _excerpt(text, _LINE_CHARS, length)
            message = f"{message}: {self.line!r}"
        self.args = (message,)


def _cut_short(message: str, cause: str = "the connection dropped") -> StreamError:
    """A StreamError for a stream that broke off: worth sending the push again."""
    exc = StreamError(message)
    exc._transient, exc._cause = True, cause
    return exc


def _excerpt(text: str, limit: int = _MESSAGE_CHARS, length: Optional[int] = None) -> str:
    """Server text whole up to ``limit`` characters; longer, both ends and a cut between.

    Go's error chains put the cause last, so the end is kept as well as the
    start. ``length``: how long the text was, when ``text`` holds only its ends.
    """
    length = len(text) if length is None else length
    if length <= limit:
        return text
    head, tail = limit // 2, limit - limit // 2
    return f"{text[:head]} [... {length - limit} characters ...] {text[-tail:]}"


# ---------------------------------------------------------------------------
# Data classes


@dataclasses.dataclass(frozen=True)
class PushRequest:
    """The JSON body of ``POST /api/push``."""

    model: str
    insecure: Optional[bool] = None
    stream: bool = True

    def to_dict(self) -> Dict[str, Any]:
        """The request body, leaving out fields that are ``None``."""
        body: Dict[str, Any] = {"model": self.model}
        if self.insecure is not None:
            body["insecure"] = self.insecure
        if self.stream is not None:
            body["stream"] = self.stream
        return body


@dataclasses.dataclass(frozen=True)
class StatusResponse:
    """The body of a non-streamed push (``stream=False``)."""

    status: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "StatusResponse":
        """Build from a decoded JSON object; a wrong field type is a ``StreamError``."""
        return cls(status=_field(_object(d), "status", str))


@dataclasses.dataclass(frozen=True)
class StatusEvent:
    """One line of the NDJSON progress stream."""

    status: Optional[str] = None
    digest: Optional[str] = None
    total: Optional[int] = None
    completed: Optional[int] = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "StatusEvent":
        """Build from a decoded JSON object; a wrong field type is a ``StreamError``.

        Keys this class does not know are ignored.
        """
        d = _object(d)
        return cls(
            status=_field(d, "status", str),
            digest=_field(d, "digest", str),
            total=_field(d, "total", int),
            completed=_field(d, "completed", int),
        )


def _object(d: Any) -> Mapping[str, Any]:
    if not isinstance(d, Mapping):
        raise StreamError(f"expected a JSON object, got {type(d).__name__}")
    return d


def _field(d: Mapping[str, Any], key: str, kind: type) -> Any:
    value = d.get(key)
    # type() rather than isinstance(): JSON true is not an int here, nor 1.5.
    if value is None or type(value) is kind:
        return value
    raise StreamError(
        f"field {key!r} should be {kind.__name__}, not {type(value).__name__}"
    )


# ---------------------------------------------------------------------------
# Host


def resolve_host(host: Optional[str] = None) -> str:
    """Return the base URL that ``push()`` uses for ``host``.

    ``None`` reads ``OLLAMA_HOST``; unset or empty means ``127.0.0.1:11434``.
    Normalised as the official Ollama Python client does. A scheme other than
    http/https or a port outside 1-65535 raises ``ValueError``; a non-string
    raises ``TypeError``.

    >>> resolve_host('')
    'http://127.0.0.1:11434'
    >>> resolve_host(':56789')
    'http://127.0.0.1:56789'
    >>> resolve_host('https://example.com')
    'https://example.com:443'
    >>> resolve_host('example.com:56789/path/')
    'http://example.com:56789/path'
    >>> resolve_host('[0001:002:003:0004::1]')
    'http://[0001:002:003:0004::1]:11434'
    """
    if host is None:
        host = os.environ.get("OLLAMA_HOST", "")
    if not isinstance(host, str):
        raise TypeError(f"host must be a str or None, not {type(host).__name__}")
    raw, port = host.strip(), 11434
    scheme, sep, hostport = raw.partition("://")
    if not sep:
        scheme, hostport = "http", raw
    else:
        scheme = scheme.lower()
        if scheme not in ("http", "https"):
            raise ValueError(f"host {host!r}: the scheme must be http or https")
        port = 80 if scheme == "http" else 443
    try:
        split = urllib.parse.urlsplit(f"{scheme}://{hostport}")
        given_port = split.port
    except ValueError:
        given_port = 0
    if given_port is not None and not 1 <= given_port <= 65535:
        raise ValueError(f"host {host!r}: the port must be a number from 1 to 65535")
    name = split.hostname or "127.0.0.1"
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(name).version == 6:
            name = f"[{name}]"
    url = f"{scheme}://{name}:{given_port or port}"
    path = split.path.strip("/")
    if path:
        url = f"{url}/{path}"
    import urllib3

    try:
        urllib3.util.parse_url(url)
    except urllib3.exceptions.LocationParseError:
        raise ValueError(f"host {host!r} is not a usable URL") from None
    if any(c.isspace() or not c.isprintable() for c in url):
        raise ValueError(f"host {host!r} is not a usable URL")
    return url


# ---------------------------------------------------------------------------
# push()


class _Unset:
    def __repr__(self) -> str:
        return "<default>"


_UNSET: Any = _Unset()

_Timeout = Union[float, int, "urllib3.Timeout", None]
_Events = Generator[StatusEvent, None, None]


@overload
def push(model: PushRequest, *, host: Optional[str] = ..., headers: Optional[Mapping[str, str]] = ...,
         timeout: _Timeout = ..., http: Optional[urllib3.PoolManager] = ...,
         retries: int = ...) -> Union[_Events, StatusResponse]: ...


@overload
def push(model: str, *, insecure: bool = ..., stream: Literal[True] = ..., host: Optional[str] = ...,
         headers: Optional[Mapping[str, str]] = ..., timeout: _Timeout = ...,
         http: Optional[urllib3.PoolManager] = ..., retries: int = ...) -> _Events: ...


@overload
def push(model: str, *, insecure: bool = ..., stream: Literal[False], host: Optional[str] = ...,
         headers: Optional[Mapping[str, str]] = ..., timeout: _Timeout = ...,
         http: Optional[urllib3.PoolManager] = ..., retries: int = ...) -> StatusResponse: ...


@overload
def push(model: str, *, insecure: bool = ..., stream: bool, host: Optional[str] = ...,
         headers: Optional[Mapping[str, str]] = ..., timeout: _Timeout = ...,
         http: Optional[urllib3.PoolManager] = ..., retries: int = ...) -> Union[_Events, StatusResponse]: ...


def push(
    model: Union[str, PushRequest],
    *,
    insecure: Any = _UNSET,
    stream: Any = _UNSET,
    host: Optional[str] = None,
    headers: Optional[Mapping[str, str]] = None,
    timeout: _Timeout = None,
    http: Optional[urllib3.PoolManager] = None,
    retries: int = 0,
) -> Union[_Events, StatusResponse]:
    """Push ``model`` to its registry through the Ollama server at ``host``.

    ``model`` is a name such as ``"my-user/my-model"`` or a ``PushRequest``.
    ``insecure`` (default False) allows a registry without TLS; ``stream``
    (default True) chooses the return value:

    - ``stream=True``: an iterator of ``StatusEvent``, one per NDJSON line, each
      handed over as soon as its line has arrived. The request is sent when
      iteration begins. The stream must end with a ``"success"`` event, else
      ``StreamError`` is raised. Leaving the loop early (``break``, ``close()``,
      an exception, garbage collection) closes the connection at once, so the
      server cancels the push (on PyPy, which has no reference counting, a
      ``break`` closes it only at garbage collection: call ``close()``).
    - ``stream=False``: the request is sent now; returns one ``StatusResponse``.

    ``host`` is the server's base URL (default: ``OLLAMA_HOST``, else
    ``http://127.0.0.1:11434``); ``headers`` are sent on top of the defaults and
    win over them; ``timeout`` is seconds for the connect and for each read, or a
    ``urllib3.Timeout`` (default: 10 s to connect, reads unbounded); ``http`` is a
    ``urllib3.PoolManager`` to send through instead of the shared default pool.

    ``retries`` (default 0) is how many more times to send the whole push after
    a transient failure: a connection dropped or a read timed out, HTTP 408, 429,
    502, 503 or 504, or a server message that reports a network failure between
    Ollama and its registry. Each attempt's connection is closed first; the
    waits start at about 1 s and double, up to 30 s (a ``Retry-After`` of up to
    60 s is honoured), and each is logged as a WARNING on the ``ollama_push``
    logger. Streamed, the events of every attempt are yielded in order; when
    the attempts run out, the last failure is raised.

    Raises ``TypeError``/``ValueError`` for bad arguments before any I/O, and
    ``PushError`` subclasses for everything the server or the network does.
    """
    request = _request(model, insecure, stream)
    if isinstance(retries, bool) or not isinstance(retries, int):
        raise TypeError(f"retries must be an int, not {type(retries).__name__}")
    if retries < 0:
        raise ValueError(f"retries must be 0 or more, not {retries}")
    accept = "application/x-ndjson" if request.stream else "application/json"
    call = _prepare("POST", "/api/push", request.to_dict(), accept, host, headers, timeout, http)
    if request.stream:
        return _stream(call, retries)
    return _push(call, retries)


def signin_url(host: Optional[str] = None, *, headers: Optional[Mapping[str, str]] = None, timeout: _Timeout = 10.0,
               http: Optional[urllib3.PoolManager] = None) -> Optional[str]:
    """The URL to sign in at, when the Ollama at ``host`` says its user is signed out; else ``None``.

    Asks ``POST {host}/api/me``, as ``ollama push`` does before pushing to
    ollama.com. Only a 401 whose JSON body carries ``signin_url`` gives a URL;
    anything else (signed in, an Ollama too old to know, ollama.com out of
    reach, a timeout, nothing listening) gives ``None``: it cannot tell, so
    the caller goes on and the push itself says what is wrong. Ollama asks
    ollama.com with no timeout of its own, so the read is bounded (10 s).
    Sends what ``push()`` sends (headers, ``OLLAMA_API_KEY``, proxies, TLS);
    only bad arguments raise, ``TypeError``/``ValueError`` before any I/O.
    """
    call = _prepare("POST", "/api/me", None, "application/json", host, headers, timeout, http, 10.0)
    try:
        response = _send(call)
    except ResponseError as exc:
        return exc.signin_url if exc.status_code == 401 else None
    except PushError:
        return None
    _finish(response, clean=False)  # signed in: what the body says is no matter, nor how long it takes
    return None


def list_models(host: Optional[str] = None, *, headers: Optional[Mapping[str, str]] = None, timeout: _Timeout = None,
                http: Optional[urllib3.PoolManager] = None) -> List[str]:
    """The names of the models the Ollama at ``host`` has locally, as ``GET /api/tags`` lists them.

    Names come as Ollama shows them: ``tinylib:latest`` for the default
    registry's library, ``me/model:7b``, ``host:5000/library/m:latest``.
    Sends what ``push()`` sends; ``timeout=None`` bounds the read at 30 s (or
    takes the timeout of the pool given as ``http``). Server and network
    failures raise ``PushError`` (a body that is not a model list:
    ``StreamError``); bad arguments raise ``TypeError``/``ValueError`` before any I/O.
    """
    call = _prepare("GET", "/api/tags", None, "application/json", host, headers, timeout, http, 30.0)
    return _fetch(call, _model_names)


def _model_names(obj: Dict[str, Any]) -> List[str]:
    models = obj.get("models")
    if not isinstance(models, list):
        raise StreamError("the model list has no \"models\" array")
    names = []
    for entry in models:
        name = entry.get("name", entry.get("model")) if isinstance(entry, dict) else None
        if not isinstance(name, str):
            raise StreamError("an entry of the model list has no name")
        names.append(name)
    return names


def _request(model: Any, insecure: Any, stream: Any) -> PushRequest:
    if isinstance(model, PushRequest):
        given = [n for n, v in (("insecure", insecure), ("stream", stream)) if v is not _UNSET]
        if given:
            raise TypeError(
                f"pass {' and '.join(given)} inside the PushRequest, not beside it"
            )
        request = model
    else:
        for name, value in (("insecure", insecure), ("stream", stream)):
            if value is not _UNSET and not isinstance(value, bool):
                raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
        request = PushRequest(
            model=model,
            insecure=False if insecure is _UNSET else insecure,
            stream=True if stream is _UNSET else stream,
        )
    if not isinstance(request.model, str):
        raise TypeError(f"model must be a str or PushRequest, not {type(request.model).__name__}")
    if not request.model or any(c.isspace() or not c.isprintable() for c in request.model):
        raise ValueError(f"model must be a non-empty name without spaces, not {request.model!r}")
    if request.insecure is not None and not isinstance(request.insecure, bool):
        raise TypeError(f"insecure must be a bool, not {type(request.insecure).__name__}")
    if not isinstance(request.stream, bool):
        raise TypeError(f"stream must be a bool, not {type(request.stream).__name__}")
    return request


def _prepare(
    method: str,
    path: str,
    body: Optional[Dict[str, Any]],
    accept: str,
    host: Optional[str],
    headers: Optional[Mapping[str, str]],
    timeout: _Timeout,
    http: Optional[urllib3.PoolManager],
    read_timeout: Optional[float] = None,
) -> "_Call":
    """Check the arguments every request shares and make its _Call; no I/O."""
    import urllib3

    url = resolve_host(host) + path
    if http is not None and not isinstance(http, urllib3.PoolManager):
        raise TypeError(
            f"http must be a urllib3.PoolManager or None, not {type(http).__name__}"
        )
    sent = _headers(headers, http, accept, body is not None)
    data = None if body is None else json.dumps(body).encode("utf-8")
    return _Call(method, url, data, sent, _timeout(timeout, http, read_timeout), http)


# A header name is an RFC 9110 token; a value is Latin-1 text without a line
# break or NUL (what http.client can send without refusing or splitting it).
_HEADER_NAME = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"


def _sendable(value: str) -> bool:
    """Whether ``value`` can be a header's value."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return "\r" not in value and "\n" not in value and "\0" not in value


def _headers(
    extra: Optional[Mapping[str, str]], pool: Any, accept: str, has_body: bool
) -> Dict[str, str]:
    """Every header to send, checked: our defaults, then the pool's own, then ``extra``.

    The one place headers are checked. A bad one is refused without showing
    its value, which may be a credential.
    """
    import platform

    headers = {
        "Accept": accept,
        "User-Agent": (
            f"ollama-push/{__version__} ({platform.machine()} "
            f"{platform.system().lower()}) Python/{platform.python_version()}"
        ),
    }
    if has_body:
        headers["Content-Type"] = "application/json"
    layers = (
        (getattr(pool, "proxy_headers", None), "the pool's proxy headers", False),  # checked, not sent here
        (getattr(pool, "headers", None), "the pool's headers", True),
        (extra, "headers", True),
    )
    for given, source, merged in layers:
        if given is None:
            continue
        if not isinstance(given, Mapping):
            raise TypeError(f"{source} must be a mapping, not {type(given).__name__}")
        for name, value in given.items():
            if not isinstance(name, str) or not isinstance(value, str):
                raise TypeError(f"{source}: header names and values must be str")
            if not re.fullmatch(_HEADER_NAME, name):
                good = re.match(_HEADER_NAME, name)
                shown = name[: good.end() if good else 0]
                raise ValueError(
                    f"{source}: the header name {shown + '...'!r} has a character a header name "
                    "cannot have (letters, digits and !#$%&'*+-.^_`|~ only)"
                )
            if not _sendable(value):
                raise ValueError(
                    f"{source}: the value of header {name!r} has a character an HTTP header cannot "
                    "carry (a line break, NUL or a character outside Latin-1)"
                )
            if not merged:
                continue
            for known in [k for k in headers if k.lower() == name.lower()]:
                del headers[known]
            headers[name] = value
    key = os.environ.get("OLLAMA_API_KEY", "").strip()  # a key read from a file ends in a newline
    if key and not any(k.lower() == "authorization" for k in headers):
        if not _sendable(key) or not key.isprintable():
            raise ValueError(
                "OLLAMA_API_KEY has a character an HTTP header cannot carry (a line break, "
                "a control character or one outside Latin-1, such as a zero-width space)"
            )
        headers["Authorization"] = f"Bearer {key}"
    return headers


def _timeout(
    timeout: _Timeout, pool: Any = None, read: Optional[float] = None
) -> Union[float, urllib3.Timeout]:
    """The timeout to send with: the caller's, else the pool's own, else ours."""
    import urllib3

    if timeout is None:
        own = getattr(pool, "connection_pool_kw", {}).get("timeout")
        if own is None or own is urllib3.Timeout.DEFAULT_TIMEOUT:
            return urllib3.Timeout(connect=_CONNECT_TIMEOUT, read=read)
        timeout, what = own, "the pool's timeout"
    else:
        what = "timeout"
    if isinstance(timeout, urllib3.Timeout):
        # What each part comes to (urllib3's default sentinel is no number); a
        # total bounds the read, which urllib3 tells only once connected.
        parts = [timeout.connect_timeout, timeout.total]
        if timeout.total is None or timeout.total is urllib3.Timeout.DEFAULT_TIMEOUT:
            parts.append(timeout.read_timeout)
        for part in parts:
            if isinstance(part, (int, float)) and not 0 <= part <= _TIMEOUT_MAX:
                raise ValueError(f"{what}: each part must be 0 to {_TIMEOUT_MAX:.0e} seconds, not {part!r}")
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(
            f"{what} must be seconds, a urllib3.Timeout or None, not {type(timeout).__name__}"
        )
    if not 0 < timeout <= _TIMEOUT_MAX:  # NaN fails too; inf would overflow the clock at the first read
        raise ValueError(f"{what} must be more than 0 and at most {_TIMEOUT_MAX:.0e} seconds, not {timeout!r}")
    return urllib3.Timeout(connect=timeout, read=timeout)


# ---------------------------------------------------------------------------
# Private pipeline: send, read bytes, split lines, parse events.


@dataclasses.dataclass
class _Call:
    method: str
    url: str
    body: Optional[bytes]
    headers: Dict[str, str] = dataclasses.field(repr=False)
    timeout: Union[float, urllib3.Timeout]
    http: Optional[urllib3.PoolManager]
    secrets: List[str] = dataclasses.field(init=False, repr=False)
    proxy: Optional[str] = dataclasses.field(init=False, default=None)  # for messages ...
    proxy_advice: str = dataclasses.field(init=False, default="")  # ... about the proxy

    def __post_init__(self) -> None:
        # Credentials we send: never to be quoted in an error, even after a
        # redirect has dropped them from the headers.
        self.secrets = []
        for name, value in self.headers.items():
            if name.lower() in _SENSITIVE_HEADERS or re.search(_CREDENTIAL_HEADER, name):
                self.keep_secret(value)

    def keep_secret(self, value: str) -> None:
        """Redact ``value`` from every message: whole, token by token, and decoded if Basic."""
        forms = [value] + [part for part in value.split() if len(part) >= 8]
        scheme, _, token = value.partition(" ")
        if scheme.lower() == "basic":  # user:password, which a server may quote decoded
            import base64

            with contextlib.suppress(ValueError):  # binascii.Error is one
                pair = base64.b64decode(token.strip(), validate=True).decode("utf-8")
                password = pair.partition(":")[2]
                forms += [pair, password]
        # Shorter than 4 characters is no secret to look for: it would blank out common words.
        self.secrets.extend(f for f in forms if len(f) >= 4 and f not in self.secrets)

    def attempt(self) -> "_Call":
        """A copy for one attempt: its redirects change the copy, not the original."""
        copy = dataclasses.replace(self)
        copy.secrets = list(self.secrets)
        return copy


# json.loads without its checks for leading and trailing whitespace: on
# CPython, raw_decode() saves about 0.6 us a line (a third of what parsing
# costs). PyPy's fast parser is json.loads itself.
_decode_json: Callable[[str], Tuple[Any, int]] = json.JSONDecoder().raw_decode
if sys.implementation.name == "pypy":  # pragma: no cover

    def _decode_json(line: str) -> Tuple[Any, int]:
        return json.loads(line), len(line)


_new = object.__new__
_set = object.__setattr__


def _stream(call: _Call, retries: int) -> _Events:
    """The streamed push: sent on the first next(); each attempt's connection closed before any wait."""
    for attempt in range(retries + 1):
        this = call.attempt()
        response, failure = None, None
        try:
            response = _send(this)
            with _translate_errors(this, reading=True):
                for lines in _iter_lines(_read_chunks(response)):
                    for line in lines:
                        # The fast path, for progress lines as Ollama sends them by
                        # the hundred thousand: exactly the four fields, well typed.
                        # The parsed dict becomes the event's __dict__, skipping the
                        # frozen dataclass's __init__ (three times the cost; the
                        # events are equal either way). Any other line goes the long
                        # way, _parse_line, which finds and names any fault. Either
                        # way, one success ends the push: whatever follows it is
                        # never read, and the connection is closed.
                        try:
                            obj, end = _decode_json(line)
                        except (ValueError, RecursionError):
                            end = -1
                        if end == len(line) and type(obj) is dict and len(obj) == 4:
                            try:  # subscripts: cheaper than four get() calls
                                status, digest = obj["status"], obj["digest"]
                                total, completed = obj["total"], obj["completed"]
                            except KeyError:
                                status = digest = total = completed = None
                            if (
                                type(total) is int
                                and type(completed) is int
                                and type(status) is str
                                and type(digest) is str
                            ):
                                event: StatusEvent = _new(StatusEvent)
                                _set(event, "__dict__", obj)
                                yield event
                                if status == "success":
                                    return
                                continue
                        parsed = _parse_line(line)
                        if parsed is not None:
                            yield parsed
                            if parsed.status == "success":
                                return
                raise _cut_short("the stream ended before the push reported success",
                                 "the stream ended before success")
        except PushError as exc:
            failure = exc
        finally:
            if response is not None:
                _finish(response, clean=False)  # before any wait: the server sees it go
        if not _wait_to_retry(failure, attempt, retries):
            raise failure


def _push(call: _Call, retries: int) -> StatusResponse:
    for attempt in range(retries + 1):
        try:
            return _fetch(call.attempt(), StatusResponse.from_dict)
        except PushError as exc:
            if not _wait_to_retry(exc, attempt, retries):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


_T = TypeVar("_T")


def _fetch(call: _Call, parse: Callable[[Dict[str, Any]], _T]) -> _T:
    """Send a request whose answer is one JSON object; ``parse`` it (an ``error`` field raises)."""
    response = _send(call)
    clean = False
    try:
        with _translate_errors(call, reading=True):  # the parse too: its errors may quote the body
            body = _read_body(response, truncate=False)
            clean = True
            obj = _parse_json(_decode(body).strip())
            refused = _refusal(obj, body.decode("utf-8", "replace"), response.status)
            if refused is not None:
                raise refused
            return parse(obj)
    finally:
        _finish(response, clean)


def _wait_to_retry(exc: PushError, attempt: int, retries: int) -> bool:
    """After attempt ``attempt`` (0: the first) failed: log and wait, then True; or False."""
    cause = exc.retry_reason
    # Nothing listening on the first attempt: the caller hears so at once.
    # Later, it is Ollama restarting.
    if attempt >= retries or cause is None or (isinstance(exc, ConnectError) and attempt == 0):
        return False
    import random  # only here: import time counts

    # Spread each wait over half to one and a half of its nominal value, so
    # that pushes which failed together (a shared layer) do not retry in step.
    wait = min(_RETRY_FIRST * 2 ** min(attempt, 30) * random.uniform(0.5, 1.5), _RETRY_MAX)
    if isinstance(exc, ResponseError) and exc._retry_after is not None:
        wait = min(exc._retry_after, _RETRY_AFTER_MAX)
    reason = str(exc).strip()
    _log.warning(
        "%s; retry %d of %d in %s: %s",
        cause, attempt + 1, retries, f"{wait:.1f}s" if wait < 0.95 else f"{wait:.0f}s", reason,
        extra={"attempt": attempt + 2, "attempts": retries + 1, "wait": wait, "cause": cause, "reason": reason},
    )
    time.sleep(wait)  # Ctrl-C here ends the push: nothing more is sent
    return True


_DEFAULT_REGISTRY = "registry.ollama.ai"


def _parse_name(name: str) -> Tuple[str, str, str, str]:
    """``(host, namespace, model, tag)`` as Ollama reads a name, its defaults filled in."""
    tag = "latest"
    if _has_tag(name):
        name, tag = name.partition("@")[0].rsplit(":", 1)
    name = name.partition("@")[0]  # a digest, never a part of the name
    parts = name.split("/")
    host = "/".join(parts[:-2]) if len(parts) >= 3 else _DEFAULT_REGISTRY
    namespace = parts[-2] if len(parts) >= 2 else "library"
    return host.partition("://")[2] or host, namespace, parts[-1], tag


def _has_tag(name: str) -> bool:
    name = name.partition("@")[0]
    return name.rfind(":") > name.rfind("/")


def _on_ollama_com(name: str) -> bool:
    """Whether ``name`` is pushed to ollama.com (no host, or one of ollama.com's own)."""
    return _parse_name(name)[0].lower().endswith((".ollama.ai", ".ollama.com"))


# The failure catalogue: every failure we can say more about than its message,
# one row each: how to recognise it, whether a fresh push can mend it, its
# cause in a few words, and what to do (None: nothing useful is known).
# - status: the HTTP status of Ollama's answer. A row with one matches that
#   status and all its other evidence; rows without one are for what Ollama
#   relays from the registry (an error line, an HTTP 500) and match by one of
#   their codes or else by their words.
# - codes: the registry's error codes (the distribution spec's), found as a
#   JSON "code":"X" (quotes escaped or not) anywhere in the message; a
#   permanent one wins over a transient one. "signin_url": Ollama's answer
#   offered a sign-in address.
# - words: Ollama's words, a regular expression without regard to case; the
#   first row in this order that matches decides.
# - where: True for a push to ollama.com only, False for any other registry.
# The advice names host=/OLLAMA_HOST and insecure=True (the command line
# shows its flags); {registry}, {model}, {host}, {code}, {status} and
# {signin_url} are filled in. Go's error chains end with the cause, and
# Ollama's upload gives up on a part with "max retries exceeded: <the last
# error>", so the order below tells what the last error was.
_Row = Tuple[Optional[int], Tuple[str, ...], Optional[str], Optional[bool], bool, str, Optional[str]]
_FAILURES: Tuple[_Row, ...] = (
    *((status, (), None, None, True, f"HTTP {status} {phrase}", None) for status, phrase in (
        (408, "Request Timeout"), (429, "Too Many Requests"), (502, "Bad Gateway"), (503, "Service Unavailable"),
        (504, "Gateway Timeout"))),
    (401, ("signin_url",), None, None, False, "signed out of ollama.com",
     "Sign in at {signin_url} (or run `ollama signin`), then push again"),
    # Ollama answers /api/push itself never with 401, and with 403 only for a
    # Host or Origin it refuses (an empty body): anything else is a gateway.
    (403, (), r"(?-i:\A\s*(?:Forbidden)?\s*\Z)", None, False, "Ollama refused the request's Host or Origin",
     "Behind a proxy that forwards the public host name, have it send Host: localhost, or set "
     "OLLAMA_HOST (or OLLAMA_ORIGINS) where Ollama runs"),
    *((status, (), None, None, False, f"a gateway refused the request (HTTP {status})",
       "A gateway in front of the Ollama at {host} refused the request, not the registry: give it "
       "the credentials it wants (OLLAMA_API_KEY, or an Authorization header)") for status in (401, 403)),
    (None, ("NAME_UNKNOWN", "NAME_INVALID", "MANIFEST_INVALID", "SIZE_INVALID", "DIGEST_INVALID"), None,
     None, False, "the registry refused the model ({code})", None),
    (None, ("BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN"), None, None, True,
     "the registry dropped the upload ({code})", None),
    (None, ("MANIFEST_BLOB_UNKNOWN",), None, None, True, "a shared layer went to another repository ({code})", None),
    (None, ("UNAVAILABLE",), None, None, True, "the registry is unavailable ({code})", None),
    (None, ("TOOMANYREQUESTS",), None, None, True, "the registry asks to slow down ({code})", None),
    # nginx's page ("413 Request Entity Too Large"), Go's "http status 413 ..."
    # or Ollama's "413: <body>": a proxy limits the size of one request.
    (None, (), r"(?:status |^)413\b|\b413 [a-z ]*too large", None, False,
     "a proxy in front of the registry refused the upload's size (HTTP 413)",
     "A proxy in front of the registry {registry} limits the size of a request, and Ollama uploads "
     "a layer in parts of 100 MB to 1 GB (16 parts a layer): lift that limit (in nginx, "
     "client_max_body_size 0)"),
    # A signed upload URL that expired before its part was sent: a fresh push
    # asks the registry for new URLs. R2 and S3 say so as AccessDenied, which
    # the rows for a refusal below would take for a namespace that is not
    # ours, so this row comes first. (Ollama asks for URLs valid for a day.)
    (None, (), r"request has expired|expired(?:request|token)|signature (?:has )?expired", None, True,
     "a signed upload URL expired", None),
    # Cloudflare's and nginx's HTML 5xx pages and R2's <Code>InternalError</Code>, which Ollama gave up on
    # after retrying a part, or passed on at once as "502: <body>": the storage failed for a while.
    (None, (), r"max retries exceeded\b.*(?:\bstatus 5\d\d\b|<Code>InternalError<)|^5\d\d: ", None, True,
     "the registry failed for a while", None),
    (None, (), r"server gave HTTP response to HTTPS client|insecure protocol", None, False,
     "the registry speaks plain HTTP", "The registry {registry} speaks plain HTTP: push with insecure=True"),
    (None, (), r"manifests/\S*: no such file or directory|model '?\S+'? not found", None, False,
     "no such local model", "This Ollama has no model named {model}: `ollama list` shows the ones it has"),
    (None, (), r"no such file or directory|permission denied", None, False, "Ollama could not read a file", None),
    (None, (), r"x509:|tls: failed to verify certificate", None, False,
     "the registry's certificate did not verify",
     "Ollama could not verify the certificate of the registry {registry}: its CA belongs in the "
     "environment of the Ollama server (SSL_CERT_FILE there, or that machine's trust store), not here"),
    (None, (), r"\bno such host\b", None, False, "a name does not resolve",
     "The name after `lookup` does not resolve where Ollama runs: check it (the registry is "
     "{registry}) and the DNS of the machine that runs Ollama"),
    (None, (), r"network is unreachable|no route to host", None, False, "Ollama cannot reach the registry",
     "Ollama cannot reach the registry {registry}: check the network where Ollama runs"),
    # A Basic challenge has no realm URL, so Ollama reads its host as "" (or, before it checked that host, goes
    # to the realm's words as a URL: Get "Authentication%20required?nonce=...": unsupported protocol scheme "").
    (None, (), r'realm host "" does not match|\?nonce=\S*: unsupported protocol scheme ""', None, False,
     "the registry wants a username and password",
     "The registry {registry} asks for a username and password, and Ollama signs in to a registry "
     "only with its own key: allow pushes there without a login, or push to another registry"),
    # ollama.com's own token service on another of its hosts is an outage
    # there that has passed within minutes (ollama/ollama#17361): worth a retry.
    (None, (), r'realm host "[^"]*ollama\.(?:com|ai)" does not match original host "[^"]*ollama\.(?:com|ai)"',
     None, True, "ollama.com's sign-in answered from another host", None),
    (None, (), r'realm host "[^"]+" does not match original host', None, False,
     "the registry's token service is on another host",
     "The registry {registry} sends Ollama to a token service on another host, and Ollama sends its "
     "signature to the registry's own host only: serve the token service from the registry's host"),
    (None, ("DENIED", "UNAUTHORIZED"), r"unauthori[sz]ed|access denied", True, False, "ollama.com refused the push",
     "Push under a namespace you own (`ollama cp {model} <you>/<model>`), and check that your "
     "ollama.com account has the public key of the Ollama server itself: the key of the user it "
     "runs as, such as ~/.ollama/id_ed25519.pub (for a Linux service, /usr/share/ollama/.ollama/id_ed25519.pub)"),
    (None, ("DENIED", "UNAUTHORIZED"), r"unauthori[sz]ed|access denied", False, False, "the registry refused the push",
     "The registry {registry} refused Ollama, which signs in only with its own key: allow that key, "
     "or pushes without a login, for this repository"),
    # A name lookup that timed out or whose server failed: the DNS, for a while.
    (None, (), r"\blookup \S+(?: on \S+)?: .*(?:server misbehaving|timeout|timed out|temporary (?:failure|error))",
     None, True, "a DNS lookup failed for a while", None),
    (None, (), r"connection refused|actively refused", None, True, "the registry refused the connection", None),
    (None, (), r"broken pipe|connection reset|forcibly closed|(?-i:\bEOF\b)", None, True,  # and in Winsock's words
     "the connection to the registry broke", None),
    # Not "first record does not look like a TLS handshake": nothing that speaks TLS is there.
    (None, (), r"timeout|timed out|did not properly respond|(?<!like a )tls handshake", None, True,
     "the registry did not answer in time", None),
    (None, (), r"max retries exceeded\b.*\bstatus(?: code)?:? 4(?!08|29)\d\d\b", None, False,
     "the registry refused an upload part", None),
    (None, (), r"max retries exceeded", None, True, "the upload to the registry kept failing", None),
    (None, (), r"", None, False, "Ollama reported an error", None),
)
_REGISTRY_CODE = r'\\?"code\\?"\s*:\s*\\?"([A-Z_]+)\\?"'


def _failure(exc: PushError) -> Tuple[bool, str, Optional[str]]:
    """Whether a fresh push may mend ``exc``, its cause in a few words, and the advice: from the catalogue."""
    if not isinstance(exc, ResponseError):
        return exc._transient, exc._cause, exc.advice if isinstance(exc, ConnectError) else None
    status, message = exc.status_code, exc.error
    relayed = status in (-1, 500) or 200 <= status < 300
    codes = set(re.findall(_REGISTRY_CODE, message)) if relayed else set()
    codes.update(["signin_url"] if exc.signin_url else [])
    url, model = exc._where
    registry = _parse_name(model)[0] if model else "(unknown)"
    rows = [row for row in _FAILURES if row[3] is None or (model and row[3] == _on_ollama_com(model))]
    # The words, compiled by re's cache on first use; a status row without words needs none.
    found = [row for row in rows if row[0] == status and set(row[1]) <= codes
             and re.search(row[2] or "", message, re.I)]
    if not found and relayed:  # by a code, a permanent one first; else by the words
        found = sorted((row for row in rows if row[0] is None and codes.intersection(row[1])), key=lambda r: r[4])
        found = found or [row for row in rows
                          if row[0] is None and row[2] is not None and re.search(row[2], message, re.I)]
    if not found:
        return False, f"HTTP {status}", None
    _, known, _, _, transient, cause, advice = found[0]
    fields = {"registry": registry, "model": model, "host": url.rpartition("/api/")[0] or url,
              "code": min(codes.intersection(known), default=""), "status": status, "signin_url": exc.signin_url}
    return transient, cause.format(**fields), advice and _clean(advice.format(**fields))


def _cause(exc: BaseException, kinds: Tuple[type, ...]) -> Optional[BaseException]:
    """The first of ``exc`` and what it wraps (as cause, context or argument) that is one of ``kinds``."""
    seen: List[BaseException] = []
    todo: List[Any] = [exc]
    while todo and len(seen) < 20:
        current = todo.pop()
        if not isinstance(current, BaseException) or any(current is s for s in seen):
            continue
        if isinstance(current, kinds):
            return current
        seen.append(current)
        todo += [current.__cause__, current.__context__, *current.args]
    return None


@contextlib.contextmanager
def _translate_errors(call: _Call, reading: bool = False) -> Iterator[None]:
    """Turn urllib3, socket and http.client errors into PushError subclasses, redacted.

    ``reading``: a response is being read, so the connection was made: a TLS
    error there is a connection broken off, not one that could not be made.
    """
    from http import client as _http_client

    from urllib3 import exceptions as errors

    try:
        yield
    except PushError as exc:
        raise _redact(exc, call)
    except (errors.HTTPError, OSError, _http_client.HTTPException, zlib.error) as exc:
        raise _redact(_translated(exc, call, reading), call) from exc


def _translated(exc: BaseException, call: _Call, reading: bool) -> PushError:
    import socket
    from http import client as _http_client

    from urllib3 import exceptions as errors

    url = call.url
    # ConnectTimeoutError covers NewConnectionError and NameResolutionError too.
    connecting = (errors.ConnectTimeoutError, errors.SSLError, errors.ProxyError, ConnectionRefusedError)
    if isinstance(exc, connecting) and not reading:
        return _connect_error(exc, call)
    if isinstance(exc, (socket.timeout, errors.ReadTimeoutError)):
        return _cut_short(f"reading from {url} timed out", "the read timed out")
    if isinstance(exc, (errors.DecodeError, zlib.error)):
        return StreamError(f"the compressed body from {url} is corrupt ({_plain(exc)})")
    # A response that http.client could not parse, or a chunk size that is
    # no number, is malformed; anything else broke off.
    malformed: Any = _cause(exc, (errors.InvalidChunkLength,))  # an IncompleteRead too
    if malformed is None and not _cause(exc, (ConnectionError, _http_client.IncompleteRead)):
        malformed = _cause(exc, (_http_client.LineTooLong, _http_client.UnknownProtocol, _http_client.BadStatusLine,
                                 errors.InvalidHeader))  # urllib3-future's word for a bad header or chunk size
    if malformed is not None and getattr(malformed, "length", b"x").strip():  # no length: closed between chunks
        return StreamError(f"the response from {url} is malformed ({_plain(malformed)})")
    return _cut_short(f"the connection to {url} closed before the response ended ({_plain(exc)})")


def _plain(exc: BaseException) -> str:
    """An exception in words: the innermost of urllib3's wrappers, without their reprs."""
    from urllib3 import exceptions as errors

    while isinstance(exc, errors.HTTPError) and len(exc.args) > 1 and isinstance(exc.args[-1], BaseException):
        exc = exc.args[-1]  # ProtocolError('Connection broken: ...', the real one)
    text = str(exc) or type(exc).__name__
    text = re.sub(r"<[^<>]*(?:object at|Connection)[^<>]*>:? ?", "", text)  # <urllib3...HTTPConnection object at 0x...>
    text = re.sub(r"\bHTTPS?Connection(?:Pool)?\([^()]*\):? ?", "", text)  # HTTPConnection(host='h', port=1)
    return _excerpt(text.strip(" :"), _LINE_CHARS) or type(exc).__name__  # it may quote a server's garbage


def _connect_error(exc: BaseException, call: _Call) -> ConnectError:
    """Why a connection could not be made, in words, and what to do about it."""
    import socket

    from urllib3 import exceptions as errors

    host = urllib.parse.urlsplit(call.url).hostname or call.url
    advice = None
    unresolved: Any = _cause(exc, (socket.gaierror,))
    if call.proxy is not None:
        reason = _plain(exc)
        advice = f"It went through the proxy {call.proxy}: check that proxy, {call.proxy_advice}"
    elif unresolved is not None:
        reason = f"the name {host} does not resolve ({unresolved.strerror or unresolved})"
        advice = "Check the host's name (host= or OLLAMA_HOST) and this machine's DNS"
    elif _cause(exc, (ConnectionRefusedError,)) is not None:
        reason = "nothing is listening there (connection refused)"
    elif isinstance(exc, errors.NewConnectionError):  # the system's own words: no route, unreachable
        reason = _plain(_cause(exc, (OSError,)) or exc)
    elif isinstance(exc, errors.ConnectTimeoutError) and _cause(exc, (errors.SSLError,)) is None:
        reason = "it did not answer in time (connect timeout)"
    elif "CERTIFICATE_VERIFY_FAILED" in str(exc) or "certificate verify failed" in str(exc):
        reason = f"its TLS certificate could not be verified ({_plain(exc)})"
        advice = (
            "If a private CA signed it, point SSL_CERT_FILE at that CA's certificate "
            "(PEM), or pass http=urllib3.PoolManager(ca_certs=...)"
        )
    elif _cause(exc, (errors.SSLError,)) is not None or "SSL" in str(exc):
        reason = f"TLS failed ({_plain(exc)})"
        advice = "Check that the server speaks https at that address (host= or OLLAMA_HOST)"
    else:
        reason = _plain(exc)
    error = ConnectError(call.url, reason, advice)
    if _cause(exc, (ConnectionRefusedError, ConnectionResetError)) is not None:
        error._transient, error._cause = True, "Ollama is not answering (restarting?)"
    return error


def _redact(exc: PushError, call: _Call) -> PushError:
    """Blank out, in place, any credential we sent that the server echoes back."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            for secret in call.secrets:
                value = value.replace(secret, "***")
            value = re.sub(_SIGNED_URL_SECRET, r"\1***", value)
        return value

    exc._where = (clean(call.url), json.loads(call.body).get("model", "") if call.body else "")
    # Mended in place: a new exception raised here would keep the original, secret and all, as its __context__.
    exc.args = tuple(clean(arg) for arg in exc.args)
    for name in ("error", "reason", "url"):  # a redirect may have led to a signed URL
        if isinstance(getattr(exc, name, None), str):
            setattr(exc, name, clean(getattr(exc, name)))
    if isinstance(exc, StreamError):
        # Redacted whole, then cut: a secret across the cut must not leave half of itself.
        exc._message = clean(exc._message)
        if exc._quoted is not None:
            exc._quoted = (clean(exc._quoted[0]), exc._quoted[1])
        exc._describe()
    return exc


def _send(call: _Call) -> Any:
    """Send the request, following redirects; return a 2xx response or raise."""
    from urllib3.exceptions import LocationValueError

    redirected = 0  # the status of the redirect that led here, if any
    for hop in range(_MAX_REDIRECTS + 1):
        with _translate_errors(call):
            pool = _pool_for(call)
            try:
                response = pool.urlopen(
                    call.method,
                    call.url,
                    body=call.body,
                    headers=call.headers,
                    timeout=call.timeout,
                    retries=False,
                    redirect=False,
                    preload_content=False,
                    decode_content=True,
                )
            except LocationValueError:
                if not redirected:
                    raise
                # A Location that parses but that urllib3 cannot connect to (http://a..b/).
                raise ResponseError(f"refused a redirect to {call.url}", redirected) from None
        if response.status < 300:
            return response
        location = response.headers.get("Location") if response.status < 400 else None
        try:
            with _translate_errors(call):  # a redirect's refusals quote the Location, which may hold a token
                if location is None:
                    raise _status_error(response, call)
                _redirect(call, location, response.status, hop)
        finally:
            _finish(response, clean=False)
        redirected = response.status
    raise AssertionError("unreachable")  # pragma: no cover


def _redirect(call: _Call, location: str, status: int, hop: int) -> None:
    import urllib3

    try:
        target = urllib.parse.urljoin(call.url, location)
        old, new = urllib.parse.urlsplit(call.url), urllib.parse.urlsplit(target)
        usable = new.port is None or new.port > 0  # reading .port checks it
        urllib3.util.parse_url(target)  # LocationParseError is a ValueError too
    except ValueError:
        usable, target = False, location
    if hop == _MAX_REDIRECTS:
        raise ResponseError(f"too many redirects (more than {_MAX_REDIRECTS}); the last went to {target}", status)
    if not usable or new.scheme not in ("http", "https") or not new.hostname or not target.isprintable():
        raise ResponseError(f"refused a redirect to {target}", status)
    if old.scheme == "https" and new.scheme == "http":
        raise ResponseError(f"refused a redirect from https to http: {target}", status)
    if _origin(old) != _origin(new):
        call.headers = {
            k: v for k, v in call.headers.items() if k.lower() not in _SENSITIVE_HEADERS
        }
    call.url = target


def _origin(parts: urllib.parse.SplitResult) -> Tuple[str, str, int]:
    """Scheme, host and port, the port filled in: ``http://h/`` is ``http://h:80/``."""
    return (parts.scheme, parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))


def _status_error(response: Any, call: _Call) -> ResponseError:
    body = b""  # unless it comes whole: a body cut short or garbled, the status says what matters
    with contextlib.suppress(StreamError), _translate_errors(call, reading=True):
        body = _read_body(response, truncate=True)
    text = body.decode("utf-8", "replace")
    exc = None
    with contextlib.suppress(ValueError, RecursionError):  # else quoted as text
        exc = _refusal(json.loads(text), text, response.status)
    exc = exc or ResponseError(text if text.strip() else response.reason or "", response.status)
    retry_after = (response.headers.get("Retry-After") or "").strip()
    if response.status in (429, 503) and re.fullmatch(r"\d{1,9}", retry_after):
        exc._retry_after = float(retry_after)
    return exc


def _refusal(obj: Any, raw: str, status: int) -> Optional[ResponseError]:
    """The ResponseError that a JSON answer's ``error`` field tells of, if any (``raw``: the answer as text)."""
    error = obj.get("error") if isinstance(obj, dict) else None
    if not error:
        return None
    if not isinstance(error, str):
        with contextlib.suppress(ValueError, RecursionError):  # too deep to print: the raw text
            raw = json.dumps(error)
        error = raw
    url = obj.get("signin_url")
    return ResponseError(error, status, url if isinstance(url, str) else None)


def _finish(response: Any, clean: bool) -> None:
    """Return a fully read connection to its pool; close any other at once."""
    if not clean:
        # A half-read connection must not go back to the pool: closing it is
        # also how the Ollama server learns that it should cancel the push.
        response.close()
    response.release_conn()


_POOL_SIZE = 10  # connections kept per host, as requests keeps them
_pools: Dict[Optional[str], urllib3.PoolManager] = {}  # the shared pools: None, the direct one; else by proxy
_pool_lock = threading.Lock()
_PROXY_FROM_ENVIRONMENT = (
    "or leave this host out of it with NO_PROXY (the proxy came from "
    "HTTPS_PROXY, HTTP_PROXY or ALL_PROXY)"
)


def _pool_for(call: _Call) -> urllib3.PoolManager:
    """The pool to send ``call`` through; its proxy and the proxy's credentials noted in ``call``."""
    pool, proxy = call.http, None
    if pool is None:
        proxy = _proxy_for(call.url)
        shown: Any = proxy
        call.proxy_advice = _PROXY_FROM_ENVIRONMENT
    else:
        shown = getattr(pool, "proxy", None) or getattr(pool, "proxy_url", None)
        call.proxy_advice = "or the pool given as http="
    call.proxy = None
    if shown is not None:  # a user:password in the proxy's URL, as written and decoded
        call.proxy, user, password = _credentials(str(shown))
        for secret in (f"{user}:{password}", password, urllib.parse.unquote(password)):
            call.keep_secret(secret)
    if pool is None:
        pool = _shared_pool(proxy, call.url)
    # Whatever is sent to a proxy as a credential is a secret too.
    for name, value in (getattr(pool, "proxy_headers", None) or {}).items():
        if name.lower() in _SENSITIVE_HEADERS and isinstance(value, str):
            call.keep_secret(value)
    return pool


def _shared_pool(proxy: Optional[str], url: str) -> urllib3.PoolManager:
    """The shared pool, or the shared proxy pool the environment asks for."""
    import urllib3

    with _pool_lock:
        if proxy not in _pools:
            _pools[proxy] = _proxy_manager(proxy, url) if proxy else urllib3.PoolManager(maxsize=_POOL_SIZE)
            atexit.register(_pools[proxy].clear)  # urllib3 before 1.26.16 leaves its idle sockets open at exit
        return _pools[proxy]


def _proxy_manager(proxy: str, url: str) -> urllib3.PoolManager:
    """A pool for a proxy URL from the environment, logging in with its user:password as requests does.

    An unusable proxy is a ConnectError naming it without its credentials.
    """
    import base64

    import urllib3

    bare, user, password = _credentials(proxy)
    user, password = urllib.parse.unquote(user), urllib.parse.unquote(password)
    try:
        parts = urllib.parse.urlsplit(bare)
        scheme = parts.scheme.lower()
        if not parts.hostname or parts.port == 0:
            raise ValueError("it names no host and port")
        if scheme.startswith("socks"):
            try:
                with warnings.catch_warnings():  # urllib3 warns as well as raising
                    warnings.simplefilter("ignore")
                    from urllib3.contrib.socks import SOCKSProxyManager
            except ImportError:
                raise ConnectError(
                    url,
                    f"the proxy {bare} from the environment is a SOCKS proxy, and SOCKS needs PySocks",
                    f"Install it (pip install pysocks), {_PROXY_FROM_ENVIRONMENT}",
                ) from None
            return SOCKSProxyManager(
                bare, username=user or None, password=password or None, maxsize=_POOL_SIZE
            )
        if scheme not in ("http", "https"):
            raise ValueError(f"its scheme is {scheme or 'missing'}, not http, https or socks")
        login = "Basic " + base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        headers = {"Proxy-Authorization": login} if user or password else None
        return urllib3.ProxyManager(bare, proxy_headers=headers, maxsize=_POOL_SIZE)
    except (ValueError, urllib3.exceptions.HTTPError) as exc:
        raise ConnectError(
            url,
            f"the proxy {bare} from the environment cannot be used ({exc})",
            f"Mend it, {_PROXY_FROM_ENVIRONMENT}",
        ) from None


def _credentials(url: str) -> Tuple[str, str, str]:
    """``url`` without its ``user:password@`` (which may hold an unquoted ``@`` or ``/``), and those two as written."""
    scheme, sep, rest = url.partition("://")
    userinfo, _, host = (rest if sep else url).rpartition("@")
    user, _, password = userinfo.partition(":")
    return scheme + sep + host if sep else host, user, password


def _proxy_for(url: str) -> Optional[str]:
    """The proxy for ``url`` from HTTP(S)_PROXY and NO_PROXY, as requests reads them."""
    import urllib.request  # only here, and only when no http= is given: import time counts

    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    address: Any = None
    with contextlib.suppress(ValueError):
        address = ipaddress.ip_address(host)
    if host == "localhost" or host.endswith(".localhost") or (address is not None and address.is_loopback):
        return None
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    if urllib.request.proxy_bypass(netloc) or urllib.request.proxy_bypass(host):
        return None
    no_proxy = os.environ.get("no_proxy") or os.environ.get("NO_PROXY") or ""
    for entry in no_proxy.replace(" ", "").split(","):  # an address in a network (10.0.0.0/8), as requests reads it
        if address is not None and "/" in entry:
            with contextlib.suppress(ValueError):
                if address in ipaddress.ip_network(entry, strict=False):
                    return None
    return proxy if "://" in proxy else f"http://{proxy}"


def _read_chunks(response: Any) -> Iterator[bytes]:
    """The body's bytes as each network read brings them, inflated: the only code that reads a body."""
    encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
    ours = encoding in ("gzip", "x-gzip", "deflate")
    if response.chunked and response.supports_chunked_reads():
        # Each HTTP chunk as it lands (Ollama flushes a line per chunk): on every urllib3 from 1.26.0.
        chunks = response.read_chunked(_READ_SIZE, decode_content=not ours)
    elif hasattr(response, "read1"):  # urllib3 2.2 and later
        chunks = iter(lambda: response.read1(_READ_SIZE, decode_content=not ours), b"")
    else:
        chunks = _read_old(response)
    return _inflate(chunks, encoding == "deflate") if ours else chunks


def _read_old(response: Any) -> Iterator[bytes]:
    """A body that is not chunked, on urllib3 before 2.2: through the internal named at the top."""
    from http import client as _http_client

    left = response.length_remaining or 0  # what Content-Length promises, if it is there
    for block in iter(lambda: response._fp.read1(_READ_SIZE), b""):  # http.client's: what one read brings
        left -= len(block)
        yield block
    if left > 0:
        raise _http_client.IncompleteRead(b"", left)


def _inflate(chunks: Iterable[bytes], deflate: bool) -> Iterator[bytes]:
    """gzip (members in a row) or deflate (zlib-wrapped or raw), at most _READ_SIZE a step: a bomb stays small.

    Not by urllib3: from 2.6 it caps each step too, but asks zlib again only while compressed bytes
    are left, and zlib can keep a line's end (the rest of a match) with none left.
    """
    wbits = 15 if deflate else 31
    inflater, fresh = zlib.decompressobj(wbits), True
    for data in chunks:
        out = b""
        while data or len(out) == _READ_SIZE:  # a full step may have left output inside zlib
            try:
                out = inflater.decompress(data, _READ_SIZE)
            except zlib.error:
                if not fresh or wbits != 15:
                    raise  # a StreamError, by _translate_errors
                wbits, inflater = -15, zlib.decompressobj(-15)  # deflate without its zlib wrapper
                continue
            fresh = False
            yield out
            data = inflater.unconsumed_tail
            if inflater.eof and inflater.unused_data:  # the next gzip member
                data, inflater = inflater.unused_data, zlib.decompressobj(wbits)


def _read_body(response: Any, truncate: bool) -> bytes:
    """The whole body, up to MAX_LINE_BYTES (beyond it: cut, or StreamError)."""
    parts: List[bytes] = []
    size = 0
    for chunk in _read_chunks(response):
        parts.append(chunk)
        size += len(chunk)
        if size > MAX_LINE_BYTES:
            if truncate:
                break
            raise StreamError(f"the response body is longer than {MAX_LINE_BYTES} bytes")
    return b"".join(parts)[:MAX_LINE_BYTES]


def _iter_lines(chunks: Iterable[bytes]) -> Iterator[Sequence[str]]:
    """Split a byte stream into text lines, handing over each read's lines at once.

    Yields, for every chunk that completes at least one line, the lines it
    completes (a batch per read, not a line at a time: that saves a generator
    step per line, and no line waits for a later read). Splits on b"\\n"
    before decoding, so a UTF-8 character split across reads decodes whole;
    drops a trailing "\\r"; skips blank lines; a last line without a newline
    still counts. A line longer than MAX_LINE_BYTES raises StreamError without
    holding more than about that much.
    """
    pending: List[bytes] = []  # the unfinished line, kept in pieces: no re-copying
    size = 0
    for chunk in itertools.chain(chunks, [b"\n"]):  # the newline ends a last line that has none
        end = chunk.rfind(b"\n")
        if end < 0:
            size += len(chunk)
            if size > MAX_LINE_BYTES:
                raise StreamError(f"a line is longer than {MAX_LINE_BYTES} bytes", pending[0] if pending else chunk)
            pending.append(chunk)
            continue
        if pending:
            pending.append(chunk[:end])
            complete = b"".join(pending)
            pending, size = [], 0
        else:
            complete = chunk[:end]
        if end + 1 < len(chunk):
            pending, size = [chunk[end + 1 :]], len(chunk) - end - 1
        try:  # a block longer than a line can be may hold one line too long: the slow way tells
            lines = _lines(complete.decode("utf-8")) if len(complete) <= MAX_LINE_BYTES else None
        except UnicodeDecodeError:
            lines = None
        if lines is None:
            # The slow way, only for a block with a fault in it: line by line,
            # so that every good line before the bad one is handed over first.
            lines = []
            for raw in complete.split(b"\n"):
                try:
                    lines += _lines(_decode(raw))
                except StreamError:
                    if lines:
                        yield lines
                    raise
        if lines:
            yield lines


def _lines(text: str) -> Sequence[str]:
    """Whole lines of text, split: CRs dropped, blank lines skipped."""
    if text and "\n" not in text and text[-1] != "\r":
        return (text,)  # one clean line, as Ollama flushes them: nothing more to build
    lines = text.split("\n")
    if "\r" in text:
        lines = [line[:-1] if line[-1:] == "\r" else line for line in lines]
    return [line for line in lines if line] if "" in lines else lines


def _decode(data: bytes) -> str:
    if len(data) > MAX_LINE_BYTES:
        raise StreamError(f"a line is longer than {MAX_LINE_BYTES} bytes", data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        end = data.find(b"\n", exc.end)
        # The whole line: StreamError cuts it, once any credential in it is redacted.
        raise StreamError("a line is not valid UTF-8", data[start : end if end >= 0 else len(data)]) from exc


def _parse_json(line: str) -> Dict[str, Any]:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: nesting too deep to parse
        raise StreamError("a line is not valid JSON", line) from None
    if type(obj) is not dict:
        raise StreamError("a line is not a JSON object", line)
    return obj


def _parse_line(line: str) -> Optional[StatusEvent]:
    """One NDJSON line as an event (None for a blank line); an ``error`` line raises ResponseError."""
    if not line or line.isspace():
        return None
    obj = _parse_json(line)
    refused = _refusal(obj, line, -1)
    if refused is not None:
        raise refused
    try:
        return StatusEvent.from_dict(obj)
    except StreamError as exc:
        raise StreamError(str(exc), line) from None


# ---------------------------------------------------------------------------
# Progress

_RATE_WINDOW = 5.0  # seconds of history behind a rate
_RATE_MIN_SPAN = 1.0  # seconds of history before a rate is given at all
_STALL_AFTER = 3.0  # seconds without a new high in a layer's completed: stalled
_MOST_BYTES = 2**63  # more is no layer's size: a larger number from a server is taken as this


class _Meter:
    """Bytes moved over the last few seconds: the history behind a rate."""

    __slots__ = ("moved", "samples")

    def __init__(self) -> None:
        self.moved = 0
        self.samples: "collections.deque[Tuple[float, int]]" = collections.deque()

    def add(self, now: float, moved: int) -> None:
        self.moved += moved
        self.samples.append((now, self.moved))
        self._forget(now)  # here too: a caller that never reads a rate keeps no history

    def rate(self, now: float) -> Optional[float]:
        if not self.samples:
            return None
        self._forget(now)
        start, moved = self.samples[0]
        span = now - start
        return None if span < _RATE_MIN_SPAN else (self.moved - moved) / span

    def _forget(self, now: float) -> None:
        """Drop samples older than the window, keeping one at or before its start."""
        samples = self.samples
        while len(samples) > 1 and samples[1][0] <= now - _RATE_WINDOW:
            samples.popleft()


class _LayerState:
    __slots__ = ("status", "completed", "total", "meter", "peak", "peak_at", "resent")

    def __init__(self, status: Optional[str]) -> None:
        self.status = status
        self.completed = self.total = 0
        self.meter = _Meter()
        self.peak = 0  # this attempt's highest completed ...
        self.peak_at: Optional[float] = None  # ... and when it was set (None: not seen in this attempt)
        self.resent = 0  # bytes it fell back by in this attempt


class Progress:
    """Fold a stream of ``StatusEvent`` into totals a program can show, overall and per layer.

    ``completed`` and ``total`` sum over the layers seen so far (0 before any;
    the total grows as layers appear). ``rate`` is bytes per second over the
    last few seconds, counting only bytes moved while watched (a layer that
    appears already complete adds none); ``eta`` follows from it. ``"success"``
    sets ``done`` and counts every layer as complete. ``stalled`` tells when
    the latest layer has made no headway for a while (while Ollama retries a
    part, events keep coming but ``completed`` sets no new high). Each
    ``"retrieving manifest"`` after the first starts a new attempt
    (``attempts``), in which every layer begins afresh. ``layer(digest)``
    gives the same figures for one layer. Odd events (no status, no digest,
    repeats, ``completed`` going back after a retry) never raise, and
    ``fraction`` stays within 0.0-1.0.

        progress = Progress()
        for event in push("me/model"):
            progress.update(event)
            print(progress.status, progress.fraction, progress.rate)
    """

    @dataclasses.dataclass(frozen=True)
    class Layer:
        """One layer as ``Progress.layer()`` found it: what a per-layer bar shows."""

        status: Optional[str]
        """The layer's latest status text, such as ``"pushing 2af3b81862c6"``."""
        completed: int
        total: int
        rate: Optional[float]
        """Bytes per second over the last few seconds; ``None`` until measurable."""
        eta: Optional[float]
        """Seconds left at that rate: 0.0 once complete, ``None`` when unknown or stalled."""
        stalled: Optional[float]
        """Seconds since ``completed`` set a new high in this attempt, once 3 or more; else ``None``."""
        resent: int = 0
        """Bytes ``completed`` fell back by in this attempt: Ollama sending a part again (up to six times)."""

        @property
        def fraction(self) -> Optional[float]:
            """``completed / total`` in 0.0-1.0, or ``None`` while no total is known."""
            if self.total <= 0:
                return None
            return min(max(self.completed / self.total, 0.0), 1.0)

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._layers: Dict[str, _LayerState] = {}
        self._completed = 0
        self._total = 0
        self._meter = _Meter()
        self._latest: Optional[_LayerState] = None  # the layer of the latest event
        self._attempts = 0
        self.status: Optional[str] = None
        """The latest non-empty status text."""
        self.done = False
        """Whether the ``"success"`` event has been seen."""

    def update(self, event: StatusEvent) -> None:
        """Take in one event."""
        if event.status == "retrieving manifest" or not self._attempts:
            self._attempts += 1  # Ollama's first line, sent again by each retry
            for state in self._layers.values():  # each layer's rate and stall start afresh too
                state.peak, state.peak_at, state.meter, state.resent = 0, None, _Meter(), 0
        if event.status:
            self.status = event.status
            if event.status == "success":
                self._succeed()
        if not event.digest:
            return
        known = self._layers.get(event.digest)
        state = known or self._layers.setdefault(event.digest, _LayerState(event.status))
        if event.status:
            state.status = event.status
        old_completed, old_total = state.completed, state.total
        total = old_total if event.total is None else min(max(event.total, 0), _MOST_BYTES)
        completed = old_completed if event.completed is None else min(max(event.completed, 0), _MOST_BYTES)
        state.completed, state.total = completed, total
        self._completed += min(completed, total) - min(old_completed, old_total)
        self._total += total - old_total
        now = self._clock()
        moved = completed - old_completed if known and completed > old_completed else 0
        state.meter.add(now, moved)
        self._meter.add(now, moved)
        if state.peak_at is not None and completed < old_completed:  # a part sent again: still no new high
            state.resent += old_completed - completed
        if state.peak_at is None or completed > state.peak:
            state.peak, state.peak_at = completed, now
        self._latest = state

    def _succeed(self) -> None:
        # Success means every layer is in the registry, even one that a retried
        # push did not report again: count each as complete (but not as moved).
        self.done = True
        for state in self._layers.values():
            if state.completed < state.total:
                self._completed += state.total - state.completed
                state.completed = state.total

    @property
    def completed(self) -> int:
        """Bytes done over all layers seen (each layer counted up to its total)."""
        return self._completed

    @property
    def total(self) -> int:
        """Bytes to push over all layers seen so far."""
        return self._total

    @property
    def fraction(self) -> Optional[float]:
        """``completed / total`` in 0.0-1.0, or ``None`` while no total is known."""
        if self._total <= 0:
            return 1.0 if self.done else None
        return min(max(self._completed / self._total, 0.0), 1.0)

    @property
    def layers(self) -> Dict[str, Tuple[int, int]]:
        """A copy of digest -> ``(completed, total)`` for every layer seen, in the order they appeared."""
        return {digest: (state.completed, state.total) for digest, state in self._layers.items()}

    def layer(self, digest: str) -> "Progress.Layer":
        """One layer's figures now: its rate, time left and stall as well as its bytes.

        A tensor model arrives as one layer, digest ``sha256:model`` (Ollama reports its
        tensors as one row), so ``layers`` counts 1 for it. A digest no event named is a ``KeyError``.
        """
        state = self._layers[digest]
        now = self._clock()
        rate = state.meter.rate(now)
        stalled = self._stalled(state, now)
        if self.done or 0 < state.total <= state.completed:
            eta: Optional[float] = 0.0
        elif not rate or state.total <= 0 or stalled is not None:
            eta = None
        else:
            eta = max(state.total - state.completed, 0) / rate
        return Progress.Layer(state.status, state.completed, state.total, rate, eta, stalled, state.resent)

    @property
    def rate(self) -> Optional[float]:
        """Bytes per second over the last few seconds; ``None`` until measurable."""
        return self._meter.rate(self._clock())

    @property
    def eta(self) -> Optional[float]:
        """Seconds left at the current rate; ``None`` when unknown or stalled."""
        if self.done:
            return 0.0
        rate = self.rate
        if not rate or self._total <= 0 or self.stalled is not None:
            return None
        return max(self._total - self._completed, 0) / rate

    @property
    def stalled(self) -> Optional[float]:
        """Seconds since the latest layer's ``completed`` set a new high in this attempt, once 3 or more; else ``None``.

        ``None`` too for a finished layer, after ``"success"``, and before any layer.
        """
        return None if self._latest is None else self._stalled(self._latest, self._clock())

    def _stalled(self, state: _LayerState, now: float) -> Optional[float]:
        if self.done or state.peak_at is None or 0 < state.total <= state.completed:
            return None
        since = now - state.peak_at
        return since if since >= _STALL_AFTER else None

    @property
    def attempts(self) -> int:
        """How many attempts the events tell of: 1 from the first event, one more for each retry seen."""
        return self._attempts


# ---------------------------------------------------------------------------
# Command line: built on the public API above, as a script of yours could be.


def _clean(text: str) -> str:
    """Server text made safe for a terminal: control characters shown, not obeyed."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _human_bytes(n: float) -> str:
    """Bytes as ``ollama push`` shows them: 1000-based B, KB, MB, GB, TB."""
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= size:
            value = n / size
            if value >= 10 or value == int(value):
                return f"{int(value)} {unit}"
            return f"{value:.1f} {unit}"
    return f"{int(n)} B"


def _duration(seconds: float) -> str:
    """Time as ``ollama push`` shows it: 45s, 2m3s, 1h2m, 99h+."""
    s = int(round(seconds))
    if s >= 100 * 3600:
        return "99h+"
    hours, s = divmod(s, 3600)
    minutes, s = divmod(s, 60)
    if hours:
        return f"{hours}h{minutes}m"
    return f"{minutes}m{s}s" if minutes else f"{s}s"


def _layer_row(
    label: str, layer: Progress.Layer, width: Optional[int] = None, label_width: int = 0, bar: str = "[#]",
    stall: str = "stalled for ",
) -> str:
    """One layer's row: its label and percent, its bytes, then its rate and time left or its stall.

    Without ``width``, a plain line. With it, ``width`` wide as ``ollama push`` lays out a row (one column less
    than its terminal): the label padded to ``label_width``, a bar drawn with ``bar``'s three characters, then
    fixed-width columns, so that every layer's columns line up.
    """
    percent = f"{int((layer.fraction or 0.0) * 100):3d}%"
    finished = 0 < layer.total <= layer.completed  # its rate, frozen, would be stale
    rate = f"{_human_bytes(layer.rate)}/s" if layer.rate and not finished else ""
    eta = _duration(layer.eta) if rate and layer.eta is not None else ""
    stalled = "" if layer.stalled is None else stall + _duration(layer.stalled)
    done, total = _human_bytes(layer.completed), _human_bytes(layer.total)
    if width is None:
        size = total if finished else f"{done}/{total}"
        return "  ".join([f"{label} {percent} {size}"] + [cell for cell in [stalled or rate, eta] if cell])
    label_width = max(min(label_width, width - 13), 0)  # the label gives way last, when nothing else is left
    head = f"{label[:label_width]:<{label_width}} {percent}"
    # ollama push's columns: bytes done (6), total (7), rate (10), time left (8); a stall takes the last two.
    tail = f"{total:>6}{'':7}" if finished else f"{done:>6}/{total:>6}"
    tail += f"  {stalled:>16}" if stalled else f"  {rate:>8}  {eta:>6}"
    room = width - len(head) - len(tail) - 4  # a space and a bar end on each side
    if room >= 0:
        filled = int(room * (layer.fraction or 0.0))
        return f"{head} {bar[0]}{bar[1] * filled}{' ' * (room - filled)}{bar[2]} {tail}"
    # Narrower, ollama push's row takes the last column or wraps, spoiling its redraw. Ours gives way by whole
    # columns, the same in every row: the bar, then the time left, the rate, the total. A stall keeps its
    # duration by taking the columns from the total on, or all the room after the percent.
    keep = next((n for n in (31, 23, 13) if len(head) + 1 + n <= width), 6)
    if stalled and keep < 31:
        at, keep = (6, 23) if keep == 23 else (0, width - len(head) - 1)
        text = stalled if len(stalled) + 2 * bool(at) <= keep - at else stall.strip()
        tail = tail[:at] + text.rjust(keep - at)
    return (head + tail[:keep].rjust(width - len(head)))[:width]


class _OutputError(Exception):
    """stdout cannot be written (a full disk, a closed file): the command ends with exit status 1."""


class _Output:
    """A text stream for the command line that never breaks a push.

    Missing (``2>&-`` leaves ``sys.stderr`` None) means silent; a character
    the stream cannot encode is written escaped. With ``fragile``, a stream
    that fails (a closed stderr) is dropped; stdout is not fragile: a reader
    that went away (``| head -1``) ends the command.
    """

    def __init__(self, stream: Any, fragile: bool) -> None:
        self._stream, self._fragile = stream, fragile
        self.encoding: Optional[str] = getattr(stream, "encoding", None)

    def write(self, text: str) -> None:
        if self._stream is None:
            return
        try:
            try:
                self._stream.write(text)
            except UnicodeEncodeError:
                encoding = self.encoding or "ascii"
                self._stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        except (OSError, ValueError) as exc:  # ValueError: written to after being closed
            self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        if self._fragile:
            self._stream = None
            return
        if isinstance(exc, BrokenPipeError):  # a reader gone away: main() ends quietly
            raise exc
        raise _OutputError(str(exc)) from exc

    def line(self, text: str) -> None:
        """Write ``text`` and a newline, and flush."""
        self.write(text + "\n")
        self.flush()

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError) as exc:
            self._failed(exc)

    def terminal(self) -> Optional[os.terminal_size]:
        """The terminal's size, when this stream is one (``TERM=dumb`` is not); else None."""
        try:
            if self._stream is None or not self._stream.isatty() or os.environ.get("TERM") == "dumb":
                return None
        except (AttributeError, OSError, ValueError):
            return None
        import shutil

        size = fallback = shutil.get_terminal_size()  # $COLUMNS and $LINES, else stdout's, else 80x24
        with contextlib.suppress(AttributeError, OSError, ValueError):
            size = os.get_terminal_size(self._stream.fileno())
        return os.terminal_size((size.columns or fallback.columns, size.lines or fallback.lines))


class _Display:
    """A push's progress on stderr, drawn from its ``Progress``: the rows of the current attempt.

    A retry's notice ends an attempt: the next one's rows start below it.
    Thread-safe: the ticker calls ``tick()`` beside the push.
    """

    def __init__(self, stream: _Output, progress: Progress, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream, self.progress, self._clock = stream, progress, clock
        self._lock = threading.Lock()
        self._rows: List[Tuple[str, str]] = []  # this attempt's: ("phase", text) or ("layer", digest)
        self._labels: Dict[str, str] = {}  # this attempt's layers, and their labels
        self._seen: Dict[str, Tuple[int, int]] = {}  # this attempt's layers: the latest completed, the resent told

    def update(self, event: StatusEvent) -> None:
        """Take in one event, and draw it; a layer that fell back is told on a line of its own."""
        with self._lock:
            self.progress.update(event)
            digest = event.digest or ""
            if digest and digest not in self._labels:
                short = digest[7:19] if digest.startswith("sha256:") else digest[:12]
                self._labels[digest] = _clean(event.status or f"pushing {short}...")
                self._rows.append(("layer", digest))
            elif not digest and event.status and self._rows[-1:] != [("phase", event.status)]:
                self._rows.append(("phase", event.status))
            latest, told = self._seen.get(digest, (0, 0))
            layer = self.progress.layer(digest) if (event.completed or 0) < latest else None  # only then: per event
            if layer is not None and layer.resent > told:
                self._tell(f"{self._labels[digest]}: back from {_human_bytes(layer.completed + layer.resent - told)} "
                           f"to {_human_bytes(layer.completed)}: Ollama is sending a part again")
            if digest and event.completed is not None:
                self._seen[digest] = (event.completed, told if layer is None else layer.resent)
            self._show(final=False)

    def notice(self, lead: str, detail: str) -> None:
        """A retry's notice: the attempt's rows end above it, and the next attempt's begin below it."""
        with self._lock:
            self._end_attempt(lead, _clean(detail))
            self._rows, self._labels, self._seen = [], {}, {}

    def tick(self) -> None:
        """Draw what time alone changes: a rate, a stall."""
        with self._lock:
            self._show(final=False, tick=True)

    def close(self) -> None:
        """Draw the final state."""
        if not self._lock.acquire(timeout=1):  # the ticker is stuck writing: never hang a Ctrl-C on it
            return
        try:
            self._show(final=True)
        finally:
            self._lock.release()

    def _show(self, final: bool, tick: bool = False) -> None:
        raise NotImplementedError

    def _end_attempt(self, lead: str, detail: str) -> None:
        raise NotImplementedError

    def _tell(self, line: str) -> None:
        """A line of its own, for good, above the rows to come."""
        self._stream.line(line)


class _Live(_Display):
    """On a terminal: the attempt's rows redrawn in place, at most ten times a second."""

    def __init__(self, stream: _Output, progress: Progress, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(stream, progress, clock)
        self._first = 0  # the first row still on the screen ...
        self._drawn = 0  # ... and how many rows below it the last redraw drew
        self._last_draw = -1e9
        self._dirty = False  # an update not drawn yet: the ticker draws it
        utf8 = (stream.encoding or "").lower().replace("-", "") == "utf8"
        self._bar = "\u2595\u2588\u258f" if utf8 else "[#]"

    def _show(self, final: bool, tick: bool = False) -> None:
        now = self._clock()
        if not final:
            if tick and not self._dirty and now - self._last_draw < 1.0:
                return
            if not tick and now - self._last_draw < 0.1:
                self._dirty = True
                return
        self._last_draw, self._dirty = now, False
        columns, lines = self._stream.terminal() or (80, 24)
        width = columns - 1  # writing the last column would wrap
        label_width = max(map(len, self._labels.values()), default=0)
        out = [f"\x1b[{self._drawn}A" if self._drawn else ""]
        for kind, key in self._rows[self._first :]:
            if kind == "layer":
                row = _layer_row(self._labels[key], self.progress.layer(key), width, label_width, self._bar, "stalled ")
            else:
                row = _clean(key)[:width]
            out.append(f"\r\x1b[2K{row}\n")
        # Rows that scrolled above the screen can no longer be reached: they
        # stay as last drawn, and only the rows still on it are drawn again.
        self._drawn = min(len(self._rows) - self._first, max(lines - 1, 1))
        self._first = len(self._rows) - self._drawn
        self._stream.write("".join(out))
        self._stream.flush()

    def _end_attempt(self, lead: str, detail: str) -> None:
        self._show(final=True)  # the attempt as it ended stays on the screen, above the notice
        width = (self._stream.terminal() or (80, 24))[0] - 1
        # The cause and the attempt are kept whole, on two lines if they must
        # be; only the server's text after them is cut to fit, on a line of
        # its own if its end of the line would leave it too little room.
        cause, _, rest = lead.partition("; ")
        lines = [cause, f"  {rest}"] if len(lead) > width and rest else [lead]
        if len(lines[-1]) + 2 + len(detail) <= width or width - len(lines[-1]) >= 42:
            lines[-1] += f": {detail}"
        else:
            lines.append(f"  {detail}")
        if len(lines[-1]) > width:
            lines[-1] = lines[-1][: width - 3] + "..."
        self._stream.write("".join(f"{line}\n" for line in lines))
        self._stream.flush()
        self._first = self._drawn = 0

    def _tell(self, line: str) -> None:
        # Written over the first layer's row, its phases above it kept, and the rows redrawn below it.
        drawn = self._rows[self._first : self._first + self._drawn]
        keep = next((n for n, (kind, _) in enumerate(drawn) if kind == "layer"), len(drawn))
        up, width = self._drawn - keep, (self._stream.terminal() or (80, 24))[0] - 1
        import textwrap  # only here: import time counts

        lines = textwrap.wrap(line, width, subsequent_indent="  ", break_long_words=False) or [""]
        self._stream.write((f"\x1b[{up}A" if up else "") + "".join(f"\r\x1b[2K{one}\n" for one in lines))
        self._first, self._drawn = self._first + keep, 0
        self._show(final=True)


class _Plain(_Display):
    """Off a terminal: plain lines; a layer's at most once a second, its stall when it begins, every 30 s and ends."""

    _EVERY = 1.0  # seconds between one layer's lines
    _STILL = 30.0  # seconds between the lines of one stall

    def __init__(self, stream: _Output, progress: Progress, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(stream, progress, clock)
        self._told: Dict[int, Tuple[float, Tuple[int, int]]] = {}  # row -> when its last line went, and its bytes
        self._stalls: Dict[str, Tuple[float, float]] = {}  # layer -> when its stall began, and was last told

    def _show(self, final: bool, tick: bool = False) -> None:
        now = self._clock()
        lines = []
        for row, (kind, key) in enumerate(self._rows):
            if kind == "phase":
                if row not in self._told:
                    self._told[row] = (now, (0, 0))
                    lines.append(_clean(key))
            else:
                line = self._layer_line(row, key, now, final)
                if line is not None:
                    lines.append(line)
        if lines:
            self._stream.write("".join(line + "\n" for line in lines))
            self._stream.flush()

    def _layer_line(self, row: int, digest: str, now: float, final: bool) -> Optional[str]:
        layer = self.progress.layer(digest)
        label, state = self._labels[digest], (layer.completed, layer.total)
        if layer.stalled is not None and not final:
            began, told = self._stalls.get(digest, (now - layer.stalled, -1.0))
            if told >= 0 and now - told < self._STILL:
                return None
            self._stalls[digest] = (began, now)
            self._told[row] = (now, state)
            return _layer_row(label, layer, stall="stalled for " if told < 0 else "still stalled for ")
        if digest in self._stalls and not final:
            began = self._stalls.pop(digest)[0]
            self._told[row] = (now, state)
            return f"{_layer_row(label, layer)}  (moving again after {_duration(now - began)})"
        last = self._told.get(row)
        finished = 0 < layer.total <= layer.completed  # a layer's last line is never held back
        if last is not None and (last[1] == state or not (final or finished or now - last[0] >= self._EVERY)):
            return None
        self._told[row] = (now, state)
        return _layer_row(label, layer)

    def _end_attempt(self, lead: str, detail: str) -> None:
        self._stream.line(f"{lead}: {detail}")  # and no row of the attempt after it
        self._told, self._stalls = {}, {}


class _Ticker:
    """Calls ``display.tick()`` ten times a second until stopped: redraws that no event brings.

    The command line's alone: the library itself never starts a thread.
    """

    def __init__(self, display: _Display) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(display,), name="ollama-push display", daemon=True)
        self._thread.start()

    def _run(self, display: _Display) -> None:
        while not self._stop.wait(0.1):
            with contextlib.suppress(Exception):  # noqa: BLE001 -- a redraw must never take the push down
                display.tick()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(1)


def _destination(name: str) -> str:
    """Where ``ollama push`` says a pushed model can be found."""
    host, namespace, model, tag = _parse_name(name)
    if _on_ollama_com(name):
        path = model if namespace == "library" else f"{namespace}/{model}"
        return f"https://ollama.com/{path}" + ("" if tag == "latest" else f":{tag}")
    return name if _has_tag(name) else f"{name}:latest"


def _tags_of(name: str, names: Sequence[str]) -> List[str]:
    """The names among ``names`` of the model ``name``, compared as Ollama compares them, sorted by tag."""
    wanted = tuple(part.lower() for part in _parse_name(name)[:3])
    found = [n for n in names if tuple(part.lower() for part in _parse_name(n)[:3]) == wanted]
    return sorted(found, key=lambda n: _parse_name(n)[3])


def _said(text: str) -> str:
    """A failure's message or advice as the command line prints it: with its flags for the library's names."""
    for name, flag in (("host= or OLLAMA_HOST", "--host or OLLAMA_HOST"), ("insecure=True", "--insecure"),
                       (", or pass http=urllib3.PoolManager(ca_certs=...)", "")):  # a library's way alone
        text = text.replace(name, flag)
    return _clean(text.strip())


def _parser() -> "argparse.ArgumentParser":
    import argparse  # the command line's alone: a library user never pays for it

    parser = argparse.ArgumentParser(
        prog="ollama-push",
        description="Push models to their registry through a running Ollama server, showing the upload's progress.",
        epilog="Exit status: 0 pushed, 1 the server or network failed, 2 bad usage, "
        "130 interrupted, 141 stdout closed by its reader.",
    )
    parser.add_argument("model", nargs="+", help="the models to push, in order, e.g. my-user/my-model:latest")
    parser.add_argument("--all-tags", action="store_true",
                        help="push every local tag of each MODEL (given without a tag), as Ollama lists them")
    parser.add_argument("--keep-going", action="store_true",
                        help="after a failed push, push the rest anyway (exit 1 if any failed)")
    parser.add_argument("--insecure", action="store_true", help="allow a registry reached without TLS")
    parser.add_argument("--host", help="the Ollama server (default: $OLLAMA_HOST, else 127.0.0.1:11434)")
    parser.add_argument(  # push() refuses a number below 0 before anything is sent: bad usage
        "--retries", type=int, default=3, metavar="N",
        help="send a push again up to N times after a transient failure (default: 3; 0: never)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--json", action="store_true",
        help="write each event as one JSON line on stdout, and a record of each retry and of the outcome",
    )
    output.add_argument("--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


class _RetryNotices(logging.Handler):
    """Hands each retry that push() logs in this thread to ``show``."""

    def __init__(self, show: Callable[[logging.LogRecord], None]) -> None:
        super().__init__(logging.WARNING)
        self._show = show
        self._thread = threading.get_ident()  # main() may run beside other pushes in a program

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "cause") and record.thread == self._thread:  # push()'s retry records
            self._show(record)


@dataclasses.dataclass
class _Pushed:
    """How one model's push went, for the closing summary."""

    name: str
    progress: Progress = dataclasses.field(default_factory=Progress)
    seconds: float = 0.0
    retries: int = 0
    failure: Optional[PushError] = None
    words: str = ""  # the failure in a few words

    def summary(self) -> str:
        """One line a log reader takes in at a glance; only what the stream can tell."""
        layers = len(self.progress.layers)
        facts = [] if not layers else [
            f"{layers} layer{'s' * (layers != 1)}", _human_bytes(self.progress.total)
        ]
        facts.append(f"{self.seconds:.1f}s" if self.seconds < 10 else _duration(self.seconds))
        if self.retries:
            facts.append(f"{self.retries} retr{'ies' if self.retries != 1 else 'y'}")
        if self.failure is None:
            return f"pushed {_clean(self.name)}: {', '.join(facts)}"
        return f"failed {_clean(self.name)} ({', '.join(facts)}): {self.words}"

    def record(self, failure: PushError) -> Dict[str, Any]:
        """The failure as ``--json`` tells it, the push's last line (a success is Ollama's own last line)."""
        fields: Dict[str, Any] = {"ollama_push": "failed", "error": str(failure), "cause": self.words}
        if failure.advice is not None:
            fields["advice"] = _said(failure.advice)
        if isinstance(failure, ResponseError) and failure.status_code != -1:
            fields["status_code"] = failure.status_code
        fields.update(seconds=round(self.seconds, 3), layers=len(self.progress.layers),
                      bytes=self.progress.total, retries=self.retries)
        return fields


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    0: pushed; 1: the server or the network failed; 2: bad usage; 130:
    interrupted (the connection is closed first, so the server cancels the
    push); 141: stdout was closed by its reader (``--json | head -1``).
    """
    out, err = _Output(sys.stdout, fragile=False), _Output(sys.stderr, fragile=True)
    try:
        return _command(argv, out, err)
    except KeyboardInterrupt:
        err.write("ollama-push: interrupted; the push was cancelled\n")
        return 130
    except BrokenPipeError:
        # Our reader went away: stop quietly, and keep the interpreter's final
        # flush of stdout from raising again.
        with contextlib.suppress(OSError, AttributeError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except _OutputError as exc:
        err.write(f"ollama-push: error: cannot write to stdout: {exc}\n")
        return 1


def _command(argv: Optional[Sequence[str]], out: _Output, err: _Output) -> int:
    """The arguments parsed and checked (bad usage is 2, before anything is sent), then the pushes."""
    parser = _parser()
    try:  # argparse prints --help, --version and its errors itself: through out and err
        with contextlib.redirect_stdout(cast(Any, out)), contextlib.redirect_stderr(cast(Any, err)):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # 0 for --help, 2 for bad usage
        return exc.code if isinstance(exc.code, int) else 2
    try:
        for name in args.model:
            if args.all_tags and _has_tag(name):
                raise ValueError(f"--all-tags pushes every tag of a model: name it without one, not {name!r}")
        # push() checks each name, the host, the headers and OLLAMA_API_KEY at
        # the call, and sends nothing until its events are read.
        pushes = [_push_of(name, args) for name in args.model]
    except (TypeError, ValueError) as exc:
        err.write(f"ollama-push: error: {_clean(str(exc))}\n")
        return 2
    return _push_models(args, pushes, out, err)


def _push_of(name: str, args: Any) -> Tuple[str, _Events]:
    return name, push(name, insecure=args.insecure, host=args.host, retries=args.retries)


def _push_models(args: Any, pushes: List[Tuple[str, _Events]], out: _Output, err: _Output) -> int:
    """Every model's push in turn: the tags listed, the sign-in check, each push, then the summary."""
    try:
        if args.all_tags:
            pushes = _all_tags(args, [name for name, _ in pushes], err)
            if not pushes:
                return 1
        if any(_on_ollama_com(name) for name, _ in pushes):
            url = signin_url(args.host)
            if url is not None:
                err.write("ollama-push: error: you need to be signed in to push models to ollama.com\n"
                          f"ollama-push: hint: sign in at {_clean(url)} (or run `ollama signin`), then push again\n")
                return 1
    except PushError as exc:
        err.write(f"ollama-push: error: {_said(str(exc))}\n")
        return 1
    shown, several = not (args.json or args.quiet), len(pushes) > 1
    results: List[_Pushed] = []
    for n, (name, events) in enumerate(pushes):
        if shown and several:
            err.write(("\n" if n else "") + f"==> {_clean(name)} ({n + 1} of {len(pushes)})\n")
        result = _push_model(name, events, args, out, err, several)
        results.append(result)
        if shown and not several and result.failure is None:  # a failure is told by its error line alone
            err.line(result.summary())
        if shown and result.failure is None:
            out.line(f"\nYou can find your model at:\n\n\t{_destination(name)}")
        if result.failure is not None and not args.keep_going:
            break
    skipped = [name for name, _ in pushes[len(results):]]
    failed = sum(r.failure is not None for r in results)
    if shown and several:
        lines = [r.summary() for r in results]
        lines += [f"skipped {_clean(name)}: a push before it failed (--keep-going pushes the rest anyway)"
                  for name in skipped]
        total = f"{len(results) - failed} pushed, {failed} failed" + (f", {len(skipped)} skipped" if skipped else "")
        err.write("\n" + "".join(f"{line}\n" for line in lines + [total]))  # a blank line first
        err.flush()
    return 1 if failed else 0


def _all_tags(args: Any, names: List[str], err: _Output) -> List[Tuple[str, _Events]]:
    """The pushes of every local tag of each model named; none, once one has none (said on ``err``)."""
    local = list_models(args.host)
    pushes = []
    for name in names:
        tags = _tags_of(name, local)
        if not tags:
            err.write(f"ollama-push: error: the Ollama at {resolve_host(args.host)} has no model "
                      f"{_clean(name)} (`ollama list` shows the ones it has)\n")
            return []
        for tag in tags:  # as the server lists them: checked like the names given
            try:
                pushes.append(_push_of(tag, args))
            except ValueError as exc:
                err.write(f"ollama-push: error: Ollama lists a model that cannot be pushed: {_clean(str(exc))}\n")
                return []
    return pushes


def _push_model(name: str, events: _Events, args: Any, out: _Output, err: _Output, several: bool) -> _Pushed:
    """One model's push as the command line shows it; KeyboardInterrupt and a closed stdout go through."""
    result = _Pushed(name)
    display: Optional[_Display] = None
    if not (args.json or args.quiet):
        display = (_Live if err.terminal() else _Plain)(err, result.progress)

    def write(fields: Dict[str, Any]) -> None:
        out.write(json.dumps({"model": name, **fields} if several else fields, separators=(",", ":")) + "\n")
        out.flush()

    def retried(record: Any) -> None:
        result.retries += 1
        message = record.getMessage()
        lead = message[: len(message) - len(record.reason) - 2]  # the cause, the wait and the attempt
        if display is not None:
            display.notice(lead, record.reason)
        elif not args.quiet:
            err.line(_clean(message))
        if args.json:
            write({"ollama_push": "retry", "attempt": record.attempt, "attempts": record.attempts,
                   "wait": round(record.wait, 3), "cause": record.cause, "error": record.reason})

    notices = _RetryNotices(retried)
    _log.addHandler(notices)
    ticker = _Ticker(display) if display is not None else None
    started = time.monotonic()
    try:
        for event in events:
            if display is not None:
                display.update(event)
            else:
                result.progress.update(event)
                if args.json:
                    write({k: v for k, v in dataclasses.asdict(event).items() if v is not None})
    except PushError as exc:
        result.failure = exc
    finally:
        events.close()  # at once, even on Ctrl-C: the server cancels the push
        _log.removeHandler(notices)
        if ticker is not None:
            ticker.stop()
        if display is not None:
            display.close()
        result.seconds = time.monotonic() - started
    if result.failure is not None:
        result.words = _failure(result.failure)[1]
        err.write(f"ollama-push: error: {_said(str(result.failure))}\n")
        if result.failure.advice is not None and not isinstance(result.failure, ConnectError):  # in its str()
            err.write(f"ollama-push: hint: {_said(result.failure.advice)}\n")
        err.flush()
        if args.json:
            write(result.record(result.failure))
    return result


if __name__ == "__main__":
    sys.exit(main())
