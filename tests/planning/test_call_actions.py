"""A call asks what its post's subject allows: no ticket booking under the volunteers' post, no
job application under a heat pump (data/templates/call_actions.toml, docs/drafts.md)."""

import re
from datetime import date, timedelta

from core.planning.drafts import DraftWriter, Slot, call_action

PASS = {"name": "pass festival", "kind": "produit", "gender": "m", "price": "60 €",
        "description": "douze jours de spectacles dans neuf lieux de Liège"}
BENEVOLAT = {"name": "bénévolat", "kind": "cause", "gender": "m",
             "description": "l'équipe de 120 bénévoles qui accueille le public et guide les artistes",
             "proofs": ["une formation d'accueil en avril", "un pass offert après trois soirées"]}
PAC = {"name": "pompe à chaleur air-eau", "kind": "service", "gender": "f", "price": "9 900 €",
       "description": "la pose d'une pompe à chaleur pour remplacer une chaudière fioul ou gaz"}


def test_a_call_is_read_by_what_it_asks():
    assert [call_action(c) for c in ("Réservez vos places, lien en bio.", "Envoyez-nous votre candidature.",
                                     "Faites un don en ligne.", "Partagez ce post autour de vous.",
                                     "Book your table online.")] == [
        "reservation", "candidature", "don", None, "reservation"]


def drafts(offers, sector, objective, days=80):
    w = DraftWriter(brand_name="Festival Scènes de Meuse", offers=offers, sector=sector)
    start = date(2027, 2, 1)
    out = []
    for i in range(days):
        d = w.write(Slot(day=start + timedelta(days=i), network="facebook", format="image_texte",
                         intent="inform", objective=objective), seed=i)
        out.append(((w._offer_now or {}).get("name", ""), d.text))
    return out


def test_the_volunteers_post_of_a_festival_never_sells_tickets():
    posts = drafts([PASS, BENEVOLAT], "culture", "conversion")
    volunteers = [t for name, t in posts if name == "bénévolat"]
    assert volunteers and not [t for t in volunteers if re.search(r"(?i)réserv|billet|vos places", t)]
    assert [t for name, t in posts if name == "pass festival" and re.search(r"(?i)réserv|billet|places", t)]


def test_a_plumbers_job_post_speaks_of_the_employer_not_of_a_heat_pump():
    w = DraftWriter(brand_name="Garonne Thermique", offers=[PAC], sector="autre", sector_other="artisan plombier-chauffagiste",
                    message={"promise": "un plombier qui arrive à l'heure et annonce le prix avant"})
    start = date(2027, 3, 1)
    texts = [w.write(Slot(day=start + timedelta(days=i), network="linkedin", format="image_texte",
                          intent="inform", objective="recrutement"), seed=i).text for i in range(30)]
    assert not [t for t in texts if "pompe à chaleur" in t]
    assert [t for t in texts if re.search(r"candidature|nous rejoindre|recrute", t)]


BLANCHIMENT = {"name": "blanchiment dentaire", "kind": "service", "gender": "m", "price": "à partir de 450 $",
               "action": "rendez_vous", "description": "un blanchiment professionnel en deux séances au fauteuil",
               "link": "https://cliniquesaintdenis.ca/blanchiment"}


def test_a_clinic_whose_brief_asks_for_an_appointment_is_never_told_to_write_in_and_a_story_is_never_saved():
    w = DraftWriter(brand_name="Clinique Saint-Denis", offers=[BLANCHIMENT], sector="autre",
                    sector_other="clinique dentaire", channels=["instagram", "newsletter"])
    start = date(2027, 3, 1)
    posts = [w.write(Slot(day=start + timedelta(days=i), network="instagram", format=fmt, intent="inform",
                          objective=objective), seed=i).text
             for i in range(40) for fmt, objective in (("image_texte", "conversion"), ("story", "fidelisation"))]
    assert not [t for t in posts if re.search(r"(?i)écrivez-nous|newsletter", t)]
    stories = posts[1::2]
    assert not [t for t in stories if re.search(r"(?i)ce post|sous le coude|enregistrez|en commentaire", t)]
