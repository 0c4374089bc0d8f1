"""Multi-part texts scored as what they are: newsletter, blog introduction, pin, reply."""

from __future__ import annotations

from tests.scoring.helpers import found, run

REPLY = ("En réponse à : 1 h 20 d’attente pour une pizza froide, c’est n’importe quoi !!!\n\n"
         "Bonjour Julien, vous avez raison d’être en colère : 1 h 20, ce n’est pas le service que nous vous "
         "devons. Je vous écris en message privé pour vous rembourser.\nLina, gérante")


def test_a_reply_is_scored_without_the_customers_comment_and_without_asking_for_hashtags_or_a_cta():
    r = run(REPLY, "facebook")
    assert r.stats["text_kind"] == "reply"
    assert "cta" not in r.subscores and "hook" not in r.subscores
    assert found(r, "typo.repeated_punct") == [] and found(r, "coherence.") == []
    start = REPLY.index("Bonjour")
    assert all(s["start"] >= start for s in r.suggestions if s["end"])


def test_a_reply_that_blames_the_customer_is_capped():
    text = "En réponse à : Pizza froide.\n\nTous nos autres clients étaient contents 🤷"
    r = run(text, "facebook")
    assert [c for c, _ in found(r, "coherence.")] == ["coherence.reply_blame", "coherence.reply_blame",
                                                      "coherence.reply_generic", "coherence.reply_no_empathy"]
    assert found(r, "coherence.reply_blame")[0][1] == "Tous nos autres clients"
    assert r.score <= 35


def test_a_newsletters_subject_and_preheader_are_measured_against_their_own_limits():
    text = ("Objet : Votre pull en laine retouché gratuitement jusqu’au 20 décembre dans nos quatre ateliers\n"
            "Pré-en-tête : Manches, ourlet, boutons.\n\nBonjour Claire, déposez votre pull en boutique.")
    r = run(text, "newsletter")
    assert [c for c, _ in found(r, "length.")] == ["length.subject_too_long", "length.preheader_length"]
    assert [s["message"] for s in r.suggestions if s["code"] == "length.subject_too_long"] == [
        "Objet trop long (87 caractères) : visez 60 au plus pour qu'il ne soit pas coupé."]


def test_a_blog_introduction_is_judged_on_its_title_and_meta_not_as_a_short_article():
    text = ("Titre SEO : Frais de notaire : combien pour un achat à Lyon en 2026 ?\n"
            "Méta-description : Exemple chiffré pour un appartement de 280 000 € à Lyon.\n"
            "Requête cible : frais de notaire\n\n"
            "Pour un appartement ancien de 280 000 € à Lyon, comptez environ 21 500 € de frais de notaire.")
    r = run(text, "blog", format="article_intro", keywords=["frais de notaire"])
    codes = [c for c, _ in found(r)]
    assert "length.too_short_article" not in codes and "seo.density_low" not in codes
    assert found(r, "seo.meta_length") == [("seo.meta_length", "Exemple chiffré pour un appartement de 280 000 € "
                                                                "à Lyon.")]


def test_a_pins_title_line_is_its_title_and_its_hook():
    text = "Titre : Décoration salon scandinave : 7 idées pour un petit espace\n\nBois clair et lin lavé."
    r = run(text, "pinterest", keywords=["décoration salon scandinave"])
    assert found(r, "keywords.") == [] and found(r, "length.title") == []
    assert found(r, "hook.") == []


def test_a_preheader_that_repeats_the_subject_or_says_view_in_browser_is_wasted():
    head = "Objet : Newsletter de décembre\nPré-en-tête : "
    body = "\n\nBonjour Claire, nos ateliers retouchent vos pulls jusqu’au 20 décembre."
    for preheader in ("Si ce message ne s’affiche pas correctement, cliquez ici", "Newsletter de décembre"):
        r = run(head + preheader + body, "newsletter")
        assert found(r, "length.preheader_wasted") == [("length.preheader_wasted", preheader)]
    r = run(head + "Manches, ourlet, boutons : nos ateliers s’en occupent en 48 h." + body, "newsletter")
    assert found(r, "length.preheader_wasted") == []


def test_a_pin_without_its_keyword_in_the_title_is_told_so():
    r = run("Titre : Atelier Lin & Chêne, nouveautés\n\nNos idées de décoration salon scandinave.", "pinterest",
            keywords=["décoration salon scandinave"])
    assert found(r, "keywords.") == [("keywords.title_missing", "Atelier Lin & Chêne, nouveautés")]
