# Types of ollama_push, for installed users: PEP 561 gives a single-module
# distribution no py.typed, so the wheel carries this stub-only package. It is
# held to the module by mypy's stubtest in CI. MIT License, as the module.

import dataclasses
from typing import Any, Callable, Dict, Generator, List, Literal, Mapping, Optional, Sequence, Tuple, Union, overload

import urllib3

__version__: str
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
    "list_models",
    "main",
    "push",
    "resolve_host",
    "signin_url",
]

MAX_LINE_BYTES: int

class PushError(Exception):
    @property
    def retry_reason(self) -> Optional[str]: ...
    @property
    def advice(self) -> Optional[str]: ...

class ResponseError(PushError):
    error: str
    status_code: int
    signin_url: Optional[str]
    def __init__(self, error: str, status_code: int = -1, signin_url: Optional[str] = None) -> None: ...

class ConnectError(PushError, ConnectionError):
    url: str
    reason: str
    advice: str
    def __init__(self, url: str, reason: str, advice: Optional[str] = None) -> None: ...

class StreamError(PushError):
    line: Optional[str]
    def __init__(self, message: str, line: Union[str, bytes, None] = None) -> None: ...

@dataclasses.dataclass(frozen=True)
class PushRequest:
    model: str
    insecure: Optional[bool] = None
    stream: bool = True
    def to_dict(self) -> Dict[str, Any]: ...

@dataclasses.dataclass(frozen=True)
class StatusResponse:
    status: Optional[str] = None
    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StatusResponse: ...

@dataclasses.dataclass(frozen=True)
class StatusEvent:
    status: Optional[str] = None
    digest: Optional[str] = None
    total: Optional[int] = None
    completed: Optional[int] = None
    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StatusEvent: ...

def resolve_host(host: Optional[str] = None) -> str: ...

_Timeout = Union[float, int, urllib3.Timeout, None]
_Events = Generator[StatusEvent, None, None]

@overload
def push(
    model: PushRequest,
    *,
    host: Optional[str] = ...,
    headers: Optional[Mapping[str, str]] = ...,
    timeout: _Timeout = ...,
    http: Optional[urllib3.PoolManager] = ...,
    retries: int = ...,
) -> Union[_Events, StatusResponse]: ...
@overload
def push(
    model: str,
    *,
    insecure: bool = ...,
    stream: Literal[True] = ...,
    host: Optional[str] = ...,
    headers: Optional[Mapping[str, str]] = ...,
    timeout: _Timeout = ...,
    http: Optional[urllib3.PoolManager] = ...,
    retries: int = ...,
) -> _Events: ...
@overload
def push(
    model: str,
    *,
    insecure: bool = ...,
    stream: Literal[False],
    host: Optional[str] = ...,
    headers: Optional[Mapping[str, str]] = ...,
    timeout: _Timeout = ...,
    http: Optional[urllib3.PoolManager] = ...,
    retries: int = ...,
) -> StatusResponse: ...
@overload
def push(
    model: str,
    *,
    insecure: bool = ...,
    stream: bool,
    host: Optional[str] = ...,
    headers: Optional[Mapping[str, str]] = ...,
    timeout: _Timeout = ...,
    http: Optional[urllib3.PoolManager] = ...,
    retries: int = ...,
) -> Union[_Events, StatusResponse]: ...
def signin_url(
    host: Optional[str] = None,
    *,
    headers: Optional[Mapping[str, str]] = None,
    timeout: _Timeout = 10.0,
    http: Optional[urllib3.PoolManager] = None,
) -> Optional[str]: ...
def list_models(
    host: Optional[str] = None,
    *,
    headers: Optional[Mapping[str, str]] = None,
    timeout: _Timeout = None,
    http: Optional[urllib3.PoolManager] = None,
) -> List[str]: ...

class Progress:
    @dataclasses.dataclass(frozen=True)
    class Layer:
        status: Optional[str]
        completed: int
        total: int
        rate: Optional[float]
        eta: Optional[float]
        stalled: Optional[float]
        resent: int = ...
        @property
        def fraction(self) -> Optional[float]: ...
    status: Optional[str]
    done: bool
    def __init__(self, clock: Callable[[], float] = ...) -> None: ...
    def update(self, event: StatusEvent) -> None: ...
    def layer(self, digest: str) -> Progress.Layer: ...
    @property
    def completed(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def fraction(self) -> Optional[float]: ...
    @property
    def layers(self) -> Dict[str, Tuple[int, int]]: ...
    @property
    def rate(self) -> Optional[float]: ...
    @property
    def eta(self) -> Optional[float]: ...
    @property
    def stalled(self) -> Optional[float]: ...
    @property
    def attempts(self) -> int: ...

def main(argv: Optional[Sequence[str]] = None) -> int: ...
