"""Built-in Likert answer scales (values 1…n, 1 = least favourable)."""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["BUILTIN_SCALES"]

#: Scale id → (French name, labels in order from value 1 to n).
BUILTIN_SCALES: MappingProxyType[str, tuple[str, tuple[str, ...]]] = MappingProxyType(
    {
        "accord-5": (
            "Accord (5 niveaux)",
            (
                "Pas du tout d'accord",
                "Plutôt pas d'accord",
                "Ni d'accord ni pas d'accord",
                "Plutôt d'accord",
                "Tout à fait d'accord",
            ),
        ),
        "accord-4": (
            "Accord (4 niveaux)",
            (
                "Pas du tout d'accord",
                "Plutôt pas d'accord",
                "Plutôt d'accord",
                "Tout à fait d'accord",
            ),
        ),
        "satisfaction-4": (
            "Satisfaction (4 niveaux)",
            ("Pas du tout satisfait", "Peu satisfait", "Satisfait", "Très satisfait"),
        ),
        "frequence-5": (
            "Fréquence (5 niveaux)",
            ("Jamais", "Rarement", "Parfois", "Souvent", "Toujours"),
        ),
        "maturite-4": (
            "Maturité d'une démarche (4 niveaux)",
            (
                "Pas encore engagée",
                "Démarche amorcée",
                "Démarche en place",
                "Démarche aboutie et évaluée",
            ),
        ),
        "importance-4": (
            "Importance (4 niveaux)",
            ("Pas importante", "Peu importante", "Importante", "Très importante"),
        ),
    }
)
