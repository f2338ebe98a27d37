"""Heatmaps and the convergence chart of the Supermatrix page, tested directly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from anp_core import evaluate
from anp_core.limit import power_residuals
from dashboard import teaching_figures as tf
from dashboard.text import plot_text


@pytest.fixture(scope="module")
def frames(paper_model):
    return evaluate(paper_model).supermatrices("political")


def test_block_boundaries_of_the_paper_clusters(paper_model):
    assert tf.block_boundaries([len(c.nodes) for c in paper_model.clusters]) == [4, 7, 11, 14, 17]
    assert tf.block_boundaries([5]) == []


@pytest.mark.parametrize("which", ["unweighted", "cluster", "weighted", "limit"])
def test_heatmap_shows_the_matrix_with_its_names(frames, which):
    frame = frames[which]
    fig = tf.supermatrix_heatmap(frame)
    (hm,) = fig.data
    assert hm.type == "heatmap"
    np.testing.assert_array_equal(np.asarray(hm.z), frame.to_numpy())
    assert list(hm.x) == [plot_text(c) for c in frame.columns]  # names, HTML-escaped
    assert list(hm.y) == [plot_text(r) for r in frame.index]
    assert "%{z:.4f}" in hm.hovertemplate  # the exact value on hover
    assert fig.layout.yaxis.autorange == "reversed"  # row 1 at the top, as printed


def test_heatmap_is_tall_enough_for_20_named_rows(frames, paper_model):
    fig = tf.supermatrix_heatmap(frames["weighted"])
    assert fig.layout.height >= 20 * 26
    assert set(fig.data[0].y) == {plot_text(paper_model.label(f)) for f in paper_model.node_ids}
    assert fig.layout.xaxis.tickangle == -50


def test_heatmap_prints_non_zero_values_and_leaves_zeros_blank():
    frame = pd.DataFrame([[0.5, 0.0], [0.5, 1.0]], index=["a", "b"], columns=["a", "b"])
    fig = tf.supermatrix_heatmap(frame, digits=3)
    assert [list(r) for r in fig.data[0].text] == [["0.500", ""], ["0.500", "1.000"]]
    assert fig.data[0].texttemplate == "%{text}"
    quiet = tf.supermatrix_heatmap(frame, show_values=False)
    assert quiet.data[0].text is None


def test_heatmap_draws_a_line_at_each_cluster_boundary(frames):
    fig = tf.supermatrix_heatmap(frames["limit"], boundaries=[4, 7])
    xs = sorted(s.x0 for s in fig.layout.shapes if s.xref == "x")
    ys = sorted(s.y0 for s in fig.layout.shapes if s.yref == "y")
    assert xs == ys == [3.5, 6.5]


def test_convergence_chart_is_log_scale_with_the_raw_residuals():
    W = np.array([[0.5, 0.2], [0.5, 0.8]])
    r = power_residuals(W, 12)
    fig = tf.convergence_figure(r, tol=1e-9)
    line = fig.data[0]
    assert fig.layout.yaxis.type == "log"
    np.testing.assert_array_equal(np.asarray(line.x), np.arange(1, 13))
    np.testing.assert_array_equal(np.asarray(line.customdata), r)
    assert np.all(np.diff(np.asarray(line.y)) < 0)  # a primitive matrix: decaying
    assert len(fig.data) == 1  # no exact zeros to mark
    assert {s.y0 for s in fig.layout.shapes} == {tf.MACHINE_EPSILON, 1e-9}


def test_convergence_chart_marks_exact_zeros_it_cannot_draw_on_a_log_axis():
    fig = tf.convergence_figure([1e-3, 0.0, 0.0])
    shown = np.asarray(fig.data[0].y)
    assert shown[0] == 1e-3
    assert np.all(shown[1:] > 0)
    zeros = fig.data[1]
    assert list(zeros.x) == [2, 3]
    assert "exactly 0" in zeros.name


def test_convergence_of_the_reconstructed_model_is_rounding_noise_from_the_first_power(paper_model):
    """W = p 1^T, so W^2 = W: every difference is at the level of floating-point rounding."""
    net = evaluate(paper_model).networks["policy"]
    r = power_residuals(net.weighted, 30)
    assert r.max() < 10 * tf.MACHINE_EPSILON
    fig = tf.convergence_figure(r)
    assert fig.layout.yaxis.range[0] <= np.log10(max(r.min(), 1e-18))
