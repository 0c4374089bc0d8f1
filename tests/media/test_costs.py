"""The brand's own costs from its ads manager's export replace the indicative table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import db
from core.brands import create_brand
from core.cli.main import main
from core.media.costs import read_costs, save_costs
from core.media.plan import brand_costs
from core.media.rules import MediaError

DATA = Path(__file__).parent / "data"


def test_a_french_meta_export_gives_each_platforms_totals_and_drops_audience_network():
    totals = {t.network: t for t in read_costs((DATA / "meta_ads_fr.csv").read_bytes(), "meta_ads_fr.csv",
                                               brand_currency="EUR")}
    assert sorted(totals) == ["facebook", "instagram"]
    ig = totals["instagram"]
    assert (ig.currency, round(ig.spent, 2), ig.impressions, ig.clicks, ig.engagements) == \
        ("EUR", 953.1, 131989.0, 1446.0, 12662.0)
    assert (round(totals["facebook"].spent, 2), totals["facebook"].impressions) == (412.35, 68240.0)


def test_an_english_meta_export_without_platform_breakdown_prices_both_meta_networks():
    totals = read_costs((DATA / "meta_ads_en.csv").read_bytes(), "meta_ads_en.csv", brand_currency="EUR")
    assert [(t.network, t.spent, t.impressions, t.clicks) for t in totals] == [
        ("facebook", 1067.45, 160117.0, 1757.0), ("instagram", 1067.45, 160117.0, 1757.0)]


def test_a_linkedin_campaign_export_is_recognised_by_its_total_spent_column():
    [li] = read_costs((DATA / "linkedin_campaigns.csv").read_bytes(), "linkedin_campaigns.csv", brand_currency="EUR")
    assert (li.network, li.spent, li.impressions, li.clicks) == ("linkedin", 2800.5, 64120.0, 613.0)


def test_an_export_in_another_currency_or_of_another_tool_is_refused_with_what_calame_reads():
    with pytest.raises(MediaError) as err:
        read_costs((DATA / "meta_ads_usd.csv").read_bytes(), "meta_ads_usd.csv", brand_currency="EUR")
    assert err.value.key == "media.costs_currency"
    with pytest.raises(MediaError) as err:
        read_costs("Titre;Vues\nMa vidéo;1200\n".encode(), "youtube.csv", brand_currency="EUR")
    assert err.value.message("fr") == (
        "«\u00a0youtube.csv\u00a0» n’est pas un export de gestionnaire de publicités connu (colonnes\u00a0: Titre, Vues). "
        "Calame lit les exports CSV de Meta Ads Manager («\u00a0Montant dépensé\u00a0», «\u00a0Impressions\u00a0») et de "
        "LinkedIn Campaign Manager («\u00a0Total Spent\u00a0», «\u00a0Impressions\u00a0»)\u00a0; rien n’a été importé.")
    with pytest.raises(MediaError) as err:
        read_costs(b"Campaign name,Amount spent (EUR),Impressions\nA,-5,100\n", "neg.csv", brand_currency="EUR")
    assert err.value.key == "media.costs_negative"


def test_imported_costs_replace_the_benchmark_for_that_brand_only(engine):
    with db.transaction(engine) as s:
        lila = create_brand("Maison Lila", session=s)
        other = create_brand("Paylane", session=s)
        totals = read_costs((DATA / "meta_ads_fr.csv").read_bytes(), "meta_ads_fr.csv", brand_currency="EUR")
        save_costs(lila.id, totals, "meta_ads_fr.csv", session=s)
        own, bench = brand_costs(lila, "instagram", session=s), brand_costs(other, "instagram", session=s)
    assert (own.origin, round(own.cpm, 2), round(own.cpc, 2), round(own.cpe, 3)) == ("brand", 7.22, 0.66, 0.075)
    assert (bench.origin, bench.cpm, bench.cpc) == ("benchmark", 7.0, 0.7)


def test_cli_imports_costs_and_says_what_it_saved(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.transaction(engine) as s:
        create_brand("Paylane", session=s, country="BE")
    assert main(["media", "costs", "import", str(DATA / "linkedin_campaigns.csv"), "--brand", "Paylane", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["networks"] == [{"network": "linkedin", "currency": "EUR", "spent": 2800.5, "cpm": 43.68,
                                "cpc": 4.57, "cpe": None}]
    assert main(["--ui", "fr", "media", "costs", "import", str(DATA / "linkedin_campaigns.csv"), "--brand", "Paylane"]) == 0
    assert capsys.readouterr().out == ("Coûts de la marque enregistrés (" + str(DATA / "linkedin_campaigns.csv")
                                       + ")\u00a0: LinkedIn (2\u202f800,50\u00a0€). Les prochains plans média les "
                                       "utilisent à la place des coûts indicatifs.\n")
    engine.dispose()
