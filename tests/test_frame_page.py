"""The frame every screen shares: an unexpected error shows a reference, never a traceback."""

import logging
import re
import tomllib

from tests.apptest import fresh_app
from tests.conftest import ROOT

LEAK = ("(sqlite3.OperationalError) no such column: brand.secret [SQL: SELECT * FROM brand WHERE "
        "name = 'Maison Lila'] (/srv/calame/core/brands.py)")


class Kept(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_an_unexpected_error_shows_a_reference_and_logs_the_traceback(monkeypatch, tmp_path):
    from core import brands

    at = fresh_app(monkeypatch, tmp_path).run()

    def broken(*_args, **_kwargs):
        raise RuntimeError(LEAK)

    monkeypatch.setattr(brands, "brief_of", broken)
    log, kept = logging.getLogger("calame"), Kept()
    log.addHandler(kept)
    try:
        at.run()
    finally:
        log.removeHandler(kept)
    assert not at.exception
    [message] = [e.value for e in at.error]
    reference = re.search(r"la référence ([0-9A-F]{8}) ", message)[1]
    assert message == (
        "Une erreur inattendue a interrompu cet écran. Ce qui était déjà enregistré l'est toujours et vos saisies "
        f"restent dans les champs\u202f; réessayez. Si l'erreur revient, donnez la référence {reference} à la "
        "personne qui administre Calame\u00a0: le détail est dans le journal du serveur.")
    assert at.sidebar.selectbox[0].format_func(at.sidebar.selectbox[0].value) == "Maison Lila"  # the frame stands
    [record] = kept.records
    assert (record.getMessage(), record.exc_info[0], str(record.exc_info[1])) == (
        f"unexpected error, reference {reference}", RuntimeError, LEAK)


def test_streamlit_shows_visitors_no_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"  # Streamlit 1.67: full, stacktrace, type or none
