"""A brand's public voice (core.scoring.rules.voice) and the sense of a draft against its
brief's offers (core.scoring.rules.sense: the act a call asks for, the promise of a first
line, the proof of a claim). Examples are written by hand for invented brands (a yoga
studio, a plumber, a tea room); none comes from a graded set.
"""

from __future__ import annotations

from tests.scoring.helpers import found, run
from tests.scoring.test_sense import STUDIO

TEA_ROOM = {"brand": {"name": "Salon Camélia", "sector": "restaurant"}, "tone": {"address": "vous", "emojis": True},
            "offers": [{"name": "goûter du dimanche", "kind": "service", "price": "16 €",
                        "description": "un thé au choix, deux pâtisseries et des scones servis de 15 h à 18 h",
                        "proofs": ["des thés en vrac de la maison Dammann", "une tisane offerte aux enfants"]},
                       {"name": "coffret de thés", "kind": "produit", "price": "32 €",
                        "description": "quatre thés en vrac de saison dans une boîte en fer",
                        "proofs": ["des thés cueillis au printemps"]}]}


def codes(text, network="facebook", prefix="", **kw):
    return found(run(text, network, grammar=False, **kw), prefix)


def test_slang_and_a_negation_without_ne_are_a_familiar_register_but_a_correct_negation_is_not():
    assert codes("Bah c'est pas notre faute si le samedi c'est complet, on va pas refuser du monde.",
                 prefix="tone.register") == [("tone.register", "Bah")]
    assert codes("On a dépassé les 500 inscrits lol, merci à vous !", prefix="tone.register") == [
        ("tone.register", "lol")]
    assert codes("Ce n'est pas un cours pour les experts : si vous avez plus de 60 ans, venez essayer.",
                 prefix="tone.register") == []


def test_running_down_competitors_is_flagged_as_denigration():
    assert codes("Les autres plombiers vous arnaquent, pas nous : devis en 24 h au 04 76 00 00 00.",
                 prefix="coherence.denigration") == [("coherence.denigration", "vous arnaquent")]


def test_the_same_two_words_said_again_and_again_are_stuffing_even_without_a_target_keyword():
    text = ("Plombier Grenoble disponible. Votre plombier Grenoble intervient vite : un plombier Grenoble "
            "pour vos fuites, le plombier Grenoble de confiance.")
    assert codes(text, prefix="keywords") == [("keywords.repeated_phrase", "Plombier Grenoble")]
    assert codes("Notre plombier intervient à Grenoble en 2 heures, devis gratuit au 04 76 00 00 00.",
                 prefix="keywords") == []


def test_a_subject_that_only_says_newsletter_and_an_opening_that_announces_the_sender_are_flagged():
    mail = ("Objet : Newsletter de mars\nPré-en-tête : Trois nouveaux cours et un atelier le 12 mars.\n\n"
            "Bonjour Léa,\n\nTrois cours ouvrent en mars, le mardi et le jeudi à 12 h 30.")
    assert codes(mail, "newsletter", prefix="hook.generic") == [("hook.generic_subject", "Newsletter de mars")]
    assert codes("Le Studio Ananda vous informe que les cours reprennent le 4 septembre.",
                 prefix="hook.announcement") == [("hook.announcement", "vous informe")]


def test_a_call_whose_act_does_not_fit_the_offer_is_flagged_from_the_briefs_kinds_and_prices():
    assert codes("Le cours de yoga prénatal a lieu le jeudi à 18 h. Demandez un devis pour le cours de yoga prénatal.",
                 prefix="coherence.cta_offer", brand=STUDIO) == [("coherence.cta_offer_misfit", "Demandez un devis")]
    assert codes("Le goûter du dimanche revient : achetez le goûter du dimanche en boutique.",
                 prefix="coherence.cta_offer", brand=TEA_ROOM) == [("coherence.cta_offer_misfit", "achetez")]
    assert codes("Le coffret de thés est arrivé : achetez le coffret de thés en boutique, 32 €.",
                 prefix="coherence.cta_offer", brand=TEA_ROOM) == []


def test_a_first_line_promising_a_tip_filled_with_an_offer_and_a_body_without_advice_is_flagged():
    text = "Le conseil du mardi : le coffret de thés.\n\nQuatre thés de saison, 32 €.\n\n#SalonCamelia"
    assert codes(text, prefix="coherence.promise", brand=TEA_ROOM) == [
        ("coherence.promise_unkept", "conseil du mardi : le coffret de thés.")]
    kept = ("Le conseil du mardi : le coffret de thés.\n\nConservez les thés à l'abri de la lumière, "
            "jamais près du café. Coffret de quatre thés, 32 €.")
    assert codes(kept, prefix="coherence.promise", brand=TEA_ROOM) == []


def test_a_claim_joined_to_a_freebie_or_to_the_offer_itself_is_a_proof_that_does_not_support_it():
    assert codes("Ce qui nous rend fiers : une tisane offerte aux enfants le dimanche.",
                 prefix="coherence.proof", brand=TEA_ROOM) == [
        ("coherence.proof_mismatch", "Ce qui nous rend fiers : une tisane offerte aux enfants le dimanche.")]
    assert codes("Des thés en vrac de la maison Dammann : voilà le goûter du dimanche.",
                 prefix="coherence.proof", brand=TEA_ROOM) == [
        ("coherence.proof_mismatch", "Des thés en vrac de la maison Dammann : voilà le goûter du dimanche.")]
    assert codes("Ce qui nous rend fiers : 2 000 goûters servis depuis l'ouverture, et des scones cuits sur place.",
                 prefix="coherence.proof", brand=TEA_ROOM) == []


def test_a_call_in_its_own_sentence_is_judged_against_the_offer_the_first_line_names():
    assert codes("Le coffret de thés est arrivé, quatre thés de saison.\n\nEnvoyez-nous votre candidature.",
                 prefix="coherence.cta_offer", brand=TEA_ROOM) == [
        ("coherence.cta_offer_misfit", "Envoyez-nous votre candidature")]
    assert codes("Le coffret de thés est arrivé, quatre thés de saison.\n\nRetrouvez-le en boutique.",
                 prefix="coherence.cta_offer", brand=TEA_ROOM) == []
    assert codes("Salon Camélia recrute un pâtissier pour la rentrée.\n\nEnvoyez-nous votre candidature.",
                 prefix="coherence.cta_offer", brand=TEA_ROOM) == []
