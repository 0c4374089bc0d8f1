"""core.language.clean: markup, URLs, emoji and furniture removed without moving any offset."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.language.clean import InputError, clean, clean_text, decode_bytes, read_upload


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


def test_a_slug_line_left_by_an_image_is_furniture():
    text = "Les réseaux sociaux\n\nreseaux-sociaux\n\nC'est très bien."
    assert clean_text(text).split() == ["Les", "réseaux", "sociaux", "C'est", "très", "bien."]


def test_windows_1252_files_are_decoded_and_binaries_are_refused():
    assert decode_bytes("Été à Lyon".encode("cp1252")) == "Été à Lyon"
    assert decode_bytes("\ufeffÉté".encode("utf-8")) == "Été"
    with pytest.raises(InputError) as err:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.png")
    assert (err.value.key, err.value.params) == ("kw.err_binary", {"name": "logo.png"})


def test_a_csv_gives_one_text_per_row_and_a_corrupt_docx_is_refused():
    assert read_upload("avis.csv", "note;avis\n5;Très belle robe\n4;Livraison rapide\n".encode()) == [
        "note avis", "5 Très belle robe", "4 Livraison rapide"]
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
