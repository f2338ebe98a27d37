"""Offline questionnaire workbooks: round trip, and every wrong or hostile workbook refused with its problems."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from panel.workbook import WorkbookError, questionnaire_workbook, read_questionnaire
from tests.conftest import count


def ann(store, made):
    return store.expert_state(made.expert_tokens[0][2])


def blank(me) -> bytes:
    return questionnaire_workbook(
        me.panel.public_id, me.panel.name, me.expert.id, me.expert.name, me.assignments
    )


def filled(me, sheets=("M01", "M02"), edit=None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(blank(me)))
    for name in sheets:
        ws = wb[name]
        for r in range(8, ws.max_row + 1):
            if ws.cell(r, 1).value:
                ws.cell(r, 4, "B" if r % 2 else "A")
                ws.cell(r, 5, (r % 9) + 1)
    if edit:
        edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read(store, made, data):
    me = ann(store, made)
    return read_questionnaire(data, me.assignments, me.panel.public_id, me.expert.id)


def test_a_filled_workbook_round_trips_into_the_store(store, small_panel):
    got = read(store, small_panel, filled(ann(store, small_panel)))
    assert len(got.items) == 10 + 6
    store.save_answers(small_panel.expert_tokens[0][2], got.items, source="workbook")
    me = ann(store, small_panel)
    assert all(a.complete for a in me.assignments)
    # the saved answers come back in a new workbook, and read back the same
    again = read(store, small_panel, blank(me))
    assert sorted(again.items) == sorted(got.items)


def test_a_blank_sheet_is_skipped_but_an_empty_workbook_is_refused(store, small_panel):
    got = read(store, small_panel, filled(ann(store, small_panel), sheets=("M01",)))
    assert len(got.skipped) == 1
    with pytest.raises(WorkbookError, match="no answers"):
        read(store, small_panel, blank(ann(store, small_panel)))


def set_cell(sheet, row, col, value):
    def edit(wb):
        wb[sheet].cell(row, col).value = value  # cell(r, c, None) would leave the old value

    return edit


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (set_cell("M01", 8, 5, "three"), "is text, not a number"),
        (set_cell("M01", 8, 5, 0), "not a whole number from 1 to 9"),
        (set_cell("M01", 8, 5, -3), "not a whole number from 1 to 9"),
        (set_cell("M01", 8, 5, 1e308), "not a whole number from 1 to 9"),
        (set_cell("M01", 8, 5, 2.5), "not a whole number"),
        (set_cell("M01", 8, 5, "=1+2"), "formula"),
        (set_cell("M01", 8, 4, "=A1"), "formula"),
        (set_cell("M01", 8, 4, "Maybe"), "must be A, B or Equal"),
        (set_cell("M01", 9, 5, None), "give both"),
        (set_cell("M01", 8, 1, "9-9"), "not a pair of this sheet"),
        (set_cell("_form", 3, 2, "999"), "another expert"),
        (set_cell("_form", 2, 2, "feedbeef0000"), "another panel"),
        (set_cell("_form", 4, 2, "0" * 24), "questions changed"),
    ],
)
def test_wrong_cells_are_refused_with_their_place(store, small_panel, edit, problem):
    data = filled(ann(store, small_panel), edit=edit)
    with pytest.raises(WorkbookError) as exc:
        read(store, small_panel, data)
    assert any(problem in p for p in exc.value.problems), exc.value.problems
    count("hostile workbooks refused")


def test_a_half_filled_sheet_is_saved_as_answers_in_progress(store, small_panel):
    def clear(wb):
        for r in (9, 10):
            wb["M01"].cell(r, 4).value = None
            wb["M01"].cell(r, 5).value = None

    got = read(store, small_panel, filled(ann(store, small_panel), edit=clear))
    (part,) = got.incomplete
    assert (part.sheet, part.answered, part.pairs) == ("M01", 8, 10)
    assert [s.complete for s in got.sheets] == [False, True]
    assert len(got.items) == 8 + 6
    store.save_answers(small_panel.expert_tokens[0][2], got.items, source="workbook")
    m01, m02 = ann(store, small_panel).assignments
    assert (m01.n_answered, m01.complete, m02.complete) == (8, False, True)  # saved as answers in progress


def test_a_workbook_downloaded_mid_matrix_uploads_unchanged(store, small_panel):
    """Answered online in part, downloaded, uploaded back as it is: accepted, nothing lost or reopened."""
    token = small_panel.expert_tokens[0][2]
    store.save_answers(token, [(ann(store, small_panel).assignments[0].matrix.key, 0, 1, 3.0)])
    got = read(store, small_panel, blank(ann(store, small_panel)))
    assert got.items == ((ann(store, small_panel).assignments[0].matrix.key, 0, 1, 3.0),)
    assert [s.answered for s in got.sheets] == [1, 0]


def test_a_bad_value_on_a_half_filled_sheet_still_refuses_the_whole_workbook(store, small_panel):
    def spoil(wb):
        wb["M01"].cell(9, 4).value = None
        wb["M01"].cell(9, 5).value = None
        wb["M02"].cell(8, 5).value = 12

    with pytest.raises(WorkbookError) as exc:
        read(store, small_panel, filled(ann(store, small_panel), edit=spoil))
    assert any("M02 row 8" in p for p in exc.value.problems), exc.value.problems


def test_too_many_rows_is_refused(store, small_panel):
    def grow(wb):
        for r in range(20, 20 + 700):
            wb["M01"].cell(r, 1, "1-2")

    with pytest.raises(WorkbookError, match="more than 600 rows"):
        read(store, small_panel, filled(ann(store, small_panel), edit=grow))


def zipped(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"not a zip at all", "not an .xlsx workbook"),
        (b"x" * (3 * 1024 * 1024), "at most 2 MB"),
        (zipped({"xl/workbook.xml": b"<a/>", "bomb.bin": b"\0" * (60 * 1024 * 1024)}), "unpacks to"),
        (zipped({f"f{k}": b"" for k in range(400)}), "parts"),
        (zipped({"hello.txt": b"hi"}), "no xl/workbook.xml"),
    ],
)
def test_hostile_files_are_refused_before_parsing(store, small_panel, data, problem):
    with pytest.raises(WorkbookError) as exc:
        read(store, small_panel, data)
    assert any(problem in p for p in exc.value.problems)
    count("hostile workbooks refused")


def test_xml_entity_expansion_is_refused(store, small_panel):
    good = filled(ann(store, small_panel))
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><workbook>&lol3;</workbook>'
    )
    src = zipfile.ZipFile(io.BytesIO(good))
    parts = {n: (bomb if n == "xl/workbook.xml" else src.read(n)) for n in src.namelist()}
    with pytest.raises(WorkbookError, match="cannot be read"):
        read(store, small_panel, zipped(parts))
    count("hostile workbooks refused")


def test_the_workbook_explains_the_scale_and_validates_cells(store, small_panel):
    wb = openpyxl.load_workbook(io.BytesIO(blank(ann(store, small_panel))))
    start = "\n".join(str(c.value) for row in wb["Start"].iter_rows() for c in row if c.value)
    assert "extreme importance" in start
    assert "moderate importance" in start
    dv = wb["M01"].data_validations.dataValidation
    assert {d.type for d in dv} == {"list", "whole"}
    assert wb["_form"].sheet_state == "hidden"
