"""Drafts never announce what they do not contain, write the brief's words in correct French,
ask only for what the brand has, and never invent a deadline (docs/drafts.md, "Honest drafts")."""

import re
from datetime import date, time, timedelta

from core.planning.drafts import DraftWriter, Slot, _day, event_phase, link_wording
from core.planning.french import offer_noun

HERVE = {"name": "Herve affiné 100 jours", "kind": "produit", "article": "le",
         "description": "un fromage à croûte lavée affiné dans notre cave",
         "proofs": ["lait cru d'une ferme du pays de Herve", "composé le jour de l'envoi"], "price": "9,80 €"}
STAGE = {"name": "stage Pilates et respiration", "kind": "service",
         "description": "deux heures pour apprendre à respirer pendant l'effort",
         "proofs": ["des professeures diplômées", "six personnes au plus"], "price": "80 CHF"}
BILAN = {"name": "mission de tenue comptable", "kind": "service", "gender": "f",
         "description": "la saisie, le bilan et la liasse fiscale", "proofs": ["un rendez-vous sous 48 heures"]}
MONDAY = date(2027, 3, 1)


def writer(offers, sector="alimentation", **kw):
    return DraftWriter(brand_name="Fromagerie Dufour", offers=offers, sector=sector, **kw)


def year(w, fmt, network="instagram", objective="conversion", intent="inform", days=120, **kw):
    """A draft every day for ``days`` days, all of one format."""
    return [w.write(Slot(day=MONDAY + timedelta(days=i), network=network, format=fmt, intent=intent,
                         objective=objective, **kw), seed=i).text for i in range(days)]


def test_a_behind_the_scenes_post_never_presents_a_team_the_brief_does_not_name():
    texts = year(writer([HERVE, STAGE]), "coulisses")
    assert not [t for t in texts if "la présente" in t or "il y a une équipe" in t]


def test_a_testimonial_post_asks_for_testimonials_instead_of_thanking_for_invented_ones():
    texts = year(writer([HERVE]), "temoignage")
    assert not [t for t in texts if "Merci pour tous" in t]
    assert all("avec l’accord de leurs auteurs" in t for t in texts)


def test_a_live_is_announced_with_its_date_and_time_from_the_slot():
    w = writer([HERVE])
    text = w.write(Slot(day=date(2027, 3, 11), network="facebook", format="live", intent="inform",
                        objective="engagement", time=time(18, 30)), seed=0).text
    assert "le jeudi 11 mars à 18\u00a0h\u00a030" in text


def test_a_live_without_an_hour_is_never_announced():
    texts = year(writer([HERVE]), "live", days=20)
    assert not [t for t in texts if "live" in t.lower() or "direct" in t]


def test_a_tip_post_gives_the_offers_own_material_not_an_empty_tip():
    texts = year(writer([HERVE], sector="mode"), "conseil", days=40)
    assert not [t for t in texts if "commencez simple" in t or "Le conseil du jour" in t or "ça se voit" in t]
    assert all("un fromage à croûte lavée affiné dans notre cave" in t or "lait cru d’une ferme" in t
               or "composé le jour de l’envoi" in t for t in texts)


def test_a_rubric_post_names_the_rubric_and_leaves_its_content_marked_for_the_team():
    """The week's content of a rubric is the team's: the draft never fills it with an offer."""
    rubric = {"name": "l'échéance de la semaine", "weekday": 0, "networks": ["linkedin"],
              "description": "la date fiscale ou sociale à ne pas manquer et ce qu'elle demande"}
    w = DraftWriter(brand_name="Arvor Expertise", offers=[BILAN], sector="comptabilite", rubrics=[rubric])
    drafts = [w.write(Slot(day=MONDAY + timedelta(weeks=i), network="linkedin", format="image_texte",
                           intent="inform", objective="notoriete"), seed=i) for i in range(12)]
    days = [f"{(MONDAY + timedelta(weeks=i)).day}{'er' if i == 0 else ''} mars" for i in range(5)] + \
        [f"{(MONDAY + timedelta(weeks=i)).day}{'er' if (MONDAY + timedelta(weeks=i)).day == 1 else ''} "
         f"{'avril' if (MONDAY + timedelta(weeks=i)).month == 4 else 'mai'}" for i in range(5, 12)]
    assert [d.text.split("\n\n")[1] for d in drafts] == [
        f"[À compléter\u00a0: la date fiscale ou sociale à ne pas manquer et ce qu’elle demande — le sujet du {day}, "
        "en une ou deux phrases]" for day in days]
    assert all("échéance de la semaine" in d.text.split("\n\n")[0].lower() for d in drafts)
    assert not [d for d in drafts if "bilan" in d.text.lower()]
    assert {d.note for d in drafts} == {
        "Rubrique «\u00a0l’échéance de la semaine\u00a0»\u00a0: le brief ne donne pas de sujet pour cet épisode. "
        "Écrivez-le (la date fiscale ou sociale à ne pas manquer et ce qu’elle demande) à la place de "
        "«\u00a0[À compléter\u00a0: …]\u00a0» avant l’envoi au client, ou ajoutez les prochains sujets de la rubrique "
        "au brief (Stratégie › Rubriques, un sujet par ligne) et refaites le plan."}


