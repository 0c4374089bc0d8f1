"""Response templates in the brand's voice: tu or vous by its brief, its name as signature,
French without a grammar or spelling finding (Grammalecte), scored by Calame's own scorer;
a field nobody filled is a clear refusal, never a hole in a published answer."""

from __future__ import annotations

import os
import shutil

import pytest

from core.crisis.moderation import grid
from core.crisis.playbook import CrisisError, checkpoints, gravity_grid, strategies
from core.crisis.templates import data_breach_checklist, fields, names, render_template
from core.language import grammar
from core.models import Brand
from core.scoring import score

LILA_TU = Brand(name="Maison Lila", address="tu")
LILA_VOUS = Brand(name="Maison Lila", address="vous")
# A real situation for each field: Maison Lila's defective dress, then its customer-file leak.
FR = {
    "subject": "le retard des commandes passées la semaine dernière",
    "deadline": "avant ce soir",
    "action": "nous remboursons les frais de livraison de chaque commande concernée",
    "claim": "nos robes seraient fabriquées hors d'Europe",
    "fact": "Toutes nos robes sont cousues dans notre atelier de Roubaix.",
    "product": "la robe Ondine en lin lavé",
    "issue": "un bouton peut se détacher et présenter un risque pour les jeunes enfants",
    "instruction": "ne plus la porter et de nous la renvoyer : elle sera remboursée",
    "contact": "bonjour@maisonlila.fr",
    "incident": "un accès non autorisé à notre fichier de clients a eu lieu le 8 mars",
    "data": "les noms, les adresses électroniques et les numéros de téléphone",
    "measures": "nous avons fermé cet accès et changé tous nos mots de passe",
    "summary": "Toutes les commandes en retard ont été livrées.",
}
EN = {
    "subject": "the late delivery of last week's orders", "deadline": "before tonight",
    "action": "we are refunding the delivery costs of every order concerned",
    "claim": "our dresses are said to be made outside Europe",
    "fact": "All our dresses are sewn in our workshop in Roubaix.",
    "product": "the washed-linen Ondine dress",
    "issue": "a button may come off and put young children at risk",
    "instruction": "stop wearing it and send it back to us for a full refund",
    "contact": "hello@maisonlila.com",
    "incident": "someone gained unauthorised access to our customer file on 8 March",
    "data": "names, email addresses and phone numbers",
    "measures": "we closed that access and changed all our passwords",
    "summary": "Every late order has now been delivered.",
}
BRAND_WORDS = ["Lila", "Ondine", "Roubaix"]
needs_grammalecte = pytest.mark.skipif(
    shutil.which(grammar.EXECUTABLE) is None and os.environ.get("CI") != "true",
    reason="grammalecte-server is not installed (Debian package grammalecte-cli; make test installs it)")


def test_a_brand_that_says_tu_gets_its_holding_message_in_tu_signed_with_its_name():
    assert render_template("holding", LILA_TU, "fr", FR) == (
        "Nous avons bien vu tes messages au sujet du retard des commandes passées la semaine dernière et nous te "
        "remercions de nous les avoir signalés. Nous vérifions les faits en ce moment même et nous reviendrons vers "
        "toi ici avant ce soir.\n\nL’équipe Maison Lila")


def test_a_brand_that_says_vous_asks_for_a_private_message_in_vous_with_french_spacing():
    assert render_template("private_messages", LILA_VOUS, "fr") == (
        "Merci pour votre message. Pour régler cela au plus vite sans exposer vos informations personnelles, "
        "pouvez-vous nous écrire en message privé\u202f? Nous vous répondrons dans la journée.\n\nL’équipe Maison Lila")


def test_the_english_apology_has_no_tu_or_vous_and_no_space_before_its_colon():
    assert render_template("apology", LILA_TU, "en", EN) == (
        "We apologise for the late delivery of last week’s orders. It is our mistake and we take full "
        "responsibility for it. Starting today, we are refunding the delivery costs of every order concerned. "
        "If this concerns you, send us a private message: we will answer you personally.\n\nThe Maison Lila team")


@needs_grammalecte
def test_every_french_template_in_tu_and_in_vous_has_no_grammar_spelling_or_typography_finding():
    rendered = {(name, brand.address): render_template(name, brand, "fr", FR)
                for brand in (LILA_VOUS, LILA_TU) for name in names()}
    checks = grammar.check_many(list(rendered.values()), known_words=BRAND_WORDS)
    assert all(check.checked for check in checks)
    findings = {key: [(text[i.start:i.end], i.kind, i.message) for i in check.issues]
                for (key, text), check in zip(rendered.items(), checks)}
    assert {key: found for key, found in findings.items() if found} == {}
    assert len(findings) == 14


@needs_grammalecte
def test_the_playbooks_french_texts_have_no_grammar_spelling_or_typography_finding():
    texts = ([c.label["fr"] for c in checkpoints()] + [g["fr"] for g in gravity_grid().values()]
             + [s["fr"] for s in strategies().values()] + [a.when["fr"] for a in grid()]
             + [a.do["fr"] for a in grid()] + [s.label["fr"] for s in data_breach_checklist()])
    checks = grammar.check_many(texts, known_words=["PHAROS", "CNIL", "DPO"])
    assert all(check.checked for check in checks) and len(texts) == 25
    assert {text: [(text[i.start:i.end], i.kind) for i in check.issues]
            for text, check in zip(texts, checks) if check.issues} == {}


