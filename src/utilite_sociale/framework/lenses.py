"""The built-in lenses: legal criteria (art. 2, 2014 and 2019) and the Guide's themes."""

from __future__ import annotations

from functools import cache

from .models import Lens, LensGroup

__all__ = ["BUILTIN_LENS_IDS", "LEGAL_LENS_IDS", "builtin_lenses", "legal_lens_id"]

#: Lens id for each version of ESS law art. 2.
LEGAL_LENS_IDS: dict[str, str] = {"2014": "loi-2014", "2019": "loi-2019"}
BUILTIN_LENS_IDS: frozenset[str] = frozenset({*LEGAL_LENS_IDS.values(), "guide"})


def legal_lens_id(version: str) -> str:
    """Return the lens id of a version of art. 2 (``"2019"`` → ``"loi-2019"``)."""
    return LEGAL_LENS_IDS[version]


@cache
def builtin_lenses() -> tuple[Lens, ...]:
    """Return the lenses every référentiel has, built from the legal reference data."""
    from ..reference import article2_versions, guide_themes

    lenses = [
        Lens(
            id=LEGAL_LENS_IDS[version.id],
            label=f"Critères d'utilité sociale, loi ESS art. 2 (version {version.id})",
            kind="autre",
            groups=[
                LensGroup(id=criterion.id, label=criterion.short_label)
                for criterion in version.criteria
            ],
        )
        for version in article2_versions()
    ]
    lenses.append(
        Lens(
            id="guide",
            label="Thèmes du Guide des bonnes pratiques de l'ESS",
            kind="autre",
            groups=[LensGroup(id=theme.id, label=theme.label) for theme in guide_themes()],
        )
    )
    return tuple(lenses)
