"""Who reaches what: an expert through the token of their link, the facilitator through the panel's secret.

Each lookup runs inside the caller's transaction, so a regenerated link or a
closed panel takes effect at once. Tokens are compared by their hash
(:mod:`panel.tokens`); a refusal is an :class:`~panel.errors.AccessDeniedError`
whose message never contains a token.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel.errors import AccessDeniedError, PanelError
from panel.records import as_utc, utc_now
from panel.schema import Expert, Panel
from panel.tokens import looks_like_token, token_hash

__all__ = ["check_open", "expert_by_token", "expert_in_panel", "panel_by_secret"]


def expert_by_token(s: Session, token: object) -> tuple[Expert, Panel]:
    """Return the expert whose link holds ``token``, and their panel.

    Raises
    ------
    AccessDeniedError
        The token is malformed, unknown or was replaced by a newer one.
    """
    if not looks_like_token(token):
        msg = "This link is not valid. Check that you copied the whole link, or ask the facilitator for a new one."
        raise AccessDeniedError(msg)
    assert isinstance(token, str)
    row = s.execute(
        select(Expert, Panel)
        .join(Panel, Expert.panel_id == Panel.id)
        .where(Expert.token_hash == token_hash("expert", token))
    ).first()
    if row is None:
        msg = "This link is not valid or was replaced by a newer one. Ask the facilitator for your current link."
        raise AccessDeniedError(msg)
    return row[0], row[1]


def panel_by_secret(s: Session, secret: object) -> Panel:
    """Return the panel whose facilitator secret is ``secret``.

    Raises
    ------
    AccessDeniedError
        The secret is malformed or unknown.
    """
    if not looks_like_token(secret):
        msg = "This facilitator link is not valid."
        raise AccessDeniedError(msg)
    assert isinstance(secret, str)
    panel = s.scalars(
        select(Panel).where(Panel.facilitator_hash == token_hash("facilitator", secret))
    ).first()
    if panel is None:
        msg = "This facilitator link is not valid."
        raise AccessDeniedError(msg)
    return panel


def expert_in_panel(s: Session, panel: Panel, expert_id: int, error: type[PanelError] = PanelError) -> Expert:
    """Return expert ``expert_id`` of ``panel``; raise ``error`` when the panel has no such expert."""
    expert = s.get(Expert, expert_id)
    if expert is None or expert.panel_id != panel.id:
        msg = "no such expert in this panel"
        raise error(msg)
    return expert


def check_open(panel: Panel) -> None:
    """Raise AccessDeniedError when the panel is closed or past its deadline (answers are then read-only)."""
    if panel.closed_at is not None:
        msg = "This panel is closed: answers can no longer be changed. The answers you saved were kept."
        raise AccessDeniedError(msg)
    deadline = as_utc(panel.deadline)
    if deadline is not None and utc_now() >= deadline:
        msg = (
            f"This panel's deadline ({deadline:%Y-%m-%d %H:%M} UTC) has passed: answers can no longer be "
            "changed. The answers you saved were kept."
        )
        raise AccessDeniedError(msg)