def test_every_rendering_scores_at_least_70_on_facebook_without_an_error_or_a_typography_finding():
    rendered = [(name, lang, brand.address, render_template(name, brand, lang, values))
                for lang, values in (("fr", FR), ("en", EN)) for brand in (LILA_VOUS, LILA_TU) for name in names()]
    results = {(name, lang, address): score(text, "facebook", lang=lang) for name, lang, address, text in rendered}
    weak = {key: (r.score, [s["code"] for s in r.suggestions if s["severity"] == "error" or s["code"].startswith("typo.")])
            for key, r in results.items()}
    assert {key: found for key, found in weak.items() if found[0] < 70 or found[1]} == {}


def test_a_field_nobody_gave_is_refused_with_its_name_and_what_was_given():
    with pytest.raises(CrisisError) as caught:
        render_template("recall_outage", LILA_VOUS, "fr", {"product": "la robe Ondine", "issue": "  "})
    assert (caught.value.key, caught.value.params) == ("crisis.template_missing", {
        "name": "recall_outage", "missing": "{issue}, {instruction}, {contact}", "given": "{brand}, {product}"})
    assert caught.value.message("fr") == (
        "Le modèle «\u00a0recall_outage\u00a0» a besoin de {issue}, {instruction}, {contact}, que le brief de la marque ne "
        "donne pas. Renseignez-les puis recommencez (déjà donnés\u00a0: {brand}, {product})\u202f; rien n’a été publié.")


def test_a_brand_without_a_name_cannot_sign_an_answer():
    with pytest.raises(CrisisError) as caught:
        render_template("private_messages", Brand(name="", address="vous"), "fr")
    assert caught.value.params["missing"] == "{brand}"


def test_an_unknown_template_lists_the_seven_there_are():
    with pytest.raises(CrisisError) as caught:
        render_template("communique", LILA_VOUS, "fr")
    assert caught.value.params == {"name": "communique", "valid": "holding, apology, correction, private_messages, "
                                                                  "recall_outage, data_breach, end"}


def test_every_template_needs_the_same_fields_in_french_and_english():
    assert {name: fields(name) for name in names()} == {
        "holding": ["subject", "deadline", "brand"],
        "apology": ["subject", "action", "brand"],
        "correction": ["brand", "claim", "fact"],
        "private_messages": ["brand"],
        "recall_outage": ["product", "issue", "instruction", "contact", "brand"],
        "data_breach": ["incident", "data", "measures", "contact", "brand"],
        "end": ["summary", "brand"],
    }


def test_the_data_breach_checklist_notifies_the_authority_within_72_hours_then_tells_the_people_at_risk():
    steps = data_breach_checklist()
    assert [s.key for s in steps] == ["contain", "notify", "content", "inform", "document"]
    assert "dans les 72\u00a0heures" in steps[1].label["fr"] and "within 72 hours" in steps[1].label["en"]
    assert "(art.\u00a034)" in steps[3].label["fr"]


@pytest.fixture
def demo_brand(engine):
    """The demo brand as its brief makes it (Maison Lila, « vous »), with its demo crisis file."""
    from core import db
    from core.brands import get_brand, save_brief
    from core.brief import loads, read_text
    from core.crisis.file import import_text, load_file
    from tests.conftest import ROOT

    with db.transaction(engine) as s:
        brand = save_brief(loads(read_text(ROOT / "data" / "demo" / "brief.toml")), session=s)
        import_text(brand.id, (ROOT / "data" / "demo" / "crisis.toml").read_text(encoding="utf-8"), session=s)
        brand = get_brand(brand.id, session=s)
        s.expunge(brand)
        return brand, load_file(brand.id, session=s)


def _demo_renderings(brand, crisis_file):
    """Every template each prepared risk's strategy offers, filled from the risk's facts, in vous and tu."""
    tu = Brand(name=brand.name, address="tu")
    return {(risk["name"], name, b.address): render_template(name, b, "fr", risk["facts"])
            for risk in crisis_file["risks"] for name in strategies()[risk["kind"]]["templates"] for b in (brand, tu)}


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
@needs_grammalecte
def test_the_demo_brands_prepared_answers_fill_every_field_and_pass_grammalecte_in_vous_and_tu(demo_brand):
    brand, crisis_file = demo_brand
    assert brand.address == "vous"
    rendered = _demo_renderings(brand, crisis_file)  # a field the file does not give would raise here
    assert len(rendered) == 26  # (4 + 4 + 5) templates, in vous and tu
    checks = grammar.check_many(list(rendered.values()), known_words=["Lila", "Croix-Rousse"])
    assert all(check.checked for check in checks)
    assert {key: [(text[i.start:i.end], i.kind, i.message) for i in check.issues]
            for (key, text), check in zip(rendered.items(), checks) if check.issues} == {}
    assert rendered[("Fuite du fichier clients", "data_breach", "tu")].startswith(
        "Tu as le droit de savoir\u00a0: un accès non autorisé à notre fichier de clients a eu lieu.")


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_demo_brands_prepared_answers_score_at_least_70_with_calames_scorer(demo_brand):
    brand, crisis_file = demo_brand
    rendered = _demo_renderings(brand, crisis_file)
    scores = {key: score(text, "facebook", lang="fr", grammar=False).score for key, text in rendered.items()}
    assert {key: points for key, points in scores.items() if points < 70} == {}
