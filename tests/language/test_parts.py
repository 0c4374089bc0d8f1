"""Multi-part posts: the labelled lines at the top of a newsletter or a blog article."""

from core.language import parts


def test_a_newsletter_draft_reads_back_its_subject_preheader_and_body():
    text = parts.join({"subject": "Le lin, mode d’emploi", "preheader": "Trois gestes pour qu’il dure"},
                      "Bonjour,\n\nVoici nos conseils : laver à 30 °C.", "fr")
    assert text == ("Objet\u00a0: Le lin, mode d’emploi\nPré-en-tête\u00a0: Trois gestes pour qu’il dure"
                    "\n\nBonjour,\n\nVoici nos conseils : laver à 30 °C.")
    read = parts.split(text)
    assert [(p.key, p.value) for p in read.parts] == [("subject", "Le lin, mode d’emploi"),
                                                      ("preheader", "Trois gestes pour qu’il dure")]
    assert read.body == "Bonjour,\n\nVoici nos conseils : laver à 30 °C."
    assert text[read.body_start:] == read.body
    subject = read.parts[0]
    assert text[subject.start:subject.end] == "Le lin, mode d’emploi"


def test_a_colon_inside_a_caption_is_not_a_part():
    text = "Attention : stock limité sur la robe Lila.\n\nÀ très vite !"
    read = parts.split(text)
    assert read.parts == () and read.body == text


def test_labels_are_read_in_either_language_and_without_accents():
    read = parts.split("Subject: Our linen guide\nPre-en-tete : trois gestes\n\nHello")
    assert [(p.key, p.value) for p in read.parts] == [("subject", "Our linen guide"), ("preheader", "trois gestes")]
    assert read.body == "Hello"


def test_english_labels_take_no_space_before_the_colon():
    assert parts.join({"seo_title": "Linen care guide"}, "Intro.", "en") == "SEO title: Linen care guide\n\nIntro."
    assert parts.label("meta_description", "fr") == "Méta-description"
    assert parts.max_chars("subject") == 60
