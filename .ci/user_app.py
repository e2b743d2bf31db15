# A user's script, type-checked by CI with mypy --strict and pyright: against
# the installed wheel (its stub package) and beside a dropped-in copy of the
# module (its inline annotations). The last line is a deliberate type error.
import contextlib
from typing import List, Optional

from ollama_push import Progress, PushRequest, ResponseError, StatusEvent, list_models, push, signin_url

events = push("me/model", retries=3)
reveal_type(events)
answer = push("me/model", stream=False)
reveal_type(answer)
either = push(PushRequest(model="me/model"))
reveal_type(either)
progress = Progress()
with contextlib.closing(push("me/model")) as stream:
    for event in stream:
        progress.update(event)
        status: str = event.status or "?"
try:
    push("me/model", stream=False, timeout=5.0)
except ResponseError as exc:
    code: int = exc.status_code
url: Optional[str] = signin_url(timeout=5.0)
names: List[str] = list_models("127.0.0.1:11434")
stalled: Optional[float] = progress.stalled
attempts: int = progress.attempts
first: StatusEvent = StatusEvent.from_dict({"status": "success"})
fraction = progress.fraction
done: int = first.completed
