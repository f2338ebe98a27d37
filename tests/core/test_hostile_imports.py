"""Hostile uploads: .xlsx and .sdmod files built to hurt the reader.

Each must end in ModelValidationError with a message saying what is wrong,
without running anything, without hanging and without exhausting memory
(every limit is checked before the work it bounds). The number of hostile
files tried is printed at the end of the run.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from anp_core import ModelValidationError, load_model
from anp_core.excel import MAX_ROWS, model_to_workbook, workbook_to_dict
from anp_core.excel_guard import read_sheets
from anp_core.excel_layout import SHEET_WIDTHS
from anp_core.formats import load_any
from anp_core.sdmod import sdmod_to_dict
from tests.conftest import MODEL_PATH, ROOT, count

FIX = ROOT / "tests" / "fixtures" / "sdmod"
SDMOD = (FIX / "two_cluster_feedback.sdmod").read_text()


@pytest.fixture(scope="module")
def book() -> bytes:
    return model_to_workbook(load_model(MODEL_PATH))


def refused(data: bytes, filename: str, *fragments: str) -> str:
    count("hostile import files tried")
    with pytest.raises(ModelValidationError) as err:
        load_any(data, filename)
    text = str(err.value)
    for f in fragments:
        assert f in text, text
    return text


def replace_member(data: bytes, member: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == member else src.read(info.filename))
    return out.getvalue()


def sheet_member(data: bytes, title: str) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    index = wb.sheetnames.index(title)
    wb.close()
    return f"xl/worksheets/sheet{index + 1}.xml"


# --------------------------------------------------------------------------- XLSX


def test_zip_bomb_is_refused_before_it_is_expanded(book):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:  # 300 MB of zeros, a few hundred kB zipped
            block = b"0" * (1024 * 1024)
            for _ in range(300):
                fh.write(block)
    data = bomb.getvalue()
    assert len(data) < 5 * 1024 * 1024
    refused(data, "bomb.xlsx", "zip bomb")


def test_a_workbook_expanding_past_the_limit_is_refused():
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as zf:
        for k in range(60):  # 60 x 1 MB at a ratio under the per-part limit
            zf.writestr(f"xl/media/part{k}.bin", (bytes(range(256)) * 4096)[: 1024 * 1024 - 1])
    refused(many.getvalue(), "many.xlsx", "expands to more than")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&xxe;</t></si></sst>"""


@pytest.mark.parametrize(("member", "content"), [("sheet", BILLION_LAUGHS), ("xl/workbook.xml", XXE)])
def test_xml_entity_attacks_are_refused(book, member, content):
    name = sheet_member(book, "Judgments") if member == "sheet" else member
    evil = replace_member(book, name, content)
    refused(evil, "evil.xlsx", "entit")


def test_defusedxml_itself_refuses_entities_without_our_precheck(book):
    evil = replace_member(book, sheet_member(book, "Model"), BILLION_LAUGHS)
    count("hostile import files tried")
    with pytest.raises(ModelValidationError, match="entities or a DTD"):
        read_sheets(evil, SHEET_WIDTHS, data_only=True)


def test_a_million_rows_stop_at_the_row_limit(book):
    member = sheet_member(book, "Judgments")
    rows = "".join(f"<row><c><v>{r}</v></c></row>" for r in range(1, 1_000_001))
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    del rows
    evil = replace_member(book, member, xml)
    del xml
    assert len(evil) < 5 * 1024 * 1024
    refused(evil, "rows.xlsx", f"more than {MAX_ROWS:,} rows")


def test_formulas_in_cells_are_refused(book):
    def change(wb):
        ws = wb["Judgments"]
        ws["C5"] = "=1/0"
        ws["D6"] = '=WEBSERVICE("http://example.invalid")'

    wb = openpyxl.load_workbook(io.BytesIO(book))
    change(wb)
    buf = io.BytesIO()
    wb.save(buf)
    refused(buf.getvalue(), "formula.xlsx", "formula", "Judgments!")