def test_a_proof_point_is_never_pasted_after_pour_or_cest():
    texts = [t for fmt in ("image_texte", "live", "carrousel", "reel") for t in year(writer([HERVE, STAGE]), fmt, days=40)]
    assert not [t for t in texts if "Pour composé" in t or "c’est lait cru" in t or "c’est des professeures" in t
                or "ça se voit" in t or "nous fait sourire" in t]


def test_a_tip_cards_visual_does_not_announce_steps_the_caption_does_not_give():
    w = writer([HERVE])
    draft = w.write(Slot(day=MONDAY, network="instagram", format="conseil", intent="inform", objective="conversion"))
    assert "étapes" not in draft.visual_brief
    assert draft.visual_brief == (
        "visuel\u00a0: fiche conseil illustrée, format 4:5 (1080×1350)\u00a0: le conseil du texte en une phrase, "
        "illustré par le Herve affiné 100\u00a0jours en situation, photographié en lumière naturelle")


def test_the_first_of_the_month_is_written_1er():
    assert [_day(date(2027, 2, 1), "d MMMM", "fr"), _day(date(2027, 2, 1), "EEEE d MMMM", "fr"),
            _day(date(2027, 2, 11), "d MMMM", "fr"), _day(date(2027, 2, 1), "d MMMM", "en")] == [
        "1er février", "lundi 1er février", "11 février", "1 February"]


def test_an_offer_declared_with_le_before_an_h_keeps_its_article_and_the_briefs_place_name():
    herve = offer_noun(HERVE)
    assert [herve.form(""), herve.form("de"), herve.form("a")] == [
        "le Herve affiné 100 jours", "du Herve affiné 100 jours", "au Herve affiné 100 jours"]
    texts = year(writer([HERVE]), "image_texte", days=60)
    assert not [t for t in texts if "l’Herve" in t or "d’Herve" in t]
    assert any("pays de Herve" in t for t in texts)


def test_a_brand_without_a_newsletter_channel_is_never_asked_to_sign_up_to_one():
    w = writer([STAGE], sector="sport", address="tu", channels=["instagram", "facebook"])
    texts = year(w, "image_texte", objective="fidelisation", days=60)
    assert not [t for t in texts if "newsletter" in t or "e-mail" in t]
    assert any("Abonne-toi à notre compte pour ne rien manquer." in t or "Active les notifications" in t
               for t in texts)
    # with a letter, the brand's own posts invite to it; a post about an offer asks for the offer
    letter = writer([STAGE], sector="sport", channels=["instagram", "newsletter"])
    with_letter = year(letter, "image_texte", objective="fidelisation", days=60)
    assert not [t for t in with_letter if "stage" in t.lower() and "newsletter" in t]
    assert any("newsletter" in t for t in year(writer([], sector="sport", channels=["instagram", "newsletter"]),
                                              "image_texte", objective="fidelisation", days=30))


def test_a_network_with_clickable_links_never_sends_readers_to_a_bio():
    assert link_wording("Recevez nos nouvelles par e-mail : inscription en bio.", "facebook") == (
        "Recevez nos nouvelles par e-mail : inscription par le lien ci-dessous.")
    assert link_wording("Tirage le 3 mai ; règlement complet en bio.", "pinterest") == (
        "Tirage le 3 mai ; règlement complet en lien.")


def test_a_service_brand_never_begs_for_likes():
    texts = year(writer([STAGE, BILAN], sector="sport"), "image_texte", objective="notoriete", days=80)
    assert not [t for t in texts if "ça nous aide à grandir" in t]


def test_ends_tonight_is_said_only_on_the_last_day_of_a_sale_that_really_ends():
    def on_last_day(tag, label):
        return Slot(day=date(2027, 11, 13), network="instagram", format="evenement", intent="promote",
                    objective="conversion", event=label, event_tag=tag, phase="last_call",
                    event_start=date(2027, 9, 15), event_end=date(2027, 11, 13))
    assert [event_phase(on_last_day("collection_hiver", "Collection d'automne-hiver")),
            event_phase(on_last_day("soldes_hiver", "Soldes d'hiver")),
            event_phase(Slot(day=date(2027, 11, 13), network="instagram", format="evenement", intent="promote",
                             event="Fin de collection", phase="last_call"))] == ["during", "last_call", "during"]
    w = writer([HERVE])
    text = w.write(on_last_day("collection_hiver", "Collection d'automne-hiver"), seed=0).text
    assert "ce soir" not in text.lower() and "quelques heures" not in text
    sale = w.write(on_last_day("soldes_hiver", "Soldes d'hiver"), seed=0).text
    assert "quelques heures" not in sale and "soldes d’hiver" in sale


