"""A minimal Streamlit protocol client: one expert answering the questionnaire through a real server.

It speaks what the browser speaks on ``/_stcore/stream`` (protobuf BackMsg /
ForwardMsg over a websocket): a rerun with the page's query string, then one
rerun per answer carrying the slider's value and the form's submit trigger,
exactly as the browser sends a form. Far lighter than a browser, so thirty
experts fit on a 2-core machine beside the server.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import StringArray
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState


class ProtocolError(RuntimeError):
    """The page did not show what the client expected."""


@dataclass
class RunResult:
    """Elements of one script run, by kind."""

    sliders: dict[str, object] = field(default_factory=dict)  # widget id -> Slider proto
    buttons: dict[str, object] = field(default_factory=dict)
    alerts: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class Ack:
    """An answer the page acknowledged: matrix pair label, slider label sent, seconds from submit to 'Saved'."""

    pair: tuple[str, str]
    label: str
    seconds: float


class ExpertClient:
    """One browser-less expert session on ``ws_url`` (``ws://host:port``) with token ``token``."""

    def __init__(self, ws_url: str, token: str, timeout: float = 60.0) -> None:
        self.ws_url = ws_url.rstrip("/") + "/_stcore/stream"
        self.token = token
        self.timeout = timeout
        self.ws: websockets.ClientConnection | None = None
        self.last = RunResult()

    async def __aenter__(self) -> ExpertClient:
        # no keepalive pings, as from a browser (its WebSocket sends none): on a loaded machine a
        # pong later than websockets' 20 s closed the connection (1011) though the server was working;
        # every wait for an answer is bounded by ``timeout`` instead
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=2**24, open_timeout=30, ping_interval=None
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, states: list[WidgetState] | None = None) -> RunResult:
        """Send a rerun (with ``states``) and collect the elements until the script finishes."""
        assert self.ws is not None
        msg = BackMsg()
        msg.rerun_script.query_string = f"panel={self.token}"
        msg.rerun_script.page_name = ""
        for s in states or []:
            msg.rerun_script.widget_states.widgets.append(s)
        await self.ws.send(msg.SerializeToString())
        out = RunResult()
        deadline = time.monotonic() + self.timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(deadline - time.monotonic(), 0.1))
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                t = el.WhichOneof("type")
                if t == "slider":
                    out.sliders[el.slider.id] = el.slider
                elif t == "button":
                    out.buttons[el.button.id] = el.button
                elif t == "alert":
                    out.alerts.append(el.alert.body)
                elif t == "markdown":
                    out.texts.append(el.markdown.body)
            elif kind == "script_finished":
                # 0 = finished successfully; others: rerun requested / error
                self.last = out
                return out

    def _one(self, table: dict[str, object], part: str) -> tuple[str, object]:
        hits = [(k, v) for k, v in table.items() if part in k]
        if len(hits) != 1:
            msg = (
                f"expected one widget with {part!r} in its id, found {len(hits)}; alerts: {self.last.alerts}"
            )
            raise ProtocolError(msg)
        return hits[0]

    async def open(self) -> RunResult:
        """First run of the questionnaire; raises ProtocolError if the page refuses the link."""
        res = await self.run()
        if not res.sliders and not any("pe_submit" in b for b in res.buttons):
            raise ProtocolError(f"no questionnaire: {res.alerts[:2]}")
        return res

    async def answer(self, choose: int) -> Ack:
        """Answer the pair on screen with option index ``choose`` (0 = first element extreme … 16 = second extreme)."""
        sid, slider = self._one(self.last.sliders, "pe_value:")
        bid, _ = self._one(self.last.buttons, "pe_save:")
        label = slider.options[choose]  # type: ignore[attr-defined]
        first_second = sid.split("pe_value:")[1]
        states = [
            WidgetState(id=sid, string_array_value=StringArray(data=[label])),
            WidgetState(id=bid, trigger_value=True),
        ]
        t0 = time.perf_counter()
        res = await self.run(states)
        dt = time.perf_counter() - t0
        saved = [a for a in res.alerts if a.startswith("Saved:")]
        if not saved:
            raise ProtocolError(f"no 'Saved' after answering {first_second}: {res.alerts}")
        pair = saved[0].removeprefix("Saved: ").split(" (")[0]
        a, _, b = pair.partition(" vs ")
        return Ack((a, b), label, dt)

    async def submit(self) -> float:
        """Press 'Submit this matrix'; return seconds to the 'Submitted' message."""
        bid, _ = self._one(self.last.buttons, "pe_submit")
        t0 = time.perf_counter()
        res = await self.run([WidgetState(id=bid, trigger_value=True)])
        if not any(a.startswith("Submitted") for a in res.alerts):
            raise ProtocolError(f"not submitted: {res.alerts}")
        return time.perf_counter() - t0
