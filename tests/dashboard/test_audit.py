"""Paper audit frames (dashboard.audit): the model's published table (Table 2 of paper 000) vs anp_core.

The published numbers come from the model file's ``published`` section; the
CSV ``data/paper/table2.csv`` stays the source of the bundled model, and the
first test checks that the two agree cell by cell.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from anp_core import competition_ranks, evaluate
from dashboard import audit
from tests.support.paper import CRITERIA, TABLE2_PATH


@pytest.fixture(scope="module")
def raw_rows():
    """Table 2 read with the csv module (independent of pandas)."""
    with TABLE2_PATH.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def factor_rows(raw_rows):
    return [r for r in raw_rows if r["row_type"] == "factor"]


@pytest.fixture(scope="module")
def table(paper_model):
    return audit.published_table(paper_model)


@pytest.fixture(scope="module")
def ev(paper_model):
    return evaluate(paper_model)


def test_the_models_published_table_is_table2_csv(paper_model, raw_rows, factor_rows):
    """The bundled model carries Table 2 exactly as the CSV prints it (text, every cell)."""
    pub = paper_model.published
    (weights,) = [r for r in raw_rows if r["row_type"] == "criterion_weight"]
    assert pub.criterion_weights == {c: weights[c] for c in CRITERIA}
    assert [r.node for r in pub.rows] == [r["factor_id"] for r in factor_rows]
    for row, csv_row in zip(pub.rows, factor_rows, strict=True):
        assert row.by_criterion == {c: csv_row[c] for c in CRITERIA}
        assert row.composite == csv_row["composite"]
        assert row.rank == int(csv_row["rank"])
    assert pub.cluster_weights == {r["cluster_id"]: r["cluster_weight"] for r in factor_rows}


def test_the_models_recommendations_are_the_json_file(paper_model):
    """The bundled model's recommendations section links the same factors as data/paper/recommendations.json."""
    import json

    from tests.support.paper import RECOMMENDATIONS_PATH

    recs = json.loads(RECOMMENDATIONS_PATH.read_text(encoding="utf-8"))["recommendations"]
    assert len(paper_model.recommendations) == len(recs)
    for rec, ref in zip(paper_model.recommendations, recs, strict=True):
        assert rec.title == ref["title"]
        assert rec.quote == ref["quote"]
        assert rec.section.endswith(ref["section"])
        assert [(link.node, link.strength) for link in rec.links] == [
            (f["id"], f["strength"]) for f in ref["factors"]
        ]


def test_published_table_is_text(table):
    assert table.criteria == tuple(CRITERIA)
    assert all(isinstance(x, str) for x in table.factors.to_numpy().ravel())
    assert table.factors.loc["government_regulation", "policy"] == "0.178"
    assert table.title == "Table 2"


def test_a_model_without_a_published_table_cannot_be_audited():
    from tests.support.dashboard_models import feedback_model

    with pytest.raises(audit.AuditError, match="no published results table"):
        audit.published_table(feedback_model())


def test_criterion_columns_compare_every_published_cell(ev, table, factor_rows):
    cols = audit.criterion_columns(ev, table)
    assert len(cols) == 5 * 20
    for crit in CRITERIA:
        part = cols[cols["criterion"] == crit]
        assert len(part) == 20
        assert list(part["factor_id"]) == [r["factor_id"] for r in factor_rows]
        assert list(part["published_text"]) == [r[crit] for r in factor_rows]
        published = np.array([float(r[crit]) for r in factor_rows])
        np.testing.assert_array_equal(part["published"], published)
        np.testing.assert_allclose(part["published_normalised"], published / published.sum(), rtol=1e-15)
        recomputed = ev.by_criterion[crit].loc[part["factor_id"]].to_numpy()
        np.testing.assert_array_equal(part["recomputed"], recomputed)
        np.testing.assert_array_equal(part["difference"], recomputed - published)
        # The reconstruction returns the published column after normalisation.
        assert np.abs(part["difference_normalised"]).max() < 1e-12


def test_column_summary_shows_the_published_columns_do_not_sum_to_one(ev, table, factor_rows):
    summary = audit.column_summary(audit.criterion_columns(ev, table))
    for crit in CRITERIA:
        assert summary.loc[crit, "published_sum"] == pytest.approx(sum(float(r[crit]) for r in factor_rows))
    assert summary["published_sum"].round(3).tolist() == [0.991, 0.99, 1.014, 0.993, 0.995]
    np.testing.assert_allclose(summary["recomputed_sum"], 1.0, atol=1e-12)
    assert (summary["max_abs_difference"] > 1e-4).all()
    assert (summary["max_abs_difference_normalised"] < 1e-12).all()


