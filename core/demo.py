"""The demo brand shipped in data/demo/, loaded on first start."""

from __future__ import annotations

from core import brief as brief_mod
from core import db
from core.brands import save_brief
from core.crisis.file import ensure_demo_file
from core.refdata import DATA

DEMO_BRIEF = DATA / "demo" / "brief.toml"


def load_demo(engine=None) -> str:
    """Create (or refresh) the demo brand; returns its name."""
    data = brief_mod.loads(brief_mod.read_text(DEMO_BRIEF))
    with db.transaction(engine) as session:
        brand = save_brief(data, session=session)
        ensure_demo_file(brand.id, session=session)  # its crisis file, prepared in calm times
        return brand.name


def ensure_demo(engine=None) -> bool:
    """Load the demo brand when the database holds no brand. True when it loaded it."""
    db.upgrade(engine)
    if db.is_empty(engine):
        load_demo(engine)
        return True
    return False
