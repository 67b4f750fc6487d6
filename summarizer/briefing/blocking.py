"""Blocking, as record-linkage tools do it: which incidents are compared at all.

A link needs an identity (``merge.compare``): the same patrol number, or the same place, that is
coordinates at most ``NEAR_KM`` apart or, where either lacks coordinates, names whose rapidfuzz
ratio reaches ``PLACE_RATIO``. So an incident is compared only with those sharing one of three
blocking keys, and no pair the all-pairs comparison would link is missed:

- ``patrol``: the patrol number;
- ``place``: the normalised place name, joined to every name within the ratio (the distinct names
  are few, so their similarity is computed once over the names, not over the incidents);
- ``cell``: a cube of ``NEAR_KM`` in Earth-centred coordinates, joined to its 26 neighbours (two
  points at most ``NEAR_KM`` apart are never more than one cube apart on any axis).

The same keys are the store's ``blocks`` table, where the join is SQL (``summarizer.store``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz, process

from ..schema import PatrolIncident

PLACE_RATIO = 85  # rapidfuzz ratio of normalised names at or above which places are the same
NEAR_KM = 15.0  # coordinates at most this far apart are the same place

Key = tuple[str, str]  # (kind, value)


def norm_place(name: str) -> str:
    """A place name without accents, apostrophes, case and filler words ('the', 'town', 'al')."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’`]", "", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    return " ".join(w for w in words if w not in {"the", "town", "village", "city", "of", "al"})


def cell(lat: float, lon: float) -> tuple[int, int, int]:
    """The ``NEAR_KM`` cube holding a point, in Earth-centred coordinates (km)."""
    p, q = math.radians(lat), math.radians(lon)
    x, y, z = math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p)
    return tuple(math.floor(6371.0 * v / NEAR_KM) for v in (x, y, z))  # type: ignore[return-value]


def keys(inc: PatrolIncident) -> list[Key]:
    """The blocking keys of one incident (its own cell; neighbours are joined by the caller)."""
    out: list[Key] = []
    if inc.patrol_number is not None:
        out.append(("patrol", str(inc.patrol_number)))
    if inc.location.place:
        out.append(("place", norm_place(inc.location.place)))
    lat, lon = inc.location.latitude, inc.location.longitude
    if lat is not None and lon is not None:
        out.append(("cell", ",".join(map(str, cell(lat, lon)))))
    return out


def similar_names(names: Iterable[str]) -> dict[str, list[str]]:
    """Each distinct normalised name with every name (itself included) at or above the ratio."""
    distinct = sorted(set(names))
    out: dict[str, list[str]] = {n: [n] for n in distinct}
    if len(distinct) < 2:
        return out
    scores = process.cdist(distinct, distinct, scorer=fuzz.ratio, score_cutoff=PLACE_RATIO - 0.5)
    for i, j in zip(*scores.nonzero(), strict=True):
        if i != j:
            out[distinct[i]].append(distinct[j])
    return out


def neighbours(key: str) -> Iterator[str]:
    x, y, z = (int(v) for v in key.split(","))
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for dz in (-1, 0, 1):
                yield f"{x + dx},{y + dy},{z + dz}"


def candidate_pairs(items: list[PatrolIncident]) -> set[tuple[int, int]]:
    """(i, j), i < j, of the items that share a blocking key: the only pairs compared."""
    buckets: dict[Key, list[int]] = defaultdict(list)
    for i, inc in enumerate(items):
        for k in keys(inc):
            buckets[k].append(i)
    joined: dict[Key, list[Key]] = {}
    for name, alike in similar_names(v for kind, v in buckets if kind == "place").items():
        joined[("place", name)] = [("place", n) for n in alike]
    for kind, value in list(buckets):
        if kind == "patrol":
            joined[(kind, value)] = [(kind, value)]
        elif kind == "cell":
            joined[(kind, value)] = [(kind, n) for n in neighbours(value)]
    pairs: set[tuple[int, int]] = set()
    for key, left in buckets.items():
        for other in joined[key]:
            for i in left:
                pairs.update((i, j) for j in buckets.get(other, ()) if i < j)
    return pairs
