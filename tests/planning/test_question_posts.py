"""A question post about an offer says what the offer is, so the reader can answer; no post says
its description twice, even cut after its head noun."""

from datetime import date

from core.planning.drafts import DraftWriter, Slot, _repeats

ESSAI = {"name": "journée d'essai", "kind": "service", "gender": "f",
         "description": "une journée gratuite pour découvrir l'espace et rencontrer la communauté",
         "proofs": ["sans engagement", "déjeuner communautaire le jeudi"], "link": "https://laruche-flagey.be/essai"}
TABLE = "une table en chêne massif, dessinée et fabriquée à Nantes"


def test_every_question_about_the_trial_day_carries_a_line_on_what_it_is():
    writer = DraftWriter(brand_name="La Ruche Flagey", sector="b2b", address="vous", offers=[ESSAI])
    for day in range(1, 29, 3):
        slot = Slot(day=date(2027, 2, day), network="instagram", format="question", intent="converse",
                    objective="engagement", pillar="Vie de la Ruche")
        paragraphs = writer.write(slot, seed=day).text.split("\n\n")
        assert paragraphs[0].endswith("?")
        assert any("rencontrer la communauté" in p or "sans engagement" in p or "déjeuner communautaire" in p
                   for p in paragraphs[1:-1]), paragraphs


def test_a_hook_with_the_description_cut_after_its_head_and_a_body_with_all_of_it_repeat():
    text = ("📣 On vous présente la table sur mesure\u202f: en chêne massif, dessinée et fabriquée à Nantes.\n\n"
            "La table sur mesure, c’est une table en chêne massif, dessinée et fabriquée à Nantes.")
    assert _repeats(text, {"desc": TABLE, "proofs": []})
    assert not _repeats(text.split("\n\n")[0], {"desc": TABLE, "proofs": []})
