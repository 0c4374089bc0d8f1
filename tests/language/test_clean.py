"""core.language.clean: markup, URLs, emoji and furniture removed without moving any offset."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.language.clean import InputError, clean, clean_text, read_upload


def test_html_tags_entities_and_scripts_become_spaces_at_the_same_offsets():
    html = "<h2>Le lin</h2><p>Notre robe&nbsp;est <b>belle</b>.</p><script>var x=1;</script>"
    c = clean(html)
    assert len(c.text) == len(html)
    assert " ".join(c.text.split()) == "Le lin Notre robe est belle ."  # an inline tag leaves spaces
    assert c.text.index("Notre") == html.index("Notre")
    assert [html[s:e] for s, e, _ in c.headings] == ["Le lin"]


def test_markdown_headings_links_and_emphasis_keep_their_words():
    md = "## Nos engagements\nUn **lin** choisi, voir [notre atelier](https://lila.fr/atelier).\n- Coton bio\n"
    c = clean(md)
    assert " ".join(c.text.split()) == "Nos engagements Un lin choisi, voir notre atelier . Coton bio"
    assert [(md[s:e], level) for s, e, level in c.headings] == [("Nos engagements", 2)]


def test_urls_emails_emoji_and_bullets_are_removed_but_mentions_and_hashtags_stay():
    text = "🎉 Nouveau ! • Écrivez à contact@lila.fr ou sur https://lila.fr #MaisonLila @lila_paris"
    assert clean_text(text) == "Nouveau ! Écrivez à ou sur #MaisonLila @lila_paris"


def test_a_link_loses_its_text_but_not_the_full_stop_that_ends_the_sentence():
    text = "Voir https://maisonlila.fr/ete. Puis 👩‍👩‍👧 et ❤️ partent, l’été → Lyon."
    assert clean_text(text) == "Voir . Puis et partent, l’été → Lyon."


def test_a_slug_line_left_by_an_image_is_furniture():
    text = "Les réseaux sociaux\n\nreseaux-sociaux\n\nC'est très bien."
    assert clean_text(text).split() == ["Les", "réseaux", "sociaux", "C'est", "très", "bien."]


def test_a_csv_gives_one_text_per_row_and_a_corrupt_docx_is_refused():
    assert read_upload("avis.csv", "note;avis\n5;Très belle robe\n4;Livraison rapide\n".encode()) == [
        "note avis", "5 Très belle robe", "4 Livraison rapide"]
    with pytest.raises(InputError) as err:
        read_upload("avis.csv", ("note;avis\n5;" + "a" * 1_000_001 + "\n").encode())
    assert err.value.key == "text.csv_cell_too_large"
    with pytest.raises(InputError) as err:
        read_upload("offre.docx", b"PK\x03\x04broken")
    assert err.value.key == "kw.err_docx"
    with pytest.raises(InputError) as err:
        read_upload("photo.jpg", b"\xff\xd8\xff")
    assert err.value.key == "kw.err_extension"


def test_a_real_docx_is_read_with_its_headings(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Notre histoire", level=2)
    document.add_paragraph("Maison Lila coud des robes en lin depuis 2012.")
    path = tmp_path / "histoire.docx"
    document.save(path)
    assert read_upload("histoire.docx", path.read_bytes()) == [
        "## Notre histoire\nMaison Lila coud des robes en lin depuis 2012."]


@given(st.text(max_size=300))
def test_cleaning_never_changes_the_length(text):
    assert len(clean(text).text) == len(text)