def test_wrong_sheets_are_refused_with_the_expected_names():
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    buf = io.BytesIO()
    wb.save(buf)
    refused(buf.getvalue(), "other.xlsx", "missing sheet", "Model", "Judgments", "Sheet")


def test_too_many_sheets_are_refused():
    wb = openpyxl.Workbook()
    for k in range(320):
        wb.create_sheet(f"s{k}")
    buf = io.BytesIO()
    wb.save(buf)
    refused(buf.getvalue(), "sheets.xlsx", "sheets; the limit")


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [
        (b"not a zip at all", "x.xlsx", "not a zip archive"),
        (b"PK\x03\x04" + b"\x00" * 100, "x.xlsx", "not an .xlsx workbook"),
        (b"PK\x03\x04garbage", "x.json", "zip archive"),
        (b"\x00\x01\x02binary", "x.bin", "unsupported file type"),
        (b"", "x.json", "empty"),
        (b"<html>hi</html>", "page.html", "unsupported file type"),
        (b"a,b\n1,2\n", "x.csv", ".csv files are not read"),
    ],
)
def test_wrong_or_broken_files_are_refused(data, name, fragment):
    refused(data, name, fragment)


def test_an_encrypted_part_is_refused(book):
    raw = bytearray(book)
    # set the "encrypted" flag bit of every local and central header
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        start = 0
        while (k := raw.find(sig, start)) >= 0:
            off = 6 if sig == b"PK\x03\x04" else 8
            raw[k + off] |= 0x01
            start = k + 4
    refused(bytes(raw), "locked.xlsx", "encrypted")


def test_over_five_megabytes_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024 + 10))
    count("hostile import files tried")
    with pytest.raises(ModelValidationError, match="limit is 5 MB"):
        load_any(path)
    with pytest.raises(ModelValidationError, match="limit is 5 MB"):
        workbook_to_dict(path.read_bytes())


# --------------------------------------------------------------------------- .sdmod


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("makeCluster " + "{" * 10_000 + "}" * 10_000, "nested deeper"),
        ("makeCluster " + "[" * 10_000, "nested deeper"),
        ("makeCluster {unclosed\n" * 3, "missing close-brace"),
        ('makeCluster "unclosed', "missing close-quote"),
        ("makeCluster [unclosed", "missing close-bracket"),
        ("# makeCluster\nset a [exec rm -rf /]", "command substitution [exec"),
        ("# makeCluster\nexec touch /tmp/anp_core_pwned", "'exec' is not part of a Super Decisions"),
        ("# makeCluster\nopen /etc/passwd", "'open' is not part of"),
        ("# makeCluster\nsource evil.tcl", "'source' is not part of"),
        ("# makeCluster\nproc makeCluster {args} {exec sh}", "'proc' is not part of"),
        ("# makeCluster\neval {exec ls}", "'eval' is not part of"),
        ("# makeCluster\nuplevel #0 {exec ls}", "'uplevel' is not part of"),
        ("# makeCluster\nnamespace eval x {}", "'namespace' is not part of"),
        ("# makeCluster\nsocket evil.example 80", "'socket' is not part of"),
        ("# makeCluster\n$cmd arg", "command name must be plain text"),
        ("# makeCluster\nset a $undefined", "variable $undefined is used before it is set"),
        ("# readAllCompares\nset x exec\n$x ls", "command name must be plain text"),
        ("# makeCluster\ncatch {exec ls}", "catch is only accepted around limitPowerOptions"),
        ("# makeCluster\nfrobnicate $net", "unknown command 'frobnicate'"),
        ("# makeCluster\nset a x\n" + "set a $a$a\n" * 30, "beyond 5 MB"),
        ("# makeCluster\nset $" + "a$" * 20_000, "substitutions"),
        ("# makeCluster\n" + "set a 1\n" * 120_000, "commands"),
        ("hello world, not a model", "not a Super Decisions model file"),
    ],
)
def test_hostile_sdmod_scripts_are_refused(text, fragment):
    refused(text.encode(), "evil.sdmod", fragment)