def test_a_local_service_that_is_not_a_craft_is_not_shown_as_an_artisans_hands_and_tools():
    w = DraftWriter(brand_name="Arvor Expertise", offers=[BILAN], sector="autre")
    draft = w.write(Slot(day=MONDAY, network="linkedin", format="image_texte", intent="inform", objective="notoriete"))
    assert "artisan" not in draft.visual_brief
    assert "la mission de tenue comptable sur le vif\u00a0: le geste du métier, la personne de l’équipe qui s’en charge" in draft.visual_brief


def test_a_personas_hobby_is_never_pasted_onto_a_service_and_nobody_looks_for_a_description():
    w = DraftWriter(brand_name="Arvor Expertise", offers=[BILAN], sector="autre")
    texts = [w.write(Slot(day=MONDAY + timedelta(days=i), network="linkedin", format="image_texte", intent=intent,
                          objective="notoriete", persona_interests=["le bois", "la randonnée"]), seed=i).text
             for i, intent in enumerate(["inform", "inspire", "promote", "converse", "entertain"] * 8)]
    assert not [t for t in texts if "qui aiment le bois" in t or "qui aiment la randonnée" in t
                or "qui cherchent la saisie" in t]


def test_a_teaser_that_says_note_the_date_gives_the_date():
    w = writer([HERVE])
    texts = [w.write(Slot(day=date(2027, 6, 13) - timedelta(days=d), network="facebook", format="image_texte",
                          intent="promote", objective="conversion", event="Fête des pères", event_tag="fete_peres_be",
                          phase="teasing", event_start=date(2027, 6, 13), event_end=date(2027, 6, 13)), seed=d).text
             for d in range(1, 30)]
    dated = [t for t in texts if "notez la date" in t or "J-1 avant" in t]
    assert dated and all("le dimanche 13 juin" in t for t in dated)


def test_a_rubric_without_networks_runs_on_the_brands_first_social_network_only():
    from core.planning.drafts import rubric_networks

    rubric = {"name": "le conseil du mardi", "weekday": 1, "description": "un geste d'entretien"}
    assert rubric_networks(rubric, ["newsletter", "instagram", "facebook"]) == ["instagram"]
    assert rubric_networks({**rubric, "networks": ["facebook", "tiktok"]}, ["instagram", "facebook"]) == ["facebook"]
    w = DraftWriter(brand_name="Atelier Brun", offers=[BILAN], sector="artisanat", rubrics=[rubric],
                    channels=["instagram", "facebook"])
    tuesday = MONDAY + timedelta(days=1)
    texts = {n: w.write(Slot(day=tuesday, network=n, format="image_texte", intent="inform",
                             objective="notoriete"), seed=1).text for n in ("instagram", "facebook")}
    assert "conseil du mardi" in texts["instagram"].lower() and "conseil du mardi" not in texts["facebook"].lower()


def test_out_of_season_the_brand_speaks_of_itself_not_of_a_closed_offer():
    club = {"name": "club enfants", "kind": "service", "gender": "m", "months": [7, 8],
            "description": "des activités encadrées pour les 4-12 ans, tout l'été"}
    w = DraftWriter(brand_name="Camping Les Gorges", offers=[club], sector="tourisme", channels=["instagram"])
    october = [w.write(Slot(day=date(2027, 10, 4) + timedelta(days=i), network="instagram", format="image_texte",
                            intent="inform", objective="notoriete"), seed=i).text for i in range(10)]
    july = [w.write(Slot(day=date(2027, 7, 5) + timedelta(days=i), network="instagram", format="image_texte",
                         intent="inform", objective="notoriete"), seed=i).text for i in range(10)]
    assert not [t for t in october if "club enfants" in t]
    assert all("club enfants" in t for t in july)


def test_an_offer_whose_description_says_its_whole_name_again_is_not_defined_by_itself():
    adoption = {"name": "adoption", "kind": "programme", "gender": "f",
                "description": "l'adoption d'un chien ou d'un chat, après une rencontre au refuge"}
    w = DraftWriter(brand_name="Refuge des Combes", offers=[adoption], sector="association", channels=["facebook"])
    texts = year(w, "image_texte", network="facebook", objective="notoriete", days=40)
    assert not [t for t in texts if re.search(r"(?i)l’adoption\W+l’adoption", t)]
