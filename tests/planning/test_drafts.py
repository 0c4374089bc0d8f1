"""Drafts: templates in tu / vous, with or without emojis, French typography, no repeats."""

from datetime import date

from core.planning.drafts import DraftWriter, Slot, contract, hashtag, link_wording, render, with_article

SLOT = Slot(day=date(2027, 5, 4), network="instagram", format="conseil", intent="inform",
            objective="conversion", pillar="Conseils de style", keyword="robe en lin",
            persona_interests=["mode éthique"], persona_pains=["tailles qui varient d'une marque à l'autre"])


def writer(**kw):
    return DraftWriter(brand_name="Maison Lila", brand_hashtag="#MaisonLila", **kw)


def test_a_template_takes_the_vous_form_and_french_spacing():
    assert render("{e:💡 }{v:Le saviez-vous|Le savais-tu} ? {topic}, ça s'apprend.", {"topic": "le lin"}) == \
        "💡 Le saviez-vous\u202f? Le lin, ça s’apprend."


def test_a_template_takes_the_tu_form_without_emojis():
    assert render("{e:💡 }{v:Le saviez-vous|Le savais-tu} ? {topic}, ça s'apprend.", {"topic": "le lin"},
                  address="tu", emojis=False) == "Le savais-tu\u202f? Le lin, ça s’apprend."


def test_an_english_template_keeps_english_punctuation():
    assert render("{e:💡 }Did you know? {topic}: easy.", {"topic": "linen"}, lang="en", emojis=False) == \
        "Did you know? Linen: easy."


def test_a_draft_has_hook_body_and_the_objectives_call_to_action():
    draft = writer().write(SLOT, seed=0)
    assert draft.text == (
        "💡 Le saviez-vous\u202f? La robe en lin, ça s’apprend en quelques minutes.\n\n"
        "Notre conseil\u00a0: commencez petit avec la robe en lin, et gardez ce qui vous ressemble.\n\n"
        "🛒 Commandez en ligne ou en boutique.")
    assert draft.hashtags == ["#MaisonLila", "#RobeEnLin", "#ConseilsDeStyle"]
    assert draft.visual_brief == "visuel\u00a0: fiche conseil illustrée\u00a0: «\u00a0robe en lin\u00a0» en 3 étapes numérotées"


def test_a_tutoiement_brand_without_emojis_gets_neither_vous_nor_emojis():
    draft = writer(address="tu", emojis=False).write(SLOT, seed=0)
    assert draft.text == (
        "Le savais-tu\u202f? La robe en lin, ça s’apprend en quelques minutes.\n\n"
        "Notre conseil\u00a0: commence petit avec la robe en lin, et garde ce qui te ressemble.\n\n"
        "Commande en ligne ou en boutique.")


def test_an_english_brand_gets_english_drafts():
    draft = writer(lang="en").write(SLOT, seed=0)
    assert draft.text.splitlines()[0] == "💡 Did you know? Robe en lin can be learnt in a few minutes."
    assert draft.visual_brief == "visual: illustrated tip card: \"robe en lin\" in 3 numbered steps"


def test_twenty_identical_slots_of_one_month_get_twenty_different_texts():
    w = writer()
    texts = [w.write(SLOT, seed=0).text for _ in range(20)]
    assert len(set(texts)) == 20


def test_the_same_slot_may_repeat_a_text_in_another_month():
    w = writer()
    may = w.write(SLOT, seed=0).text
    w.counter = 0
    june = w.write(Slot(**{**SLOT.__dict__, "day": date(2027, 6, 1)}), seed=0).text
    assert may == june


def test_a_draft_avoids_the_brands_words_to_avoid():
    w = writer(words_to_avoid=["commandez"])
    texts = [w.write(SLOT, seed=0).text for _ in range(6)]
    assert not any("ommandez" in t for t in texts)


def test_an_event_slot_opens_with_its_phase():
    slot = Slot(**{**SLOT.__dict__, "event": "Fête des mères", "phase": "teasing", "days_left": 21,
                   "format": "promotion", "intent": "promote"})
    draft = writer().write(slot, seed=0)
    assert draft.text.splitlines()[0] == ("⏳ Fête des mères arrive dans 21 jours\u00a0: on vous prépare "
                                          "quelque chose autour de la robe en lin.")
    assert draft.hashtags[:2] == ["#MaisonLila", "#FêteDesMères"]


def test_a_teaser_on_the_eve_does_not_count_one_day_in_the_plural():
    slot = Slot(**{**SLOT.__dict__, "event": "Fête des mères", "phase": "teasing", "days_left": 1,
                   "format": "promotion", "intent": "promote"})
    w = writer()
    assert {w.write(slot, seed=seed).text.splitlines()[0] for seed in range(6)} == {
        "Chut… Fête des mères approche, et la robe en lin sera de la partie."}


def test_hashtags_keep_accents_and_drop_punctuation():
    assert [hashtag("mode éthique"), hashtag("robe d'été"), hashtag("")] == ["#ModeÉthique", "#RobeDÉté", ""]
    assert hashtag("New Year's resolutions", "en") == "#NewYearsResolutions"


def test_the_interest_line_never_repeats_the_topic():
    slot = Slot(**{**SLOT.__dict__, "keyword": "", "intent": "inspire", "persona_interests": ["mode éthique", "vintage"]})
    w = writer()
    texts = [w.write(slot, seed=0).text for _ in range(10)]
    assert any("Une idée pour celles et ceux qui aiment" in t for t in texts)
    assert not any("aiment mode éthique\u00a0: mode éthique" in t or "aiment vintage\u00a0: vintage" in t for t in texts)


def test_french_topics_get_their_article_only_when_calame_is_sure():
    assert [with_article(t) for t in ("voyages", "mode éthique", "atelier", "robe d'été", "lin lavé",
                                      "hasard", "Maison Lila", "les robes", "vintage")] == [
        "les voyages", "la mode éthique", "l'atelier", "la robe d'été", "le lin lavé",
        "le hasard", "Maison Lila", "les robes", "le vintage"]
    assert with_article("travel", "en") == "travel"


def test_articles_contract_after_de_and_a():
    text = "Tout comprendre de le lin lavé. À les voyages ! Votre expérience de les voyages."
    assert contract(text, "le lin lavé", "les voyages") == (
        "Tout comprendre du lin lavé. Aux voyages ! Votre expérience des voyages.")


def test_the_link_is_in_the_bio_on_instagram_and_below_the_post_on_facebook():
    cta = "Retrouvez la sélection sur notre e-shop, lien en bio."
    assert link_wording(cta, "instagram") == cta
    assert link_wording(cta, "facebook") == "Retrouvez la sélection sur notre e-shop, lien ci-dessous."
    assert link_wording("Découvrez tous les détails en suivant le lien.", "tiktok") == (
        "Découvrez tous les détails grâce au lien en bio.")
    assert link_wording("More on our website, link in bio.", "linkedin", "en") == "More on our website, link below."
