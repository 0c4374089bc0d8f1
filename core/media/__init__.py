"""Media planning: which posts to sponsor, for whom, where, for how much (docs/media.md)."""
