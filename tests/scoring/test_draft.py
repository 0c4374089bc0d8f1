"""How a draft is split into what its network shows (core.scoring.draft)."""

from __future__ import annotations

from core import networks as net
from core.scoring.draft import parse


def parts(text, network):
    p = parse(text, net.rules(network))

    def span(bounds):
        return text[bounds[0]:bounds[1]] if bounds else None

    return {"kind": p.kind, "title": span(p.title), "preheader": span(p.preheader), "hook": span(p.hook),
            "body": text[p.body_start:], "meta": {k: v[2] for k, v in p.meta.items()},
            "headings": [span(h) for h in p.headings]}


def test_a_newsletter_has_its_subject_as_hook_and_its_pre_header_apart_from_the_body():
    text = "Objet : La robe Capucine revient\nPré-en-tête : En lin, du 34 au 48, dès jeudi.\n\nBonjour Camille,\nElle est là."
    assert parts(text, "newsletter") == {
        "kind": "email", "title": "La robe Capucine revient", "preheader": "En lin, du 34 au 48, dès jeudi.",
        "hook": "La robe Capucine revient", "body": "Bonjour Camille,\nElle est là.",
        "meta": {"title": "La robe Capucine revient", "preheader": "En lin, du 34 au 48, dès jeudi."},
        "headings": []}


def test_an_article_reads_its_seo_title_meta_description_slug_and_subheadings():
    text = ("Titre SEO : Robe en lin : le guide\nMéta-description : Comment choisir.\nSlug : robe-lin\n\n"
            "Intro.\n\n## Choisir la taille\n\nTexte.\n\n## Laver le lin\n\nTexte.")
    assert parts(text, "blog") == {
        "kind": "article", "title": "Robe en lin : le guide", "preheader": None, "hook": None,
        "body": "Intro.\n\n## Choisir la taille\n\nTexte.\n\n## Laver le lin\n\nTexte.",
        "meta": {"title": "Robe en lin : le guide", "meta": "Comment choisir.", "slug": "robe-lin"},
        "headings": ["Choisir la taille", "Laver le lin"]}


def test_the_first_line_is_a_title_on_pinterest_and_only_the_hook_on_instagram():
    text = "Robe Capucine en lin\nLa robe d’été qui passe du bureau à la plage. Trois couleurs."
    pinterest, instagram = parts(text, "pinterest"), parts(text, "instagram")
    assert (pinterest["title"], pinterest["hook"]) == ("Robe Capucine en lin", "Robe Capucine en lin")
    assert (instagram["title"], instagram["hook"]) == (None, "Robe Capucine en lin")
    one_line = parts("La robe d’été qui passe du bureau à la plage. Trois couleurs.", "instagram")
    assert one_line["hook"] == "La robe d’été qui passe du bureau à la plage."
