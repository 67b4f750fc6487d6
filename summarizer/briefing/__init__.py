"""Briefing digests: merging what many articles say about one incident (merge), its
wording (prose) and rendering (render)."""
