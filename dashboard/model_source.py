"""Where the dashboard's models come from: the bundled model, ``ANP_MODEL``, the example folder.

No Streamlit here: :mod:`dashboard.state` caches what these functions return
(one parsed, immutable model per file content for the whole server).

* The dashboard opens on the file named by the environment variable
  ``ANP_MODEL`` (``make run MODEL=path`` sets it), or on the bundled paper
  model. A file that cannot be used gives a message naming the file and its
  problems, and the bundled model is opened instead.
* The Supermatrix page offers the models of ``data/models/examples/`` (or the
  folder named by ``ANP_EXAMPLES``): every ``*.json`` file there.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from anp_core import ANPError, Model, ModelValidationError
from anp_core.formats import load_any
from anp_core.i18n import N_
from anp_core.messages import Message, message, verbatim
from anp_core.model_file import MAX_FILE_BYTES

__all__ = [
    "DEFAULT_MODEL_PATH",
    "EXAMPLES_DIR",
    "EXAMPLES_ENV",
    "MODEL_ENV",
    "Opened",
    "example_files",
    "file_stamp",
    "format_problems",
    "read_model_file",
    "startup_path",
]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_PATH = ROOT / "data" / "models" / "cbec_trade_war.json"
EXAMPLES_DIR = ROOT / "data" / "models" / "examples"
#: Environment variable naming the model file the dashboard opens on.
MODEL_ENV = "ANP_MODEL"
#: Environment variable naming another folder of example models.
EXAMPLES_ENV = "ANP_EXAMPLES"
_MAX_PROBLEMS = 12


@dataclass(frozen=True)
class Opened:
    """A model file read for the dashboard.

    Attributes
    ----------
    model : Model or None
        The validated model, or None if the file could not be used.
    source : str
        What to call it in the sidebar (file name and where it came from).
    problems : tuple of (str, str)
        ``(where, what)`` pairs when the file could not be used (outside text:
        escape before showing), ``what`` in English.
    texts : tuple of Message
        The same ``what``, translatable (:meth:`translated`); one per problem.
    """

    model: Model | None
    source: str
    problems: tuple[tuple[str, str], ...] = ()
    texts: tuple[Message, ...] = ()

    def translated(self, gettext: Callable[[str], str] | None = None) -> tuple[tuple[str, str], ...]:
        """Return :attr:`problems` with ``what`` translated by ``gettext`` (English without one)."""
        if gettext is None:
            return self.problems
        return tuple(
            (where, self.texts[i].render(gettext) if i < len(self.texts) else what)
            for i, (where, what) in enumerate(self.problems)
        )


#: Where a problem is when it is not at a JSON path: the whole file, the top of the JSON, the model.
_PLACES = {"(file)": N_("(file)"), "(root)": N_("(root)"), "(model)": N_("(model)")}


def format_problems(
    problems: tuple[tuple[str, str], ...] | list[tuple[str, str]], gettext: Callable[[str], str] | None = None
) -> list[str]:
    """Return at most 12 problems as ``"where: what"`` lines, plus a count of the rest (said by ``gettext``)."""
    said = gettext or _english
    lines = [
        f"{said(_PLACES[where or '(root)']) if (where or '(root)') in _PLACES else where}: {what}"
        for where, what in problems[:_MAX_PROBLEMS]
    ]
    if len(problems) > _MAX_PROBLEMS:
        more = said(N_("… and {n} more"))
        lines.append(more.format(n=len(problems) - _MAX_PROBLEMS))
    return lines


def _english(text: str) -> str:
    return text


def error_problems(err: ANPError, gettext: Callable[[str], str] | None = None) -> tuple[tuple[str, str], ...]:
    """Return an engine error as ``(where, what)`` pairs, ``what`` translated by ``gettext`` where it can be.

    A refused file's problems built from pydantic's errors (and our own
    messages) have a translatable text (:meth:`ModelValidationError.problem_text`);
    the location path stays as it is. Without ``gettext``, English.
    """
    if isinstance(err, ModelValidationError) and err.problems:
        return tuple((str(p), err.problem_text(i, gettext)) for i, (p, _m) in enumerate(err.problems))
    return (("(model)", err.render(gettext)),)


def error_messages(err: ANPError) -> tuple[tuple[str, Message], ...]:
    """Return an engine error as ``(where, Message)`` pairs (an English text where it has no Message)."""
    if isinstance(err, ModelValidationError) and err.problems:
        return tuple(
            (str(p), t if t is not None else verbatim(m))
            for (p, m), t in zip(err.problems, err.texts, strict=True)
        )
    return (("(model)", err.text or verbatim(str(err))),)


def _refused(label: str, problems: tuple[tuple[str, Message], ...]) -> Opened:
    return Opened(None, label, tuple((w, t.render()) for w, t in problems), tuple(t for _w, t in problems))


def file_stamp(path: Path) -> tuple[str, int, int]:
    """Return ``(resolved path, size, mtime_ns)``: a cache key that changes when the file does."""
    try:
        st = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)


def read_model_file(path: str | Path, source: str | None = None) -> Opened:
    """Read and validate a model file; never raises.

    Only a regular file of at most the engine's file limit is read (a
    directory, a FIFO or ``/dev/zero`` is refused without reading it).

    Parameters
    ----------
    path : str or Path
        The model file.
    source : str, optional
        Label for the sidebar (default: the file name).

    Returns
    -------
    Opened
    """
    p = Path(path)
    label = source or p.name
    try:
        st = p.stat()
    except OSError as exc:
        text = message(N_("cannot open {path}: {reason}"), path=str(p), reason=str(exc.strerror or exc))
        return _refused(label, (("(file)", text),))
    if not stat.S_ISREG(st.st_mode):
        return _refused(label, (("(file)", message(N_("{path} is not a regular file"), path=str(p))),))
    try:
        with p.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        text = message(N_("cannot read {path}: {reason}"), path=str(p), reason=str(exc.strerror or exc))
        return _refused(label, (("(file)", text),))
    if len(raw) > MAX_FILE_BYTES:
        text = message(N_("{name} is over {n} MB"), name=p.name, n=MAX_FILE_BYTES // 1_000_000)
        return _refused(label, (("(file)", text),))
    try:
        return Opened(load_any(raw, p.name), label)
    except ANPError as err:
        return _refused(label, error_messages(err))


def startup_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """Return the model file named by ``ANP_MODEL`` (relative to the working directory), or None."""
    env = os.environ if environ is None else environ
    raw = env.get(MODEL_ENV, "").strip()
    return Path(raw).expanduser() if raw else None


def example_files(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Return the example model files (``*.json`` of the examples folder), sorted by name."""
    env = os.environ if environ is None else environ
    folder = Path(env.get(EXAMPLES_ENV, "").strip() or EXAMPLES_DIR).expanduser()
    try:
        return sorted(p for p in folder.glob("*.json") if p.is_file())
    except OSError:
        return []
