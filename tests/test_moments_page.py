"""AppTest of the year's moments on the Editorial line screen: a CM ticks and unticks them."""


from sqlmodel import select

from core import db
from core.models import Brand
from tests.apptest import fresh_app, stored


def moments_table(at):
    return next(e for e in at.data_editor if e.key.startswith("edl_moments_"))


def test_the_editorial_line_lists_the_years_moments_and_saves_a_skip_and_a_follow(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.switch_page("pages/editorial_line.py").run()
    assert not at.exception
    table = moments_table(at).value
    rows = {r["key"]: r for _, r in table.iterrows()}
    # Maison Lila is a fashion brand in Lyon: Black Friday is planned, Hanukkah (hanoucca) is not
    assert (rows["black_friday"]["Suivi"], rows["black_friday"]["Type"], rows["black_friday"]["Préparation"]) == (
        True, "Commercial", "3 semaines")
    assert (rows["hanoucca"]["Suivi"], rows["hanoucca"]["Temps fort"]) == (False, "Hanoucca")
    assert list(table.index) == list(range(len(table)))  # sorted by date, one row a moment
    position = {key: i for i, key in enumerate(table["key"])}
    at.session_state[moments_table(at).key] = {
        "edited_rows": {position["black_friday"]: {"Suivi": False}, position["hanoucca"]: {"Suivi": True}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert [s.value for s in at.success][-1] == "Choix enregistré pour 2 temps forts ; il vaut pour les prochains plans."
    (brand,) = stored(select(Brand))
    assert (brand.moment_settings["follow"], brand.moment_settings["skip"]) == (["hanoucca"], ["black_friday"])
