"""Drafts: written from the brief's offer, in correct French, fit for the sector and the day."""

from datetime import date

from core.planning.drafts import DraftWriter, Slot, _plain, event_phase, hashtag, link_wording, render
from core.planning.french import Noun, elide, fill, moment_noun, offer_noun

ROBE = {"name": "robe Lila", "kind": "produit", "gender": "f", "description": "une robe portefeuille en lin lavé",
        "proofs": ["un lin européen certifié"], "price": "129 €", "months": [], "hashtag": "#RobeLila"}
RETOUCHES = {"name": "retouches offertes", "kind": "service", "gender": "f", "number": "p",
             "description": "des ourlets ajustés gratuitement en boutique", "proofs": []}
SLOT = Slot(day=date(2027, 5, 4), network="instagram", format="conseil", intent="inform",
            objective="conversion", pillar="Conseils de style",
            persona_interests=["week-ends à la mer"], persona_pains=["peur de se tromper de taille"])


def writer(**kw):
    kw.setdefault("offers", [ROBE])
    kw.setdefault("sector", "mode")
    return DraftWriter(brand_name="Maison Lila", brand_hashtag="#MaisonLila", **kw)


def slot(**kw):
    return Slot(**{**SLOT.__dict__, **kw})


def test_the_offer_robe_lila_declared_feminine_takes_la_de_la_notre_and_cette():
    robe = offer_noun(ROBE)
    assert [robe.form(f) for f in ("", "de", "a", "notre", "ce", "un")] == [
        "la robe Lila", "de la robe Lila", "à la robe Lila", "notre robe Lila", "cette robe Lila", "une robe Lila"]


def test_a_plural_offer_agrees_its_verb_and_participle():
    text = fill("{topic} {topic~est|sont} {topic~pensé|pensée|pensés|pensées} pour vous.",
                {"topic": offer_noun(RETOUCHES)})
    assert text == "les retouches offertes sont pensées pour vous."


def test_moments_are_named_with_their_article_and_contract_after_de_and_a():
    soldes, meres, noel = moment_noun("soldes_ete", "Soldes d'été"), moment_noun("fete_meres", "x"), moment_noun("noel", "x")
    assert [soldes.form(""), soldes.form("de"), soldes.agree(["arrive", "arrivent"])] == [
        "les soldes d'été", "des soldes d'été", "arrivent"]
    assert [meres.form(""), meres.form("a"), noel.form(""), noel.form("de")] == [
        "la fête des mères", "à la fête des mères", "Noël", "de Noël"]
    assert moment_noun("halloween", "Halloween").form("de") == "d'Halloween"


def test_a_noun_of_unknown_gender_makes_the_template_skip_rather_than_guess():
    assert fill("{topic} est {topic~prêt|prête|prêts|prêtes}.", {"topic": Noun("truc", gender="")}) is None
    assert render("Tout sur {desc}.", {"desc": ""}) is None


def test_elision_follows_the_next_word_but_never_a_hyphenated_pronoun():
    assert elide("de atelier, que il, ne est, de hamac, de yoga, partagez-le autour") == (
        "d'atelier, qu'il, n'est, de hamac, de yoga, partagez-le autour")


def test_a_template_takes_the_vous_form_and_french_spacing():
    assert render("{e:💡 }{v:Le saviez-vous|Le savais-tu} ? {topic}, ça se porte.", {},
                  nouns={"topic": offer_noun(ROBE)}) == "💡 Le saviez-vous\u202f? La robe Lila, ça se porte."


def test_a_template_takes_the_tu_form_without_emojis():
    assert render("{e:💡 }{v:Le saviez-vous|Le savais-tu} ?", {}, address="tu", emojis=False) == "Le savais-tu\u202f?"


def test_a_draft_is_about_the_offer_not_the_personas_hobby():
    w = writer()
    texts = [w.write(slot(intent=intent), seed=0).text for intent in ("inform", "inspire", "promote", "converse")]
    assert all("robe Lila" in text for text in texts)
    assert not any(text.startswith("Les week-ends à la mer") or "sur les week-ends" in text for text in texts)


