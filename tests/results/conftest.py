"""The results screen's tests: the demo brand with one Instagram post published on 9 March 2027,
the post the exports in tests/data/results and mapping_files/ measure."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core import db
from core.posts import create_post
from tests.apptest import demo_database, open_app

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The results screen open on that brand, and the engine of its database."""
    from pages import frame

    engine = demo_database(monkeypatch, tmp_path)
    with db.transaction(engine) as s:
        create_post(1, session=s, network="instagram", publish_at=datetime(2027, 3, 9, 19, 0, tzinfo=PARIS),
                    text="Coulisses de l'atelier : trois semaines pour coudre une robe, on vous montre tout 🧵 "
                         "#faitmain #couture")
    yield open_app("pages/results.py"), engine
    frame.get_engine.clear()
    engine.dispose()
