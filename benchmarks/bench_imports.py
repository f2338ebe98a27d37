"""Import and export speed: ``python -m benchmarks.bench_imports``.

Each row times one operation against a floor measured in the same run on the
same input (on a shared machine the ratio is the figure, the absolute time is
noise):

* ``.sdmod`` import (parse, convert, validate) against ``load_model`` of the
  same model as JSON;
* workbook read (archive checks, formula scan, values, validation) against
  openpyxl reading every cell of the same workbook in read-only mode;
* workbook write (model, results and sensitivity) against openpyxl writing
  the same number of cells;
* hostile files: the time to refuse a 1,000,000-row sheet, a zip bomb and a
  5 MB script against reading their bytes.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from anp_core import ModelValidationError, dump_model, evaluate, load_model
from anp_core.excel import model_to_workbook, workbook_to_dict
from anp_core.formats import load_any
from anp_core.sdmod import load_sdmod

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "fixtures" / "sdmod" / "superdecisions"
MODEL = ROOT / "data" / "models" / "cbec_trade_war.json"


def best(fn: Callable[[], object], repeat: int = 7) -> float:
    """Best of ``repeat`` wall times, in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def refused(data: bytes, name: str) -> None:
    try:
        load_any(data, name)
    except ModelValidationError:
        return
    raise AssertionError(name)


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    sd = SAMPLES / "SD file with multiple clusters and inverse judgments.sdmod"
    js = dump_model(load_sdmod(sd)).encode()
    out.append(
        {
            "operation": "import .sdmod (18 nodes)",
            "ms": best(lambda: load_sdmod(sd)) * 1e3,
            "floor": "load_model of the same JSON",
            "floor_ms": best(lambda: load_model(js)) * 1e3,
        }
    )
    model = load_model(MODEL)
    ev = evaluate(model)
    book = model_to_workbook(model, ev)

    def openpyxl_read() -> None:
        wb = openpyxl.load_workbook(io.BytesIO(book), read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()

    out.append(
        {
            "operation": "read the paper's workbook",
            "ms": best(lambda: workbook_to_dict(book)) * 1e3,
            "floor": "openpyxl reads every cell",
            "floor_ms": best(openpyxl_read) * 1e3,
        }
    )
    cells = sum(
        ws.max_row * ws.max_column
        for ws in openpyxl.load_workbook(io.BytesIO(book), read_only=False).worksheets
    )

    def openpyxl_write() -> None:
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        width = 30
        for _ in range(cells // width):
            ws.append([0.5] * width)
        wb.save(io.BytesIO())

    out.append(
        {
            "operation": "write the paper's workbook with results",
            "ms": best(lambda: model_to_workbook(model, ev), 3) * 1e3,
            "floor": f"openpyxl writes {cells:,} numbers",
            "floor_ms": best(openpyxl_write, 3) * 1e3,
        }
    )
    member = next(n for n in zipfile.ZipFile(io.BytesIO(book)).namelist() if n.endswith("sheet5.xml"))
    sheet = "".join(f"<row><c><v>{r}</v></c></row>" for r in range(1, 1_000_001))
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet}</sheetData></worksheet>"
    ).encode()
    src = zipfile.ZipFile(io.BytesIO(book))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, xml if info.filename == member else src.read(info.filename))
    evil = buf.getvalue()
    out.append(
        {
            "operation": "refuse 1,000,000 rows",
            "ms": best(lambda: refused(evil, "rows.xlsx"), 3) * 1e3,
            "floor": "unzip the sheet",
            "floor_ms": best(lambda: zipfile.ZipFile(io.BytesIO(evil)).read(member), 3) * 1e3,
        }
    )
    script = ("# makeCluster\n" + "set a 1\n" * 600_000).encode()
    out.append(
        {
            "operation": "refuse a 5 MB script of 600,000 commands",
            "ms": best(lambda: refused(script, "big.sdmod"), 3) * 1e3,
            "floor": "split it into lines",
            "floor_ms": best(lambda: script.split(b"\n"), 3) * 1e3,
        }
    )
    for r in out:
        r["ratio"] = float(r["ms"]) / float(r["floor_ms"])  # type: ignore[arg-type]
    return out


def main() -> None:
    """Print the table."""
    print("| operation | ms | floor | floor ms | ratio |\n|---|---|---|---|---|")
    for r in rows():
        print(f"| {r['operation']} | {r['ms']:.1f} | {r['floor']} | {r['floor_ms']:.1f} | {r['ratio']:.1f} |")


if __name__ == "__main__":
    main()
