"""A draft says what it announces and means what it says (core.scoring.rules.sense).

Examples are written by hand for an invented yoga studio and a cheese shop; none comes from
the review set of tests/data/graded/drafts_review.jsonl, which measures these rules.
"""

from __future__ import annotations

from tests.scoring.helpers import found, run

STUDIO = {"brand": {"name": "Studio Ananda", "brand_hashtag": "#StudioAnanda", "sector": "sport"},
          "tone": {"address": "vous", "emojis": True},
          "message": {"promise": "Un yoga doux pour les corps qui travaillent assis toute la journée",
                      "differentiators": ["des cours limités à huit élèves", "des professeurs kinésithérapeutes"]},
          "offers": [{"name": "cours de yoga prénatal", "kind": "service", "price": "18 €",
                      "description": "une heure de postures adaptées à chaque trimestre de grossesse"},
                     {"name": "atelier respiration", "kind": "service", "price": "25 €",
                      "description": "deux heures pour apprendre trois techniques de respiration"}]}


def sense(text, network="facebook", **kw):
    return found(run(text, network, grammar=False, **kw), "coherence.")


def test_a_link_announced_and_absent_is_flagged_where_links_work_and_not_once_it_is_there():
    assert sense("Les inscriptions pour la rentrée sont ouvertes, lien ci-dessous.", "linkedin") == [
        ("coherence.link_missing", "lien ci-dessous")]
    assert sense("Les inscriptions pour la rentrée sont ouvertes, lien ci-dessous : studio-ananda.fr/rentree",
                 "linkedin") == []
    assert sense("Sign up for the autumn term via the link.", "facebook", lang="en") == [
        ("coherence.link_missing", "via the link")]


def test_link_in_bio_is_flagged_where_a_link_in_the_text_would_be_clickable_but_not_on_instagram():
    assert sense("Réservez votre place pour samedi : lien en bio.", "linkedin") == [
        ("coherence.bio_link_no_bio", "lien en bio")]
    assert sense("Réservez votre place pour samedi : lien en bio.", "instagram") == []


def test_a_call_to_comment_needs_a_question_or_a_prompt_with_its_object():
    assert sense("Notre nouvelle salle ouvre lundi.\nRépondez en commentaire !") == [
        ("coherence.comment_no_question", "Répondez en commentaire !")]
    assert sense("Notre nouvelle salle ouvre lundi. Quelle posture voulez-vous y apprendre ?\n"
                 "Dites-nous tout en commentaire.") == []
    assert sense("Notre nouvelle salle ouvre lundi.\nRacontez-nous en commentaire ce que vous y attendez.") == []


def test_three_calls_to_action_asking_for_different_things_are_one_too_many_and_two_are_fine():
    assert sense("Le cours du jeudi reprend le 4 septembre.\nRéservez votre place.\nAbonnez-vous à la page.\n"
                 "Partagez ce post.") == [("coherence.cta_many", "Abonnez-vous à la page.")]
    assert sense("Le cours du jeudi reprend le 4 septembre.\nRéservez votre place.\nPartagez ce post.") == []


def test_a_noun_made_its_own_complement_is_nonsense_and_caps_the_score_but_an_idiom_is_not():
    r = run("Demandez un essai de l'essai gratuit avant le 30 juin.", "linkedin", grammar=False)
    assert found(r, "coherence.") == [("coherence.self_complement", "un essai de l'essai")]
    assert r.score <= 55
    assert sense("La crème de la crème des fromages affinés, le 12 mai à la boutique.") == []


def test_a_teaser_that_announces_nothing_is_flagged():
    assert sense("La rentrée approche : restez connectés, on vous en dit plus très vite.") == [
        ("coherence.empty_teaser", "restez connectés")]


def test_a_question_with_its_verb_before_a_plural_subject_is_an_agreement_mistake_and_a_plural_verb_is_not():
    assert found(run("À qui s’adresse les cours du soir ?", "facebook", grammar=False), "grammar.") == [
        ("grammar.inverted_agreement", "adresse les cours")]
    assert found(run("À qui s’adressent les cours du soir ? Où sont les vestiaires ?", "facebook", grammar=False),
                 "grammar.") == []