def test_composite_is_sum_of_v_times_l_beside_the_printed_value(ev, table, factor_rows):
    comp = audit.composite(ev, table)
    assert len(comp) == 20
    assert list(comp.index) == [r["factor_id"] for r in factor_rows]
    assert list(comp["published_text"]) == [r["composite"] for r in factor_rows]
    published = np.array([float(r["composite"]) for r in factor_rows])
    np.testing.assert_array_equal(comp["published"], published)
    L = ev.by_criterion.loc[comp.index, CRITERIA].to_numpy()
    v = ev.criterion_weights.loc[CRITERIA].to_numpy()
    np.testing.assert_allclose(comp["recomputed"], L @ v, rtol=1e-12)
    np.testing.assert_array_equal(comp["difference"], comp["recomputed"] - published)
    printed = np.array([[float(r[c]) for c in CRITERIA] for r in factor_rows])
    v_pub = np.array([0.422, 0.242, 0.181, 0.106, 0.049])
    np.testing.assert_allclose(comp["published_weighted_sum"], printed @ v_pub, rtol=1e-12)
    # The printed composite is not the weighted sum of the printed columns.
    assert np.abs(comp["published_sum_gap"]).max() > 0.005
    # Rounding the columns and the composite to 3 decimals explains 0.001; the printed weights add 0.0005 x sum of
    # the node's printed columns (their own rounding) and a product term.
    expected = 0.001 + 0.0005 * printed.sum(axis=1) + 0.0005 * 0.0005 * 5
    np.testing.assert_allclose(comp["rounding_bound"], expected, rtol=1e-12)
    assert (np.abs(comp["published_sum_gap"]) > comp["rounding_bound"]).sum() >= 10


def test_ranks_and_the_factors_that_move(ev, table, factor_rows):
    comp = audit.composite(ev, table)
    assert list(comp["published_rank"]) == [int(r["rank"]) for r in factor_rows]
    assert list(comp["recomputed_rank"]) == competition_ranks(comp["recomputed"].to_numpy()).tolist()
    np.testing.assert_array_equal(comp["rank_change"], comp["recomputed_rank"] - comp["published_rank"])
    moves = audit.rank_moves(comp)
    assert set(moves.index) == set(comp.index[comp["recomputed_rank"] != comp["published_rank"]])
    assert list(moves["published_rank"]) == sorted(moves["published_rank"])
    assert set(moves.index) == {
        "logistics_informatization",
        "product_brand",
        "customs_clearance_platform",
        "innovation_entrepreneurship",
        "investment_financing",
        "market_segmentation",
    }
    top4 = [
        "government_regulation",
        "comprehensive_service_platform",
        "electronic_payment",
        "consumer_complaints",
    ]
    assert comp.loc[top4, "rank_change"].eq(0).all()


def test_criterion_weights_are_returned_exactly(ev, table, raw_rows):
    (row,) = [r for r in raw_rows if r["row_type"] == "criterion_weight"]
    cw = audit.criterion_weights(ev, table)
    assert list(cw.index) == CRITERIA
    assert list(cw["published_text"]) == [row[c] for c in CRITERIA]
    np.testing.assert_array_equal(cw["recomputed"], ev.criterion_weights.loc[CRITERIA].to_numpy())
    np.testing.assert_array_equal(cw["difference"], cw["recomputed"] - cw["published"])
    assert np.abs(cw["difference"]).max() < 1e-12


def test_cluster_weights_are_the_cluster_sums(ev, table, factor_rows, paper_model):
    cl = audit.cluster_weights(ev, table)
    assert list(cl.index) == [c.id for c in paper_model.clusters]
    printed = {r["cluster_id"]: r["cluster_weight"] for r in factor_rows}
    assert list(cl["published_text"]) == [printed[c] for c in cl.index]
    assert list(cl["published_text"][:2]) == ["0.243", "0.236"]
    sums = ev.composite.groupby(pd.Series(paper_model.cluster_of)).sum()
    np.testing.assert_allclose(cl["recomputed"], sums.loc[cl.index], rtol=1e-12)
    np.testing.assert_array_equal(cl["difference"], cl["recomputed"] - cl["published"])
    comp_sum = {c: sum(float(r["composite"]) for r in factor_rows if r["cluster_id"] == c) for c in cl.index}
    np.testing.assert_allclose(cl["published_composite_sum"], [comp_sum[c] for c in cl.index])


