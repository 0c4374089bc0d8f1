"""Moments about one product or practice go to the brands that name it (data/moment_needs.toml)."""

from core.planning import moment_prefs


def brief(sector, country, name, description, offers=(), follow=()):
    return {"brand": {"name": name, "sector": sector, "country": country, "sector_other": description},
            "offers": [{"name": n, "description": d} for n, d in offers],
            "moments": {"follow": list(follow)}}


def keys(data, year=2027):
    return {m.key for m in moment_prefs.year_moments(data["brand"]["country"], year, data,
                                                      sector=data["brand"]["sector"])}


def test_a_quebec_microbrewery_gets_the_oktoberfest_and_the_fete_nationale_but_no_crepes_nor_beaujolais():
    found = keys(brief("restauration", "CA", "Brasserie du Cap Blanc", "microbrasserie avec salle de dégustation",
                       [("IPA du Cap", "une IPA brassée sur place, houblons de Charlevoix")]))
    assert {"oktoberfest", "fete_nationale_quebec", "action_grace"} <= found
    assert not {"chandeleur", "epiphanie", "beaujolais", "journee_cafe", "journee_vegan"} & found


def test_a_creperie_in_lyon_keeps_the_chandeleur_and_a_bistro_the_beaujolais():
    assert "chandeleur" in keys(brief("restauration", "FR", "Ty Breizh", "crêperie bretonne"))
    bistro = keys(brief("restauration", "FR", "Chez Margot", "bistrot lyonnais, vins au verre"))
    assert "beaujolais" in bistro and "chandeleur" not in bistro


def test_following_a_product_moment_brings_it_back_to_a_brand_that_never_names_the_product():
    found = keys(brief("restauration", "FR", "Le Comptoir", "restaurant de quartier", follow=["chandeleur"]))
    assert "chandeleur" in found


def test_a_white_paper_does_not_make_a_consultancy_a_bookshop_nor_before_and_after_photos_a_photographer():
    consultancy = brief("culture", "CH", "Veille Cyber", "conseil", [("livre blanc NIS2", "notre livre blanc à télécharger")])
    plumber = brief("culture", "FR", "Garonne Thermique", "plombier", [("salle de bain", "photos avant et après le chantier")])
    assert not {"journee_livre", "journee_poesie"} & keys(consultancy)
    assert "journee_photographie" not in keys(plumber)


def test_a_bike_shop_gets_world_bicycle_day_but_not_yoga_dance_nor_tennis_days():
    found = keys(brief("sport", "GB", "Harbourside Cycles", "independent bike shop and repair workshop",
                       [("full service", "a full strip-down of gears and brakes")]), )
    assert "journee_velo" in found
    assert not {"journee_yoga", "journee_danse", "roland_garros", "wimbledon"} & found


def test_each_country_gets_its_own_national_day_and_no_other():
    names = {"CA": "fete_nationale_quebec", "BE": "fete_nationale_be", "CH": "fete_nationale_ch", "LU": "fete_nationale_lu"}
    for country, key in names.items():
        found = keys(brief("restauration", country, "Le Comptoir", "restaurant"))
        assert key in found and not (set(names.values()) - {key}) & found, country


def test_a_refugee_charity_gets_world_refugee_day_from_its_own_words_and_no_octobre_rose():
    found = keys(brief("association", "CH", "Passerelle Emploi Genève", "association d'aide à l'emploi des réfugiés",
                       [("atelier CV", "un atelier pour les personnes réfugiées qui cherchent un emploi")]))
    assert "journee_refugies" in found
    assert not {"octobre_rose", "movember"} & found


def test_a_dental_clinic_of_no_listed_sector_still_marks_christmas_and_the_new_year():
    found = keys(brief("autre", "CA", "Clinique Saint-Denis", "clinique dentaire"))
    assert {"noel", "nouvel_an"} <= found
