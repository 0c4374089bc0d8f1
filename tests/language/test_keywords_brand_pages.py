"""Keywords of a brand's own pages: furniture out, search phrases in, no names, prices or units."""

from core.language import keywords as kw
from core.language.keywords.furniture import main_text, strip_furniture

PASTED_PRODUCT_PAGE = """Livraison offerte dès 60 €
Accueil
Robes
Mon compte
Panier (0)
Robe longue en lin
89,00 €
★★★★★ (12 avis)
Ajouter au panier
Notre robe longue en lin lavé se porte tout l'été. La robe longue en lin a deux poches.
Mentions légales · CGV
Nous utilisons des cookies. Accepter"""


def test_a_pasted_product_page_keeps_its_heading_and_description_only():
    assert strip_furniture([PASTED_PRODUCT_PAGE]) == [
        "Robe longue en lin\nNotre robe longue en lin lavé se porte tout l'été. La robe longue en lin a deux poches."]


def test_lines_repeated_on_every_page_of_a_brand_are_furniture():
    pages = ["Atelier Sélène\nNouveautés\nLa robe portefeuille Iris se noue à la taille.",
             "Atelier Sélène\nNouveautés\nLe pantalon fluide Alba se porte l'été."]
    assert strip_furniture(pages) == ["La robe portefeuille Iris se noue à la taille.",
                                      "Le pantalon fluide Alba se porte l'été."]


def test_an_html_page_loses_its_menu_footer_and_cart_line_before_extraction():
    html = ("<html><body><nav><ul><li><a href='/'>Accueil</a></li><li><a href='/r'>Robes</a></li></ul></nav>"
            "<main><h1>Housse de couette en lin lavé</h1><p>Notre housse de couette en lin lavé est tissée au "
            "Portugal dans un lin épais, doux dès le premier lavage.</p><p>139,00 € – Ajouter au panier</p></main>"
            "<footer><p>Mentions légales</p><p>© 2025 Linge de Marthe</p></footer></body></html>")
    assert strip_furniture([main_text(html)]) == [
        "Housse de couette en lin lavé\nNotre housse de couette en lin lavé est tissée au Portugal dans un lin "
        "épais, doux dès le premier lavage."]


def test_a_page_that_is_only_furniture_has_no_keyword(nlp_fr):
    page = ("Mon panier\nVotre panier est vide.\nContinuer mes achats\nSe connecter\nMot de passe oublié ?\n"
            "Créer un compte\nPaiement sécurisé CB Visa")
    assert kw.extract([page], lang="fr").keywords == []


def test_a_summer_dress_in_linen_is_one_search_phrase_and_the_stylists_name_is_not_a_keyword(nlp_fr):
    text = ("Robes d'été en lin\nNos robes d'été en lin sont coupées à Roubaix. Une robe d'été en lin se porte "
            "à la plage. Claire Dupont, notre styliste, dessine chaque robe d'été en lin.\n"
            "Claire Dupont vous conseille en boutique.")
    result = kw.extract([text], lang="fr", top=5, brand="Atelier Sélène")
    assert [(k.phrase, k.count) for k in result.keywords] == [
        ("robe d'été en lin", 4), ("Roubaix", 1), ("styliste", 1), ("boutique", 1), ("plage", 1)]


def test_a_service_keeps_its_town_and_the_brand_and_units_are_left_out(nlp_fr):
    text = ("Votre kinésithérapeute à Nantes\nLe cabinet Kiné Erdre soigne les lombalgies. Un kinésithérapeute "
            "à Nantes traite aussi les douleurs cervicales et les lombalgies. Séance de 45 min, 30 cm de bande, "
            "2 x 3 exercices.")
    phrases = [k.phrase for k in kw.extract([text], lang="fr", top=6, brand="Kiné Erdre").keywords]
    # the brand's name cuts the phrase around it: "cabinet" stays, "cabinet Kiné Erdre" never forms;
    # with a brand, single words come after the phrases beyond 30 % of the list
    assert phrases == ["kinésithérapeute à Nantes", "lombalgies", "kinésithérapeute à Nantes traite",
                       "douleurs cervicales", "cabinet", "Séance"]


