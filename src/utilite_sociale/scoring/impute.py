"""Imputation of missing values: campaign or group mean/median, or the previous period.

Off by default. It runs on raw values (after denomination, before treatment and
normalisation), never overwrites an observed value, and every filled cell is flagged.
COINr's ``i_mean_grp`` is ``moyenne-groupe:COL``: the mean of the indicator's non-missing
values in the unit's group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

    from .campaign import Campaign
    from .options import ImputationOption

__all__ = ["impute"]


def impute(
    raw: NDArray[np.float64],
    campaign: Campaign,
    option: ImputationOption,
    blocks: Sequence[NDArray[np.int64]],
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Fill missing cells; return the filled matrix and the mask of imputed cells.

    Parameters
    ----------
    raw
        Rows × indicators, NaN = missing.
    campaign
        The rows' organisations, periods and groups.
    option
        ``moyenne``/``mediane`` (optionally within a group column) or ``periode-precedente``.
    blocks
        Rows of each period: means and medians are taken within a period.

    Raises
    ------
    UsageError
        The group column does not exist.
    """
    missing = np.isnan(raw)
    out = raw.copy()
    if option.method == "periode-precedente":
        _previous_period(out, campaign)
    else:
        statistic = np.nanmean if option.method == "moyenne" else np.nanmedian
        labels = _group_labels(campaign, option.group)
        for rows in blocks:
            for group in sorted({labels[row] for row in rows}, key=str):
                members = rows[[labels[row] == group for row in rows]] if labels else rows
                if group is None and option.group:
                    continue  # no group: nothing to compare with
                block = out[members]
                empty = np.isnan(block).all(axis=0)
                with np.errstate(all="ignore"):
                    fill = np.full(block.shape[1], np.nan)
                    if (~empty).any():
                        fill[~empty] = statistic(block[:, ~empty], axis=0)
                out[members] = np.where(np.isnan(block), fill[None, :], block)
    return out, missing & ~np.isnan(out)


def _group_labels(campaign: Campaign, column: str | None) -> list[object]:
    if column is None:
        return [None] * len(campaign)
    if column not in campaign.groups.columns:
        known = ", ".join(f"« {name} »" for name in campaign.groups.columns) or "aucune"
        raise UsageError(
            f"--imputation : la colonne de groupe « {column} » n'existe pas (colonnes de "
            f"groupe : {known})."
        )
    return [None if value is None else str(value) for value in campaign.groups[column].tolist()]


def _previous_period(out: NDArray[np.float64], campaign: Campaign) -> None:
    """Fill each organisation's missing values from its latest earlier period that has one."""
    by_key: dict[str, list[int]] = {}
    for row, key in enumerate(campaign.keys):
        by_key.setdefault(key, []).append(row)
    for rows in by_key.values():
        dated = sorted(
            (row for row in rows if campaign.periods[row]), key=lambda r: str(campaign.periods[r])
        )
        for position, row in enumerate(dated):
            for earlier in reversed(dated[:position]):
                gaps = np.isnan(out[row]) & ~np.isnan(out[earlier])
                out[row, gaps] = out[earlier, gaps]
