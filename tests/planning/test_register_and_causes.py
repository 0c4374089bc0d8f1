"""A formal brand's drafts leave out familiar lines; awareness posts say what the campaign asks;
a brand named by a place noun keeps its article (docs/drafts.md, "Fourth independent review")."""

import re
from datetime import date, timedelta

from core.planning.drafts import DraftWriter, Slot

AUDIT = {"name": "audit de sécurité", "kind": "service", "gender": "m",
         "description": "un état des lieux de votre système d'information en dix jours",
         "proofs": ["un rapport lisible par la direction", "des recommandations classées par urgence"]}
FAMILIAR = re.compile(r"\b(?:on aime|on adore|aurait aimé savoir|on vous lit|dites-nous tout|petit détail)\b|🙃|🤓", re.I)


def texts(writer, fmt, days=90, **kw):
    start = date(2027, 3, 1)
    return [writer.write(Slot(day=start + timedelta(days=i), network="linkedin", format=fmt, intent="inform",
                              objective="notoriete", **kw), seed=i).text for i in range(days)]


def test_a_formal_consultancy_never_writes_on_aime_nor_on_vous_lit_but_a_neutral_one_may():
    formal = DraftWriter(brand_name="Veille Cyber", offers=[AUDIT], sector="b2b_saas", register="soutenu")
    neutral = DraftWriter(brand_name="Veille Cyber", offers=[AUDIT], sector="b2b_saas")
    written = [t for fmt in ("image_texte", "carrousel", "question") for t in texts(formal, fmt)]
    assert not [t for t in written if FAMILIAR.search(t)]
    assert [t for fmt in ("image_texte", "carrousel", "question") for t in texts(neutral, fmt) if FAMILIAR.search(t)]


def test_octobre_rose_says_what_the_campaign_asks_and_sells_nothing():
    w = DraftWriter(brand_name="Atelier Brun", offers=[AUDIT], sector="beaute")
    slot = Slot(day=date(2027, 10, 1), network="instagram", format="image_texte", intent="inform",
                objective="notoriete", event="Octobre rose", event_tag="octobre_rose",
                event_start=date(2027, 10, 1), event_end=date(2027, 10, 31))
    found = {w.write(slot, seed=s).text.split("\n")[0] for s in range(12)}
    assert any("le mois de la sensibilisation au dépistage du cancer du sein" in line for line in found)
    assert not [line for line in found if "audit" in line]


def test_world_theatre_day_is_a_theatre_festivals_own_moment_with_its_article():
    festival = {"name": "pass festival", "kind": "produit", "gender": "m",
                "description": "douze jours de spectacles pour 60 €"}
    w = DraftWriter(brand_name="Festival Scènes de Meuse", offers=[festival], sector="culture")
    slot = Slot(day=date(2027, 3, 27), network="instagram", format="image_texte", intent="inform",
                objective="notoriete", event="Journée mondiale du théâtre", event_tag="journee_theatre",
                event_start=date(2027, 3, 27), event_end=date(2027, 3, 27))
    lines = [w.write(slot, seed=s).text for s in range(12)]
    assert not [t for t in lines if "relaie la campagne" in t]
    assert not [t for t in lines if re.search(r"(chez|dans|sur) Festival", t)]


def _year_keys(brief: dict) -> set[str]:
    from core.planning import moment_prefs

    return {m.key for m in moment_prefs.year_moments(brief["brand"]["country"], 2027, brief)}


def test_an_animal_shelter_relays_the_animal_days_not_the_homeless_day():
    shelter = {"brand": {"name": "Refuge du Sud", "sector": "association", "country": "LU",
                         "sector_other": "refuge pour chiens et chats abandonnés à Esch-sur-Alzette"},
               "message": {"promise": "Chaque chien et chaque chat du refuge trouve une famille"}}
    keys = _year_keys(shelter)
    assert {"journee_chats", "journee_animaux"} <= keys
    assert not keys & {"journee_sans_abri", "journee_refus_misere", "journee_justice_sociale"}


def test_a_driving_school_whose_tip_speaks_of_animals_on_the_road_gets_no_cat_day():
    school = {"brand": {"name": "Auto-école Garonne", "sector": "autre", "country": "FR",
                        "sector_other": "auto-école à Toulouse : permis B, conduite accompagnée"},
              "rubrics": [{"name": "le panneau du lundi", "weekday": 0, "networks": ["instagram"],
                           "items": ["Le triangle avec des vaches : passage d'animaux domestiques"]}]}
    assert not _year_keys(school) & {"journee_chats", "journee_animaux"}
