from streamlit.testing.v1 import AppTest
from sqlmodel import select

from core import db
from core.brands import InvalidBrief, brief_of, save_plan_settings
from core.models import Brand
from tests.apptest import ROOT, fresh_app


def test_plan_settings_are_validated_and_kept_with_the_brand(engine, demo_brand):
    with db.transaction(engine) as s:
        save_plan_settings(demo_brand, {"intent_preset": "regle_4_1_1", "publishing_days": [0, 2, 4]}, session=s)
    with db.transaction(engine) as s:
        assert brief_of(demo_brand, session=s)["plan"] == {
            "intent_preset": "regle_4_1_1", "tolerance": 10.0, "publishing_days": [0, 2, 4], "keywords": []}
    try:
        with db.transaction(engine) as s:
            save_plan_settings(demo_brand, {"publishing_days": [7]}, session=s)
    except InvalidBrief as exc:
        assert [p.path for p in exc.problems] == ["plan.publishing_days"]
    else:
        raise AssertionError("day 7 was accepted")


def test_the_mix_preset_chosen_on_the_editorial_line_outlives_the_browser_session(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.switch_page("pages/editorial_line.py").run()
    preset = next(w for w in at.selectbox if w.key and w.key.startswith("edl_preset_"))
    preset.set_value("regle_4_1_1").run()
    assert not at.exception
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    again.switch_page("pages/editorial_line.py").run()
    assert next(w for w in again.selectbox if w.key and w.key.startswith("edl_preset_")).value == "regle_4_1_1"
    engine = db.get_engine()
    with db.transaction(engine) as s:
        assert s.exec(select(Brand.plan_settings)).one()["intent_preset"] == "regle_4_1_1"