def test_a_draft_has_hook_body_and_the_retail_call_to_action():
    draft = writer().write(SLOT, seed=0)
    hook, body, cta = draft.text.split("\n\n")
    assert "robe Lila" in hook
    # a tip is the offer's own material, never an empty "Notre conseil : commencez simple"
    assert body in {"À retenir\u00a0: une robe portefeuille en lin lavé.", "Bon à savoir\u00a0: un lin européen certifié."}
    assert cta in {"🛒 Commandez en ligne ou en boutique.", "Retrouvez la sélection sur notre e-shop, lien en bio.",
                   "Disponible dès maintenant, en ligne et en boutique.",
                   "🛍️ Passez nous voir en boutique ou sur le site."}
    assert draft.hashtags[:2] == ["#MaisonLila", "#RobeLila"]


def test_a_tutoiement_brand_without_emojis_gets_neither_vous_nor_emojis():
    w = writer(address="tu", emojis=False)
    texts = [w.write(slot(intent=i), seed=0).text for i in ("inform", "inspire", "promote", "converse", "entertain")]
    assert not any(word in text.lower().split() for text in texts for word in ("vous", "votre", "vos"))
    assert not any(ch in text for text in texts for ch in "💡📌🔎🛒✨")


def test_outside_retail_no_call_to_action_sends_to_a_shop():
    for sector, expected in (("b2b_saas", "démo"), ("restauration", "table"), ("association", "don")):
        w = writer(sector=sector, offers=[{"name": "accompagnement", "kind": "service", "gender": "m",
                                          "description": "un suivi personnalisé chaque semaine"}])
        texts = [w.write(slot(format="image_texte"), seed=0).text for _ in range(12)]
        assert not any(p in text for text in texts for p in ("en boutique", "e-shop", "Commandez"))
        assert any(expected in text for text in texts), sector


def test_a_charity_never_gets_a_giveaway_and_a_brand_without_product_neither():
    assert "jeu_concours" in writer(sector="association", offers=[ROBE]).excluded_formats
    assert "jeu_concours" in writer(offers=[RETOUCHES]).excluded_formats
    assert "jeu_concours" not in writer().excluded_formats


def test_a_brief_without_offer_warns_and_writes_about_the_brand_never_a_hobby_nor_a_pillar_label():
    w = writer(offers=[])
    assert w.warnings("fr")[0].startswith("Le brief ne décrit aucune offre")
    texts = [w.write(slot(intent=i), seed=0).text for i in ("inform", "inspire", "promote", "converse")]
    assert all("Maison Lila" in text for text in texts)
    assert not any("conseils de style" in text.lower() or text.startswith("Les week-ends") for text in texts)


def test_twenty_identical_slots_of_a_quarter_get_twenty_different_texts():
    w = writer(offers=[ROBE, RETOUCHES])
    texts = [w.write(slot(day=date(2027, 4 + i % 3, 1 + i)), seed=0).text for i in range(20)]
    assert len(set(texts)) == 20


def test_a_draft_avoids_the_brands_words_and_claims_to_avoid():
    w = writer(words_to_avoid=["commandez"], message={"claims_to_avoid": ["boutique"]})
    texts = [w.write(SLOT, seed=0).text for _ in range(6)]
    assert not any("ommandez" in t or "boutique" in t for t in texts)


def test_words_to_avoid_keep_oe_when_matched():
    assert _plain("Coup de cœur, Ægée") == "coup de coeur, aegee"