def test_one_offers_fact_glued_to_another_offer_is_a_false_claim_that_caps_the_score():
    r = run("Le cours de yoga prénatal : deux heures pour apprendre trois techniques de l'atelier respiration.",
            "facebook", grammar=False, brand=STUDIO)
    assert found(r, "coherence.") == [("coherence.offer_mixup", "Le cours de yoga prénatal : deux heures pour "
                                       "apprendre trois techniques de l'atelier respiration.")]
    assert r.score <= 55
    assert sense("Le cours de yoga prénatal : une heure de postures adaptées à chaque trimestre, 18 €.",
                 brand=STUDIO) == []


def test_a_brand_strength_given_as_one_offers_own_fact_is_flagged():
    assert sense("Ce qu’on aime dans l’atelier respiration : des professeurs kinésithérapeutes.", brand=STUDIO) == [
        ("coherence.offer_no_detail", ""), ("coherence.brand_fact_glued", "Ce qu’on aime dans l’atelier respiration : des professeurs kinésithérapeutes.")]


def test_an_offer_defined_by_its_own_name_is_flagged():
    assert sense("L’atelier respiration : un atelier de respiration pour débutants, le 3 mars.", brand=STUDIO) == [
        ("coherence.self_definition", "un atelier de respiration pour débutants")]


def test_a_promotion_of_a_priced_offer_without_price_discount_or_date_is_flagged():
    assert sense("Promotion de rentrée sur le cours de yoga prénatal : venez essayer !", brand=STUDIO) == [
        ("coherence.offer_no_detail", ""), ("coherence.promo_no_price", "")]
    assert sense("Promotion de rentrée sur le cours de yoga prénatal : 15 € au lieu de 18 €.", brand=STUDIO) == []


def test_an_offer_named_with_nothing_said_about_it_is_flagged_and_one_word_of_its_description_is_enough():
    assert sense("Vous connaissez l’atelier respiration ? Faites-le connaître autour de vous.", brand=STUDIO) == [
        ("coherence.offer_no_detail", "")]
    assert sense("Vous connaissez l’atelier respiration ? Trois techniques pour mieux dormir.", brand=STUDIO) == []


def test_without_the_brief_the_offer_rules_stay_silent():
    assert sense("Le cours de yoga prénatal : deux heures pour apprendre trois techniques de l'atelier respiration.") \
        == []


def test_a_note_for_the_team_left_in_the_caption_is_flagged():
    assert sense("Notre salle en 20 secondes.\nVoix off : la prof présente le cours du 4 mars.") == [
        ("coherence.production_note", "Voix off")]


def test_asking_for_a_like_for_its_own_sake_is_engagement_bait():
    assert sense("Le cours du jeudi reprend le 4 septembre.\nUn like ou un partage, ça nous aide à grandir.") == [
        ("coherence.engagement_bait", "Un like ou un partage")]


def test_a_gap_left_for_the_writer_makes_the_post_unfinished_and_caps_its_score_at_40():
    text = ("C’est l’heure du conseil du mardi, ce 12 mars\u202f!\n\n"
            "[À compléter : une posture à faire au bureau, pour le 12 mars]\n\n"
            "Réservez votre cours d’essai sur studio-ananda.fr\n#StudioAnanda")
    r = run(text, "facebook", grammar=False)
    assert found(r, "coherence.") == [
        ("coherence.placeholder", "[À compléter : une posture à faire au bureau, pour le 12 mars]")]
    assert r.score == 40
    assert sense("Bonjour {{prénom}}, votre tapis vous attend au studio le 4 mars.") == [
        ("coherence.placeholder", "{{prénom}}")]
    assert sense("New class on 4 March at 6 pm: [TBD] with our physiotherapist.", lang="en") == [
        ("coherence.placeholder", "[TBD]")]


def test_brackets_that_say_something_are_not_a_gap():
    assert sense("Le cours du jeudi [complet] reprend le 4 septembre à 18 h 30.") == []


def test_a_call_to_discover_the_offer_without_naming_it_is_a_call_with_no_object():
    assert sense("Vous cherchez un cours de yoga doux le midi\u202f?\nDécouvrez l’offre sur notre site.") == [
        ("coherence.cta_no_object", "Découvrez l’offre")]
    assert sense("Envie de nous rejoindre\u202f? Toutes les offres sont sur notre site.") == [
        ("coherence.cta_no_object", "Toutes les offres sont")]
    assert sense("Check out the offer in our bio.", lang="en") == [("coherence.cta_no_object", "Check out the offer")]


def test_a_call_that_names_its_offer_is_fine():
    assert sense("Découvrez l’offre Duo à 49\u00a0€ sur notre site.") == []
    assert sense("Découvrez nos offres de stage sur studio-ananda.fr/stages.") == []
