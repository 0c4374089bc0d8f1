"""core.language.keywords.extraction: French keywords through the tagger, English ones through YAKE."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.language import keywords as kw

TEXT_FR = (
    "Le community manager anime les réseaux sociaux de la marque. Chaque community manager "
    "prépare un calendrier éditorial et suit la gestion de crise. Les réseaux sociaux "
    "demandent une veille constante ; la gestion de crise commence par l'écoute. "
    "Un bon community manager connaît sa communauté et le réseau social qu'elle aime."
)


def test_extraction_merges_plural_and_singular_and_shows_the_most_frequent_form(nlp_fr):
    result = kw.extract([TEXT_FR], lang="fr", top=5)
    assert result.lang == "fr"
    top = {k.phrase: (k.count, k.docs, k.variants) for k in result.keywords}
    assert top["réseaux sociaux"] == (3, 1, ["réseaux sociaux", "réseau social"])
    assert top["community manager"][0] == 3
    assert [k.phrase for k in result.keywords][:3] == ["community manager", "réseaux sociaux", "gestion de crise"]


def test_no_keyword_starts_or_ends_with_an_article_or_a_preposition(nlp_fr):
    for k in kw.extract([TEXT_FR], lang="fr", top=30).keywords:
        words = k.phrase.lower().replace("'", "' ").split()
        assert words[0] not in {"de", "d'", "du", "des", "la", "le", "les", "l'", "à", "au", "aux", "un", "une"}
        assert words[-1] not in {"de", "d'", "du", "des", "la", "le", "les", "l'", "à", "au", "aux"}


def test_counts_and_documents_are_over_all_inputs_together(nlp_fr):
    result = kw.extract(["La gestion de crise se prépare.", "Une bonne gestion de crise rassure."], lang="fr")
    k = next(k for k in result.keywords if k.key == "gestion de crise")
    assert (k.count, k.docs) == (2, 2)


def test_english_texts_get_english_keywords():
    text = ("Our community manager runs the social media accounts. A good community manager "
            "answers every comment on social media within the hour.")
    result = kw.extract([text], top=3)
    assert result.lang == "en"
    assert [k.phrase for k in result.keywords] == ["community manager", "social media", "accounts"]


LINEN_PAGE = """Linen bedding made in France

Maison Lila makes linen bedding in a small workshop in Normandy. Our linen duvet covers, pillowcases and \
flat sheets are woven from French flax, washed for softness and dyed without harsh chemicals. Linen bedding \
keeps you cool in summer and warm in winter, and it gets softer with every wash.

Every duvet cover comes in six colours, from natural linen to deep indigo. Pillowcases come in pairs. Our flat \
sheets fit mattresses up to 30 cm deep.

Caring for linen bedding is simple: wash it at 40 degrees, dry it on the line and skip the iron. Free delivery \
in France on orders over 80 euros, and free returns within 30 days."""

STONEWARE_PAGE = """Stoneware tableware, made to be used every day

At Oak & Ash we make stoneware tableware in our studio in Bristol. Every plate, bowl and mug is thrown by hand, \
glazed with a food-safe glaze and fired twice, so our stoneware tableware goes from the oven to the table and \
into the dishwasher.

Our dinner plates come in three sizes. The pasta bowls are deep enough for soup, and the mugs hold a generous \
350 ml of tea or coffee. Mix the glazes: sea green, oat and charcoal all sit well together on one table.