def test_a_product_card_keeps_the_product_name_without_its_price_and_cart_button():
    page = ("Robes femme\nToutes nos robes pour femme sont coupées dans des matières naturelles.\n"
            "Robe longue Capucine en lin – 129 € – Ajouter au panier\n"
            "Trier par : Pertinence | Prix croissant\n12 rue de la Jonelière\nDimanche : fermé")
    assert strip_furniture([page]) == [
        "Robes femme\nToutes nos robes pour femme sont coupées dans des matières naturelles.\n"
        "Robe longue Capucine en lin"]


def test_reviewers_signing_with_an_initial_and_a_titled_author_never_become_keywords(nlp_fr):
    text = ("Croquettes sans céréales pour chien\nPar le Dr Hélène Marchal, vétérinaire\n"
            "Nos croquettes sans céréales pour chien sont riches en viande. Hélène conseille les croquettes "
            "sans céréales aux chiens sensibles.\nSophie M. : mon chien adore ces croquettes sans céréales, "
            "Sophie recommande.\nMarc L. : croquettes sans céréales parfaites, merci Marc.")
    phrases = [k.phrase for k in kw.extract([text], lang="fr", top=10, brand="Patte Douce").keywords]
    assert phrases == ["croquettes sans céréales", "croquettes sans céréales pour chien", "chien",
                       "croquettes sans céréales parfaites", "croquettes sans céréales aux chiens sensibles",
                       "riches en viande", "merci"]


def test_a_menu_item_printed_again_above_a_post_is_furniture():
    html = ("<html><body><nav><ul><li><a href='/c'>Conseils véto</a></li><li><a href='/p'>Panier</a></li></ul></nav>"
            "<main><p>Conseils véto</p><h1>Quelle quantité de croquettes donner à son chien ?</h1>"
            "<p>La ration de croquettes dépend du poids idéal du chien, de son âge et de son activité.</p>"
            "</main></body></html>")
    assert [k.phrase for k in kw.extract([html], lang="fr", brand="Patte Douce").keywords] == [
        "croquettes", "quantité de croquettes", "chien", "ration de croquettes", "poids idéal du chien",
        "activité", "âge"]


LILA_BRIEF = {"brand": {"name": "Maison Lila", "languages": ["fr"]}, "personas": [{"name": "Camille, citadine active"}],
              "offers": [{"name": "robe Lila"}]}


def test_a_megabyte_of_html_with_scripts_and_styles_gives_the_pages_own_phrases(nlp_fr):
    page = ("<html><head><style>" + "body{color:red}" * 20000 + "</style><script>" + "var a=1;" * 40000
            + "</script></head><body><main><h1>Robe portefeuille en lin</h1>"
            + "<p>La robe portefeuille en lin lavé est coupée à Lyon dans un lin européen.</p>" * 2000
            + "</main></body></html>")
    assert len(page) > 750_000
    assert [k.phrase for k in kw.extract([page], brand=LILA_BRIEF, top=4).keywords] == [
        "robe portefeuille en lin", "robe portefeuille en lin lavé", "lin européen", "lin"]


def test_an_english_page_with_a_french_brief_gets_english_search_phrases_first(nlp_fr):
    page = "Our linen wrap dress is cut in Lyon. The linen wrap dress ties at the waist. Linen wrap dresses for summer."
    result = kw.extract([page], brand=LILA_BRIEF)
    assert (result.lang, [k.phrase for k in result.keywords]) == (
        "en", ["linen wrap dress", "Lyon", "cut", "waist", "summer", "ties"])


def test_one_line_reviews_and_a_product_table_give_a_short_list_and_no_error(nlp_fr):
    reviews = "\n".join(["Top !", "Super robe", "Parfait", "Je recommande", "Très belle qualité", "Taille bien"] * 5)
    table = ("<table><tr><th>Matière</th><td>100 % lin lavé</td></tr><tr><th>Coupe</th><td>portefeuille</td></tr>"
             "<tr><th>Prix</th><td>129 €</td></tr></table>")
    assert [k.phrase for k in kw.extract([reviews], brand=LILA_BRIEF).keywords] == ["Top"]
    assert kw.extract([table], brand=LILA_BRIEF).keywords == []