def test_the_wording_follows_the_date_of_the_post_not_where_the_planner_meant_it():
    start, end = date(2027, 6, 23), date(2027, 7, 20)
    phase = lambda day: event_phase(Slot(day=day, network="instagram", format="promotion", intent="promote",  # noqa: E731
                                         event="Soldes d'été", event_tag="soldes_ete", phase="launch",
                                         event_start=start, event_end=end))
    assert [phase(date(2027, 6, 9)), phase(date(2027, 6, 22)), phase(start), phase(date(2027, 6, 29)),
            phase(end), phase(date(2027, 7, 21))] == ["teasing", "eve", "launch", "during", "last_call", "thanks"]


def test_six_days_into_the_summer_sales_a_post_says_they_are_under_way_never_today():
    s = slot(day=date(2027, 6, 29), event="Soldes d'été", event_tag="soldes_ete", phase="launch", format="promotion",
             intent="promote", event_start=date(2027, 6, 23), event_end=date(2027, 7, 20))
    w = writer()
    hooks = {w.write(s, seed=k).text.split("\n\n")[0] for k in range(8)}
    assert not any("aujourd’hui" in h.lower() or "c’est parti" in h.lower() for h in hooks)
    assert any(h.startswith("📣 Les soldes d’été continuent chez Maison Lila") for h in hooks)
    assert "#soldes" in w.write(s, seed=0).hashtags


def test_the_last_day_of_the_sales_is_a_last_call():
    s = slot(day=date(2027, 7, 20), event="Soldes d'été", event_tag="soldes_ete", phase="last_call",
             format="promotion", intent="promote", event_start=date(2027, 6, 23), event_end=date(2027, 7, 20))
    hook = writer().write(s, seed=0).text.split("\n\n")[0]
    assert hook in {"📣 Dernier jour des soldes d’été\u00a0: c’est aujourd’hui ou jamais pour la robe Lila.",
                    "Dernière ligne droite\u00a0: les soldes d’été se terminent ce soir.",
                    "⏳ Ce soir, on dit au revoir aux soldes d’été\u00a0: la robe Lila vous attend encore quelques heures."}


def test_an_awareness_campaign_is_relayed_never_used_to_sell():
    s = slot(day=date(2027, 10, 1), event="Octobre rose", event_tag="octobre_rose", phase="launch",
             format="evenement", event_start=date(2027, 10, 1), event_end=date(2027, 10, 31))
    text = writer().write(s, seed=0).text
    assert "robe Lila" not in text and "boutique" not in text
    assert "Octobre rose" in text.split("\n\n")[0]


def test_hashtags_are_never_a_pillar_name_nor_a_non_word():
    w = writer(message={"hashtags": ["#lin", "#SlowFashion"]})
    tags = [tag for _ in range(4) for tag in w.write(SLOT, seed=0).hashtags]
    assert set(tags) == {"#MaisonLila", "#RobeLila", "#lin", "#SlowFashion"}
    assert [hashtag("mode éthique"), hashtag("soldes d'été"), hashtag("")] == ["#ModeÉthique", "", ""]


def test_the_link_is_in_the_bio_on_instagram_and_below_the_post_on_facebook():
    cta = "Retrouvez la sélection sur notre e-shop, lien en bio."
    assert link_wording(cta, "instagram") == cta
    assert link_wording(cta, "facebook") == "Retrouvez la sélection sur notre e-shop, lien ci-dessous."
    assert link_wording("More on our website, link in bio.", "linkedin", "en") == "More on our website, link below."


def test_an_english_brand_gets_english_drafts_about_its_offer():
    w = writer(lang="en", sector="ecommerce", offers=[{"name": "oak serving board", "kind": "produit",
                                                       "description": "a board carved from one piece of oak",
                                                       "proofs": ["made in Devon"]}])
    texts = [w.write(slot(intent=i), seed=0).text for i in ("inform", "promote", "converse")]
    assert all("our oak serving board" in text.lower() for text in texts)
    assert all(text.split("\n\n")[-1] in {"🛒 Order online or in store.", "Find the selection in our online shop, link in bio.",
                                            "🛍️ Treat yourself to our oak serving board: online or in store, link in bio.",
                                            "🛒 Our oak serving board is in our online shop, link in bio."} for text in texts)