Handmade stoneware has small variations in colour and shape, which is what makes each piece unique. We pack \
every order in recycled cardboard and ship across the UK in two to three working days. Orders over £60 ship \
free, and you can return unused tableware within 30 days."""


def test_an_english_shop_page_gets_yakes_keywords_with_their_counts():
    result = kw.extract([LINEN_PAGE], top=10)
    assert result.lang == "en"
    assert [(k.phrase, k.count) for k in result.keywords] == [
        ("linen bedding", 4), ("France", 2), ("Maison Lila", 1), ("French flax", 1), ("flat sheets", 2),
        ("pillowcases", 2), ("Normandy", 1), ("deep", 2), ("wash", 2), ("free", 2),
    ]


def test_english_keywords_merge_singular_and_plural_and_count_over_all_inputs():
    result = kw.extract([STONEWARE_PAGE, "Our stoneware mugs and stoneware plates are fired twice."], top=10)
    found = {k.phrase: (k.count, k.docs, k.variants) for k in result.keywords}
    assert found["plates"] == (3, 2, ["plates", "plate"])
    assert found["fired twice"] == (2, 2, ["fired twice"])


def test_english_keywords_hold_no_function_word_inside_but_of():
    stop = kw.stopwords("en")
    phrases = [k.phrase for k in kw.extract([STONEWARE_PAGE, LINEN_PAGE], lang="en", top=40).keywords]
    assert [p for p in phrases if any(w.lower() in stop and w.lower() != "of" for w in p.split()[1:-1])] == []
    assert "studio in Bristol" not in phrases and "Bristol" in phrases


def test_empty_inputs_give_no_keywords():
    for texts in ([], [""], ["   \n"], ["🎉🎉"]):
        assert kw.extract(texts).keywords == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=200), max_size=3))
def test_no_input_crashes_the_extraction(texts):
    result = kw.extract(texts, lang="fr", top=5)
    assert len(result.keywords) <= 5
    json.dumps(result.to_dict())


def test_the_cli_prints_one_json_object_per_file_with_per_file(tmp_path, capsys, nlp_fr):
    from core.cli.main import main

    a, b = tmp_path / "a.txt", tmp_path / "b.md"
    a.write_text(TEXT_FR, encoding="utf-8")
    b.write_text("# Lin\nLe lin de Normandie est une fibre solide. Le lin pousse en Normandie.", encoding="utf-8")
    assert main(["keywords", str(a), str(b), "--per-file", "--json", "--top", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [str(a), str(b)]
    assert [k["phrase"] for k in data[str(a)]["keywords"]] == ["community manager", "réseaux sociaux"]
    assert set(data[str(b)]["keywords"][0]) == {"phrase", "score", "count", "docs", "variants"}


def test_the_cli_refuses_a_binary_file_with_exit_code_2(tmp_path, capsys):
    from core.cli.main import main

    path = tmp_path / "logo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["keywords", str(path)]) == 2
    assert "logo.txt n'est pas un fichier texte lisible" in capsys.readouterr().err


def test_names_cut_by_the_tokenizer_stay_whole(nlp_fr):
    text = ("Saint-Malo accueille le nouveau McDonald's du port. Le McDonald's de Saint-Malo ouvre ses forces "
            "de vente le 3 mai. Les forces de vente visitent les commerçants de Saint-Malo.")
    result = kw.extract([text], lang="fr", top=4)
    assert [(k.phrase, k.count) for k in result.keywords] == [
        ("Saint-Malo", 3), ("McDonald's", 2), ("forces de vente", 2), ("McDonald's de Saint-Malo", 1)]


def test_a_compound_the_tokenizer_cuts_at_its_hyphen_stays_one_word(nlp_fr):
    text = ("Nous décrivons un système de dialogue humain-agent. Le dialogue humain-agent s'appuie sur des couples "
            "nom-verbe extraits d'un corpus ; ces couples nom-verbe décrivent les actions. Que dit-elle ?")
    result = kw.extract([text], lang="fr", top=4)
    assert [(k.phrase, k.count) for k in result.keywords] == [
        ("dialogue humain-agent", 2), ("couples nom-verbe", 2), ("système de dialogue humain-agent", 1),
        ("couples nom-verbe extraits", 1)]


def test_the_authors_a_scientific_text_cites_are_not_keywords(nlp_fr):
    text = ("Les subordonnées ont été décrites par de nombreux linguistes (Haiman, Thompson, 1988). "
            "Nous reprenons le cadre formel de Gerdes (2002) pour décrire les subordonnées et leur topologie, "
            "comme Kahane et al. pour les dépendances.")
    phrases = [k.phrase for k in kw.extract([text], lang="fr", top=10).keywords]
    assert not {"Haiman", "Thompson", "Gerdes", "Kahane", "cadre formel de Gerdes"} & set(phrases)
    assert phrases[:3] == ["subordonnées", "nombreux linguistes", "cadre formel"]


def test_a_verb_after_a_noun_phrase_and_an_infinitive_after_a_preposition_end_no_keyword(nlp_fr):
    text = ("L'analyse syntaxique reste un problème ouvert. Nous extrayons des paraphrases à partir d'un corpus "
            "d'articles alignés ; l'analyse syntaxique des paraphrases extraites guide leur classement.")
    result = kw.extract([text], lang="fr", top=8)
    assert [(k.phrase, k.count) for k in result.keywords] == [
        ("analyse syntaxique", 2), ("paraphrases", 2), ("analyse syntaxique des paraphrases extraites", 1),
        ("corpus d'articles alignés", 1), ("problème ouvert", 1), ("classement", 1)]


LILA_PAGE = ("Maison Lila coud ses robes en lin lavé à Lyon. Camille porte la robe portefeuille de Maison Lila "
             "tous les jours. Camille aime les robes en lin lavé. Une robe portefeuille en lin se noue à la taille.")


def test_the_cli_brand_option_leaves_out_the_brands_name_and_its_personas(tmp_path, capsys, monkeypatch, nlp_fr):
    from core.cli.main import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["demo", "--if-empty"]) == 0
    page = tmp_path / "page.txt"
    page.write_text(LILA_PAGE, encoding="utf-8")
    capsys.readouterr()
    assert main(["keywords", str(page), "--brand", "Maison Lila", "--json", "--top", "5"]) == 0
    assert [k["phrase"] for k in json.loads(capsys.readouterr().out)["keywords"]] == [
        "robes", "robes en lin lavé", "robe portefeuille", "robes en lin lavé à Lyon", "robe portefeuille en lin"]
    assert main(["keywords", str(page), "--json", "--top", "6"]) == 0
    assert [k["phrase"] for k in json.loads(capsys.readouterr().out)["keywords"]] == [
        "robes", "lin", "robes en lin lavé", "robe portefeuille", "robes en lin lavé à Lyon",
        "robe portefeuille de Maison Lila"]
    assert main(["keywords", str(page), "--brand", "Maison Nulle"]) == 2
    assert "Marque « Maison Nulle » introuvable" in capsys.readouterr().err


def test_a_brief_gives_the_extractor_the_brands_name_offers_and_persona_first_names():
    brief = {"brand": {"name": "Maison Lila", "country": "fr", "languages": ["fr"]},
             "offers": [{"name": "robe Lila"}, {"name": "chemise Anna"}, {"name": " "}],
             "personas": [{"name": "Camille, citadine active"}, {"name": "Inès (étudiante)"}]}
    ctx = kw.from_brief(brief)
    assert (ctx.name, ctx.offers, ctx.people, ctx.country, ctx.lang) == (
        "Maison Lila", ("robe Lila", "chemise Anna"), ("Camille", "Inès"), "FR", "fr")
    assert ctx.offer_words == frozenset({"robe", "lila", "chemise", "anna"})


def test_a_phrase_naming_an_offer_ranks_above_an_equally_frequent_one(nlp_fr):
    text = ("Nos chemises en lin et nos pantalons larges sont cousus à Lyon. Les chemises en lin se lavent à 30 degrés, "
            "les pantalons larges aussi.")
    plain = [k.phrase for k in kw.extract([text], lang="fr", top=2).keywords]
    with_offer = [k.phrase for k in kw.extract(
        [text], lang="fr", top=2, brand=kw.BrandContext(name="Maison Lila", offers=("pantalon large Jules",))).keywords]
    assert plain == ["chemises en lin", "pantalons larges"]
    assert with_offer == ["pantalons larges", "chemises en lin"]
