"""dashboard.metric_row: figures side by side in one wrapping row (not in fixed columns that cut them)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _row() -> None:
    from dashboard.metric_row import Figure, metric_row

    metric_row([("λmax", "4.0000", "Largest eigenvalue"), Figure("CI", "0.0000"), ("CR", "0.0000", None)])


def _bordered() -> None:
    from dashboard.metric_row import metric_row

    metric_row([("Draws", "10,000")], border=True)


def test_figures_sit_in_one_horizontal_container_that_wraps() -> None:
    at = AppTest.from_function(_row).run()
    assert not at.exception
    (row,) = at.main.children.values()
    box = row.proto.flex_container
    assert box.direction == box.Direction.HORIZONTAL
    assert box.wrap  # figures that do not fit go on to a next line instead of being cut
    assert [(m.label, m.value, m.help) for m in at.metric] == [
        ("λmax", "4.0000", "Largest eigenvalue"),
        ("CI", "0.0000", ""),
        ("CR", "0.0000", ""),
    ]
    assert not any(m.proto.show_border for m in at.metric)


def test_border_is_passed_to_every_figure() -> None:
    at = AppTest.from_function(_bordered).run()
    assert not at.exception
    assert [m.proto.show_border for m in at.metric] == [True]


def _cards() -> None:
    from dashboard.metric_row import card_row

    card_row(
        [("**#1** Government regulation", "Its weight"), ("**#2** Comprehensive service platform", None)]
    )


def test_cards_are_bordered_boxes_of_one_width_in_a_wrapping_row() -> None:
    from dashboard.metric_row import CARD_WIDTH

    at = AppTest.from_function(_cards).run()
    assert not at.exception
    (row,) = at.main.children.values()
    assert row.proto.flex_container.direction == row.proto.flex_container.Direction.HORIZONTAL
    assert row.proto.flex_container.wrap
    boxes = list(row.children.values())
    assert [b.proto.flex_container.border for b in boxes] == [True, True]
    assert [b.proto.width_config.pixel_width for b in boxes] == [CARD_WIDTH, CARD_WIDTH]
    assert [m.value for m in at.markdown] == [
        "**#1** Government regulation",
        "**#2** Comprehensive service platform",
    ]
    assert [m.help for m in at.markdown] == ["Its weight", ""]
