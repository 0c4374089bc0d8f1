"""A draft keeps the brief's own words as their author wrote them (an aspirated h stays unelided,
a subject typed as a sentence reads after a colon), and a soap is bought, never booked."""

import re
from datetime import date, timedelta

from core.planning.drafts import DraftWriter, Slot, offer_actions
from core.planning.rubrics import subject_of

SURGRAS = {"name": "savon surgras au lait de chèvre", "kind": "produit", "gender": "m", "price": "9 €",
           "description": "un savon très doux pour le visage et le corps, surgras à 8 %",
           "proofs": ["un lait frais d'une chèvrerie du Pays de Herve", "un porte-savon en bois de hêtre offert"],
           "link": "https://savonneriemosane.be/surgras"}


def _posts(writer, n=30, **slot):
    start = date(2027, 3, 1)
    base = dict(network="instagram", format="image_texte", intent="inform", objective="conversion")
    return [writer.write(Slot(day=start + timedelta(days=i), **{**base, **slot}), seed=i).text for i in range(n)]


def test_the_brief_writes_pays_de_herve_and_bois_de_hetre_so_no_draft_elides_them():
    texts = _posts(DraftWriter(brand_name="Savonnerie Mosane", sector="beaute", address="vous", offers=[SURGRAS]))
    assert [t for t in texts if "Pays de Herve" in t or "bois de hêtre" in t]
    assert not [t for t in texts if re.search(r"d['’](?:Herve|hêtre)", t)]


def test_a_soap_of_a_beauty_brand_is_ordered_never_booked_nor_given_an_appointment():
    assert offer_actions(SURGRAS, "beauty") == frozenset({"achat"})
    texts = _posts(DraftWriter(brand_name="Savonnerie Mosane", sector="beaute", address="vous", offers=[SURGRAS]))
    assert not [t for t in texts if re.search(r"(?i)rendez-vous|réserv|créneau", t)]


def test_a_festival_pass_is_still_booked_as_a_seat():
    assert offer_actions({"name": "pass festival", "kind": "produit", "price": "60 €"}, "culture") == \
        frozenset({"achat", "reservation"})


def test_a_subject_typed_as_a_sentence_is_named_in_lower_case_after_the_colon():
    assert subject_of("Le savon Ardennes : charbon végétal et huile de chanvre").head == "le savon Ardennes"
    assert subject_of("L’huile de chanvre : pour les peaux mixtes").head == "l’huile de chanvre"
    assert subject_of("Marie, notre savonnière").head == "Marie, notre savonnière"
