"""An opening only joins a proof point to a claim it supports, and a post only announces what
it gives (docs/drafts.md, "Hooks that keep their word"): proof points have a kind, declared or
inferred (core/planning/proofs.py)."""

import re
from datetime import date, timedelta

import pytest

from core.brief import validate
from core.planning.drafts import DraftWriter, Slot
from core.planning.proofs import kind_of

MONDAY = date(2027, 3, 1)
# a gîte's proof points of every kind, none of them from the review briefs
GITE = {"name": "gîte du Moulin", "kind": "produit", "gender": "m", "number": "s",
        "description": "un gîte de quatre chambres dans un ancien moulin à eau",
        "proofs": ["réservable en ligne jusqu'à la veille", "une meule d'origine restaurée par un artisan du village",
                   "un jardin qui descend jusqu'à la rivière"]}
CLAIMS = re.compile(r"c’est pour ça qu’on aime|Ce qu’on aime dans|Ce qui nous rend fiers|Pourquoi choisir|"
                    r"Le secret|Le saviez-vous|aurait aimé savoir|voilà le gîte|ce qui change tout|"
                    r"Ce qui fait la différence|vous apporte|qu’on adore|nous plaît|raison simple")


@pytest.mark.parametrize("proof, kind", [
    ("réservable en ligne jusqu'à la veille", "service"),
    ("expédié sous 24 h", "service"),
    ("ouvert de 8 h à 19 h", "service"),
    ("un premier cours offert", "service"),
    ("tissé à la main dans les Vosges", "making"),
    ("récoltés le matin de la livraison", "making"),
    ("une crème qui nourrit sans graisser", "benefit"),
    ("2 000 repas servis chaque hiver", "figure"),
    ("deux poignées en cuir", "feature"),
])
def test_a_proof_point_gets_its_kind_from_its_words_and_its_head(proof, kind):
    assert kind_of(proof) == kind


def _openings(offer, intents=("inspire", "promote", "inform", "entertain"), days=60):
    w = DraftWriter(brand_name="Les Gîtes de Lise", offers=[offer], sector="tourisme")
    out = []
    for i in range(days):
        text = w.write(Slot(day=MONDAY + timedelta(days=i), network="instagram", format="image_texte",
                            intent=intents[i % len(intents)], objective="conversion"), seed=i).text
        out.append(text.split("\n\n")[0])
    return out


def test_a_booking_fact_is_never_given_as_a_reason_to_love_or_a_secret():
    hooks = [h for h in _openings(GITE) if "réservable" in h]
    assert hooks  # the fact is still said, where it is practical information
    assert not [h for h in hooks if CLAIMS.search(h)]
    assert {h for h in hooks if "pratique" in h or "sans complication" in h}


def test_a_benefit_or_a_making_is_still_given_as_a_reason():
    hooks = _openings(GITE)
    assert [h for h in hooks if CLAIMS.search(h) and ("rivière" in h or "meule" in h)]


def test_a_declared_kind_wins_over_the_inferred_one():
    # a second proof for the body: with one proof, a hook that says it leaves no body that does not say it again
    declared = {**GITE, "proofs": ["réservable en ligne jusqu'à la veille", "un jardin qui descend jusqu'à la rivière"],
                "proof_kinds": ["benefit", "benefit"]}
    assert [h for h in _openings(declared) if CLAIMS.search(h) and "réservable" in h]


def test_a_tip_post_gives_a_practical_fact_or_a_proof_never_a_description_called_practice():
    w = DraftWriter(brand_name="Les Gîtes de Lise", offers=[GITE], sector="tourisme")
    bodies = {w.write(Slot(day=MONDAY + timedelta(days=i), network="facebook", format="conseil", intent="inform",
                           objective="conversion"), seed=i).text.split("\n\n")[1] for i in range(30)}
    assert "En pratique\u00a0: réservable en ligne jusqu’à la veille." in bodies
    assert not [b for b in bodies if b.startswith("En pratique") and "ancien moulin" in b]


def test_a_proof_kind_outside_the_list_is_refused_with_the_valid_values():
    brief = {"brand": {"name": "Les Gîtes de Lise"}, "offers": [{**GITE, "proof_kinds": ["", "joli"]}]}
    problems = [p for p in validate(brief) if "proof_kinds" in p.path]
    assert [p.path for p in problems] == ["offers[1].proof_kinds[1]"]