def test_audit_csv_has_one_row_per_compared_number(ev, table):
    df = pd.read_csv(io.StringIO(audit.audit_csv(ev, table)), dtype={"published_text": str})
    counts = df["section"].value_counts().to_dict()
    assert counts == {
        "criterion_weight": 5,
        "cluster_weight": 6,
        **dict.fromkeys(CRITERIA, 20),
        "composite": 20,
        "rank": 20,
    }
    np.testing.assert_allclose(df["difference"], df["recomputed"] - df["published"], atol=1e-15)
    comp = df[df["section"] == "composite"].set_index("id")
    np.testing.assert_allclose(comp["recomputed"], ev.composite.loc[comp.index], rtol=1e-15)
    assert comp.loc["government_regulation", "published_text"] == "0.141"


def test_an_edited_judgment_shows_up_as_a_difference(paper_model, table):
    comp = next(c for c in paper_model.comparisons if c.criterion == "economic" and c.cluster == "payment")
    edited = paper_model.with_judgment(comp.key, comp.elements[0], comp.elements[1], 9.0)
    cols = audit.criterion_columns(evaluate(edited), table)
    diff = cols.groupby("criterion")["difference_normalised"].apply(lambda s: s.abs().max())
    assert diff["economic"] > 1e-3
    assert diff.drop("economic").max() < 1e-12


def test_published_rows_the_model_does_not_rank_are_left_out(paper_model, table):
    ranked = {"ranked_clusters": ["credit_risk"]}
    m = paper_model.model_copy(update=ranked)
    comp = audit.composite(evaluate(m), table)
    assert list(comp.index) == [n.id for n in paper_model.cluster_by_id["credit_risk"].nodes]


def test_composite_figure_shows_published_and_recomputed_by_published_rank(ev, table, factor_rows):
    comp = audit.composite(ev, table)
    fig = audit.composite_figure(comp)
    pub = next(t for t in fig.data if t.name == "Published (published)")
    same = next(t for t in fig.data if t.name == "Recomputed Σ v·L (anp_core)")
    moved = next(t for t in fig.data if t.name == "Recomputed, rank changes")
    order = comp.sort_values(["published_rank", "recomputed_rank"], kind="stable")
    names = [f.replace("&", "&amp;") for f in order["factor"]]
    assert list(pub.y) == names
    assert list(pub.y)[:2] == ["Government regulation", "Comprehensive service platform"]
    np.testing.assert_array_equal(pub.x, order["published"])
    # a factor that changes rank is a diamond of another colour: shape, not colour alone, says so
    changes = (order["rank_change"].fillna(0) != 0).to_numpy()
    assert list(moved.y) == [n for n, c in zip(names, changes, strict=True) if c]
    assert list(same.y) == [n for n, c in zip(names, changes, strict=True) if not c]
    np.testing.assert_array_equal(moved.x, order["recomputed"][changes])
    np.testing.assert_array_equal(same.x, order["recomputed"][~changes])
    assert (moved.marker.symbol, same.marker.symbol) == ("diamond", "circle")
    assert moved.marker.color != same.marker.color
    (moves,) = [t for t in fig.data if t.name == "rank changes"]
    assert sorted(moves.text) == sorted(
        f"rank {int(p)} → {r}"
        for p, r in zip(comp["published_rank"], comp["recomputed_rank"], strict=True)
        if p != r
    )
    assert "rank 7 → 5" in moves.text


def test_composite_summary_names_the_largest_gap_and_the_rank_changes(ev, table):
    comp = audit.composite(ev, table)
    text = audit.composite_summary(comp)
    printed = comp.dropna(subset=["published"])
    worst = printed.loc[printed["difference"].abs().idxmax()]
    assert text.startswith(
        f"The largest gap between published and recomputed composite weights is {worst['factor']}: "
    )
    moved = int((printed["rank_change"].fillna(0) != 0).sum())
    assert text.endswith(f"; {moved} of {len(printed)} factors change rank.")
    assert "：" in audit.composite_summary(comp, "zh") or "，" in audit.composite_summary(comp, "zh")