def test_nothing_is_ever_run(tmp_path):
    target = tmp_path / "pwned"
    scripts = [
        f"exec touch {target}",
        f"set x [exec touch {target}]",
        f'set x "[exec touch {target}]"',
        f"catch {{exec touch {target}}}",
        f"c-network readAllCompares -network $net -source [exec touch {target}]",
    ]
    for s in scripts:
        text = SDMOD.replace("set FORMAT 1", s)
        count("hostile import files tried")
        with pytest.raises(ModelValidationError):
            sdmod_to_dict(text.encode(), "evil.sdmod")
    assert not target.exists()


def test_a_huge_sdmod_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.sdmod"
    path.write_bytes(b"makeCluster\n" + b"#" * (5 * 1024 * 1024))
    count("hostile import files tried")
    with pytest.raises(ModelValidationError, match="limit is 5 MB"):
        load_any(path)


def test_nul_bytes_are_refused():
    refused(SDMOD.replace("Option A", "Option\x00A").encode(), "nul.sdmod", "binary file")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("0,0,1\n3 1,0 2,1 0,2 \n", "0,0,1\n3 1,0 2,1 0,0 \n", "out of range or repeated"),
        ("0,0,1\n3 1,0 2,1 0,2 \n", "0,0,1\n9 1,0 2,1 0,2 \n", "does not match"),
        ("0,0,1\n3 1,0 2,1 0,2 \n", "7,7,7\n3 1,0 2,1 0,2 \n", "out of range or repeated"),
        (" 3.000000  5.000000 \n", " 3.000000  nan \n", "not a finite number"),
        (" 3.000000  5.000000 \n", " 3.000000  -5 \n", "negative"),
        (" 3.000000  5.000000 \n", " 3.000000  five \n", "not a number"),
        ("2\nCriteria\n2\n", "99999999999\nCriteria\n2\n", "lists 99999999999 clusters"),
        ("Options\n3\nC\n", "Options\n100000\nC\n", "has 100000 nodes"),
        ("}\nratings new", "\n0,1,0\n}\nratings new", "ends too early"),
    ],
)
def test_malformed_comparison_blocks_are_refused(old, new, fragment):
    assert old in SDMOD
    refused(SDMOD.replace(old, new, 1).encode(), "bad.sdmod", fragment)


def _sheet_xml(body: str, dimension: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dimension}<sheetData>{body}</sheetData></worksheet>"
    ).encode()


def test_a_row_number_jumping_to_the_last_row_stops_at_the_row_limit(book):
    xml = _sheet_xml('<row r="1048576"><c r="A1048576"><v>1</v></c></row>')
    refused(
        replace_member(book, sheet_member(book, "Judgments"), xml),
        "jump.xlsx",
        f"more than {MAX_ROWS:,} rows",
    )


def test_a_lying_dimension_and_far_columns_do_not_widen_rows(book):
    # 20,000 cells in column XFD (16,384) with a dimension claiming the whole sheet: rows stay narrow
    body = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(1, 20_001))
    xml = _sheet_xml(body, '<dimension ref="A1:XFD1048576"/>')
    refused(replace_member(book, sheet_member(book, "Judgments"), xml), "wide.xlsx", "Judgments")


@pytest.mark.parametrize("name", ["zero.sdmod", "zero.xlsx", "zero.json", "zero"])
def test_device_files_are_refused_not_read_forever(tmp_path, name):
    import os

    link = tmp_path / name
    os.symlink("/dev/zero", link)
    count("hostile import files tried")
    with pytest.raises(ModelValidationError, match="not a regular file"):
        load_any(link)
    if name.endswith(".sdmod"):
        with pytest.raises(ModelValidationError, match="not a regular file"):
            sdmod_to_dict(link)
    if name.endswith(".xlsx"):
        with pytest.raises(ModelValidationError, match="not a regular file"):
            workbook_to_dict(link)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os

    fifo = tmp_path / "pipe.sdmod"
    os.mkfifo(fifo)
    count("hostile import files tried")
    with pytest.raises(ModelValidationError, match="not a regular file"):
        load_any(fifo)
