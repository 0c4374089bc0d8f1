"""An article's keyphrase checks, after Yoast SEO (core.scoring.rules.seo)."""

from __future__ import annotations

from tests.conftest import SHARED
from tests.scoring.helpers import found, run


def test_article_seo_checks_on_a_seed_article_match_yoast_verdicts():
    text = (SHARED / "seeds" / "004_f2ba37751cbb9c3b.txt").read_text(encoding="utf-8")
    r = run(text, "blog", keywords=["community manager"])
    # Yoast 3.6 on the same text: density over its maximum (15 for 13), no subheading, no
    # title, meta description or slug, a paragraph over 150 words (bench/scoring.py).
    assert sorted(c for c, _ in found(r, "seo.")) == [
        "seo.density_high", "seo.keyphrase_subheadings", "seo.meta_missing", "seo.slug_keyphrase",
        "seo.subheadings_none", "seo.title_missing"]
    assert r.stats["keyphrase_density"] == 3.43
    assert "readability.paragraph_long" in [c for c, _ in found(r, "readability.")]


def test_an_article_with_title_meta_slug_and_subheadings_passes_the_seo_checks():
    body = ("Le community manager anime la communauté d’une marque sur les réseaux sociaux. "
            "Il publie, répond et mesure. ") * 6
    section = ("Chaque jour, il prépare les publications, répond aux messages et suit les chiffres. "
               "Ensuite, il partage ce qu’il apprend avec l’équipe marketing. ") * 8
    text = ("Titre SEO : Community manager : le métier, les missions, le salaire\n"
            "Méta-description : Que fait un community manager ? Ses missions, ses outils, son salaire "
            "et comment le devenir : le guide complet du métier en 2027.\n"
            "Slug : community-manager-metier\n\n"
            + body + "\n\n## Les missions du community manager\n\n" + section
            + "\n\n## Ses outils au quotidien\n\n" + section)
    r = run(text, "blog", keywords=["community manager"])
    assert found(r, "seo.") == []

