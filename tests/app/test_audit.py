"""Paper audit page under AppTest: the model's published table (Table 2) beside anp_core's recomputation."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from anp_core import evaluate
from dashboard import state
from dashboard.text import plain
from tests.support.apptest import new_app, no_exception
from tests.support.paper import CRITERIA, TABLE2_PATH

PAGE = "views/audit.py"


def table(at, column: str) -> pd.DataFrame:
    """The one dataframe on the page that has ``column``."""
    (df,) = [d.value for d in at.dataframe if column in d.value.columns]
    return df


@pytest.fixture(scope="module")
def csv_factors() -> list[dict[str, str]]:
    with TABLE2_PATH.open(newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["row_type"] == "factor"]


@pytest.fixture
def page(downloads) -> AppTest:
    at = new_app().run()
    at.switch_page(PAGE).run()
    no_exception(at)
    return at


def test_page_explains_the_reconstruction_and_shows_every_table(page):
    info = " ".join(i.value for i in page.info)
    assert "reconstructed" in info
    assert "ANP\\_METHOD\\.md section 4" in info  # the model's source notes, escaped
    assert "does **not** verify" in info
    # v, column summary, 5 criterion columns, composite, printed-sum check, clusters
    assert len(page.dataframe) == 10
    assert not page.warning  # the bundled model, unedited
    (chart,) = page.get("plotly_chart")
    assert chart.proto.id.endswith("audit_composite_chart")
    text = " ".join(m.value for m in page.markdown)
    assert "0.991 (Policy environment)" in text
    assert "1.014 (Political environment)" in text
    # the rounding bound is computed: 0.001 for columns and composite, plus the printed weights' share
    assert "misses the printed composite by up to 0.0052 (Product \\& brand)" in text
    assert "can explain at most 0.0010 of it" in text  # 0.0005 columns + 0.0005 composite, not 0.0005
    assert "0.0012 in all for that node" in text
    assert (
        "The top 4 (Government regulation, Comprehensive service platform, Electronic payment, Consumer"
        in text
    )


def test_composite_table_recomputed_is_sum_v_l_and_published_is_the_csv_text(page, paper_model, csv_factors):
    df = table(page, "Rank (new)")
    assert len(df) == 20
    assert list(df["Node"]) == [r["factor"] for r in csv_factors]
    assert list(df["Published"]) == [r["composite"] for r in csv_factors]  # text, as printed
    ev = evaluate(paper_model)
    ids = [r["factor_id"] for r in csv_factors]
    L = ev.by_criterion.loc[ids, CRITERIA].to_numpy()
    v = ev.criterion_weights.loc[CRITERIA].to_numpy()
    np.testing.assert_allclose(df["Recomputed"], L @ v, rtol=1e-12)
    published = np.array([float(r["composite"]) for r in csv_factors])
    np.testing.assert_allclose(df["Δ"], L @ v - published, rtol=1e-12)
    assert list(df["Rank (published)"]) == [int(r["rank"]) for r in csv_factors]
    np.testing.assert_array_equal(df["Rank Δ"], df["Rank (new)"] - df["Rank (published)"])


def test_printed_composite_is_checked_against_its_own_columns(page, csv_factors):
    df = table(page, "Σ v·col (printed)")
    assert list(df["Published"]) == [r["composite"] for r in csv_factors]
    v_pub = np.array([0.422, 0.242, 0.181, 0.106, 0.049])
    printed = np.array([[float(r[c]) for c in CRITERIA] for r in csv_factors])
    np.testing.assert_allclose(df["Σ v·col (printed)"], printed @ v_pub, rtol=1e-12)
    published = np.array([float(r["composite"]) for r in csv_factors])
    np.testing.assert_allclose(df["Σ v·col − published"], printed @ v_pub - published, atol=1e-15)


def test_rank_moves_are_listed(page):
    df = table(page, "Rank (new)")
    moved = df[df["Rank Δ"] != 0]
    text = " ".join(m.value for m in page.markdown)
    assert f"**{len(moved)} nodes change rank:**" in text
    for name in moved["Node"]:
        assert f"**{plain(name)}**" in text
    assert "**Product \\& brand**: published rank 7 → recomputed 5 (up" in text


def test_criterion_columns_show_published_normalised_and_recomputed(page, paper_model, csv_factors):
    ev = evaluate(paper_model)
    cols = [d.value for d in page.dataframe if "Published normalised" in d.value.columns]
    assert len(cols) == 5
    for crit, df in zip(CRITERIA, cols, strict=True):
        assert list(df["Published"]) == [r[crit] for r in csv_factors]
        published = np.array([float(r[crit]) for r in csv_factors])
        np.testing.assert_allclose(df["Published normalised"], published / published.sum(), rtol=1e-14)
        ids = [r["factor_id"] for r in csv_factors]
        np.testing.assert_array_equal(df["Recomputed"], ev.by_criterion.loc[ids, crit].to_numpy())
        np.testing.assert_allclose(df["Δ vs printed"], df["Recomputed"] - published, atol=1e-15)
    summary = table(page, "Column sum (printed)")
    np.testing.assert_allclose(
        summary["Column sum (printed)"], [0.991, 0.990, 1.014, 0.993, 0.995], atol=1e-12
    )
    assert (summary["Max |Δ| vs normalised"] < 1e-12).all()


def test_criterion_and_cluster_weights(page, paper_model):
    ev = evaluate(paper_model)
    cw = table(page, "Difference")
    assert list(cw["Published (printed)"]) == ["0.422", "0.242", "0.181", "0.106", "0.049"]
    np.testing.assert_array_equal(cw["Recomputed"], ev.criterion_weights.loc[CRITERIA].to_numpy())
    cl = table(page, "Sum of printed composites")
    assert list(cl["Published (printed)"]) == ["0.243", "0.236", "0.151", "0.146", "0.120", "0.104"]
    np.testing.assert_allclose(
        cl["Recomputed Σ c"], ev.cluster_weights.loc[[c.id for c in paper_model.clusters]]
    )


def test_audit_downloads_as_csv(page, downloads, paper_model):
    (button,) = [b for b in page.get("download_button") if b.key == "audit_dl_all"]
    assert button.proto.ignore_rerun
    df = pd.read_csv(io.BytesIO(downloads["cbec_trade_war_audit.csv"]()), dtype={"published_text": str})
    assert len(df) == 5 + 6 + 5 * 20 + 20 + 20
    comp = df[df["section"] == "composite"].set_index("id")
    np.testing.assert_allclose(
        comp["recomputed"], evaluate(paper_model).composite.loc[comp.index], rtol=1e-15
    )


def test_an_edited_model_is_flagged_and_its_differences_shown(page, paper_model, csv_factors):
    comp = next(c for c in paper_model.comparisons if c.criterion == "policy" and c.kind == "clusters")
    edited = paper_model.with_judgment(comp.key, "credit_risk", "marketing", 1 / 9)
    page.session_state[state.MODEL] = edited
    page.run()
    no_exception(page)
    assert any("edited" in w.value for w in page.warning)
    summary = table(page, "Column sum (printed)")
    assert summary["Max |Δ| vs normalised"].iloc[0] > 1e-3  # policy moved
    assert (summary["Max |Δ| vs normalised"].iloc[1:] < 1e-12).all()
    df = table(page, "Rank (new)")
    ids = [r["factor_id"] for r in csv_factors]
    np.testing.assert_allclose(df["Recomputed"], evaluate(edited).composite.loc[ids], rtol=1e-12)
    assert np.abs(df["Recomputed"] - evaluate(paper_model).composite.loc[ids].to_numpy()).max() > 1e-3


def test_a_model_without_a_published_table_says_what_the_page_needs(open_on):
    at = open_on("feedback")
    at.switch_page(PAGE).run()
    no_exception(at)
    (info,) = at.info
    assert "carries no published results table" in info.value
    assert "`published` section" in info.value
    assert not at.dataframe
