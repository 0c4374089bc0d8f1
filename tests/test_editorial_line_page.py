from sqlmodel import select

from core.models import Pillar
from tests.apptest import by_label, fresh_app, stored


def pillar_table(at):
    return next(e for e in at.data_editor if e.key.startswith("edlx_pillars_"))


def test_a_pillars_colour_is_picked_saved_and_shown_again_after_a_reload(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.switch_page("pages/editorial_line.py").run()
    at.button(key="edlbtn_propose").click().run()
    at.button(key="edlbtn_save_pillars").click().run()
    assert [p.label for p in at.color_picker] == [
        "Couleur de «\u00a0Conseils de style\u00a0»", "Couleur de «\u00a0Univers de marque\u00a0»",
        "Couleur de «\u00a0Produits et offres\u00a0»", "Couleur de «\u00a0Clients fidèles\u00a0»"]

    by_label(at.color_picker, "Couleur de «\u00a0Univers de marque\u00a0»").pick("#2a9d8f").run()
    at.button(key="edlbtn_save_pillars").click().run()
    assert not at.exception
    assert [(p.name, p.colour) for p in stored(select(Pillar))] == [
        ("Conseils de style", "#4C78A8"), ("Univers de marque", "#2A9D8F"),
        ("Produits et offres", "#54A24B"), ("Clients fidèles", "#E45756")]

    again = fresh_app(monkeypatch, tmp_path).run()
    again.switch_page("pages/editorial_line.py").run()
    assert [p.value for p in again.color_picker] == ["#4C78A8", "#2A9D8F", "#54A24B", "#E45756"]


def test_the_pillar_table_shows_no_colour_code_as_text(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.switch_page("pages/editorial_line.py").run()
    at.button(key="edlbtn_propose").click().run()
    table = pillar_table(at).value
    assert list(table.columns) == ["name", "description", "target_share", "objectives", "personas"]
    assert not any(str(v).startswith("#") for row in table.itertuples(index=False) for v in row)


def test_the_colour_pickers_are_labelled_in_english_too(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.sidebar.radio[0].set_value("en").run()
    at.switch_page("pages/editorial_line.py").run()
    at.button(key="edlbtn_propose").click().run()
    assert not at.exception
    assert [(p.label, p.value) for p in at.color_picker] == [
        ("Colour of “Style tips”", "#4C78A8"), ("Colour of “Brand world”", "#F58518"),
        ("Colour of “Products and offers”", "#54A24B"), ("Colour of “Loyal customers”", "#E45756")]
