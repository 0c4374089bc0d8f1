"""AppTest of the Mots-clés screen: upload, extract, select, save; bad files."""

from sqlmodel import Session, select

from core import db
from core.models import Keyword
from tests.apptest import fresh_app, shown

TEXT = (
    "Le community manager anime les réseaux sociaux de la marque. Chaque community manager "
    "prépare un calendrier éditorial et suit la gestion de crise. Les réseaux sociaux "
    "demandent une veille constante ; la gestion de crise commence par l'écoute. "
    "Un bon community manager connaît sa communauté et les réseaux sociaux qu'elle aime."
)


def stored_keywords():
    engine = db.make_engine()
    with Session(engine) as s:
        rows = [(k.phrase, k.priority, k.key) for k in s.exec(select(Keyword).order_by(Keyword.id))]
    engine.dispose()
    return rows


def test_an_uploaded_text_gives_keywords_that_can_be_selected_and_saved(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path, timeout=120).run()
    at.switch_page("pages/keywords.py").run()
    assert not at.exception
    at.file_uploader(key="kwu_files").upload("site.txt", TEXT.encode("utf-8"), "text/plain")
    at.button[0].click().run()
    assert not at.exception
    table = at.data_editor(key="kwe_editor").value
    phrases = list(table["phrase"])
    assert phrases[:3] == ["community manager", "réseaux sociaux", "gestion de crise"]
    at.session_state["kwe_editor"] = {
        "edited_rows": {str(i): {"keep": i < 2} for i in range(len(phrases))} | {"0": {"keep": True, "priority": "haute"}},
        "added_rows": [], "deleted_rows": [],
    }
    at.run()
    at.button(key="kwb_save").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["2 mots-clés enregistrés : ils servent désormais de cibles au score des publications."]
    assert stored_keywords() == [("community manager", 1, "community manager"), ("réseaux sociaux", 2, "reseau social")]


def test_an_uploaded_file_is_read_once_whatever_the_number_of_extractions(monkeypatch, tmp_path):
    from core.language import clean

    at = fresh_app(monkeypatch, tmp_path, timeout=120).run()
    at.switch_page("pages/keywords.py").run()
    reads = []
    real = clean.read_upload
    monkeypatch.setattr(clean, "read_upload", lambda name, data: reads.append(name) or real(name, data))
    at.file_uploader(key="kwu_files").upload("site.txt", TEXT.encode("utf-8"), "text/plain")
    at.button[0].click().run()
    at.selectbox(key="kw_top").select(10)
    at.button[0].click().run()
    assert not at.exception
    assert (reads, list(at.data_editor(key="kwe_editor").value["phrase"])[:2]) == (
        ["site.txt"], ["community manager", "réseaux sociaux"])


def test_a_corrupt_docx_and_a_binary_file_get_a_clear_message_and_no_traceback(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.switch_page("pages/keywords.py").run()
    uploader = at.file_uploader(key="kwu_files")
    uploader.upload("offre.docx", b"PK\x03\x04 not really a docx", "application/octet-stream")
    uploader.upload("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "text/plain")
    at.button[0].click().run()
    assert not at.exception
    assert [shown(e.value) for e in at.error] == [
        "offre.docx n'a pas pu être ouvert comme document Word (.docx) : le fichier est endommagé ou n'en est pas un. Ouvrez-le dans Word ou LibreOffice et enregistrez-le à nouveau en .docx.",
        "image.txt n'est pas un fichier texte lisible (binaire ou encodage inconnu). Enregistrez-le en UTF-8 (.txt, .md, .html, .csv) ou en .docx, puis réessayez.",
    ]
    assert [w.value for w in at.warning] == ["Aucun texte à analyser : collez un texte ou ajoutez un fichier qui contient des mots."]


def test_the_pasted_text_and_the_choices_survive_other_pages_and_a_language_switch(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path, timeout=120).run()
    at.switch_page("pages/keywords.py").run()
    at.text_area(key="kw_text").input(TEXT)
    at.selectbox(key="kw_lang").select("fr")
    at.selectbox(key="kw_top").select(10)
    at.button[0].click().run()
    assert not at.exception
    at.switch_page("pages/calendar.py").run()
    at.sidebar.radio[0].set_value("en").run()
    at.switch_page("pages/keywords.py").run()
    assert not at.exception
    assert at.title[0].value == "Keywords"
    assert (at.text_area(key="kw_text").value, at.selectbox(key="kw_lang").value, at.selectbox(key="kw_top").value) == (
        TEXT, "fr", 10)
    assert list(at.data_editor(key="kwe_editor").value["phrase"])[:3] == [
        "community manager", "réseaux sociaux", "gestion de crise"]


def keyword_ids():
    engine = db.make_engine()
    with Session(engine) as s:
        ids = {k.phrase: k.id for k in s.exec(select(Keyword))}
    engine.dispose()
    return ids


def test_keywords_are_added_edited_merged_and_deleted_by_hand_on_the_screen(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path, timeout=120).run()
    at.switch_page("pages/keywords.py").run()
    before = stored_keywords()

    def add(phrase):
        at.text_input(key="kws_add_phrase").input(phrase)
        next(b for b in at.button if b.label == "Ajouter").click().run()
        assert not at.exception

    at.selectbox(key="kws_add_priority").select(1)
    add("robe d'été en lin")
    assert [s.value for s in at.success] == ["«\u202frobe d'été en lin\u202f» ajouté."]
    add("Robes d'été en lin")
    assert [e.value for e in at.error] == [
        "«\u202fRobes d'été en lin\u202f» est déjà enregistré sous la forme «\u202frobe d'été en lin\u202f»\u202f; "
        "modifiez-le plutôt que de l'ajouter une seconde fois."]
    at.selectbox(key="kws_add_priority").select(2)
    add("robe en lin d'été")
    add("linge de lit")
    assert [row for row in stored_keywords() if row not in before] == [
        ("robe d'été en lin", 1, "robe de ete en lin"), ("robe en lin d'été", 2, "robe en lin de ete"),
        ("linge de lit", 2, "linge de lit")]

    ids = keyword_ids()
    at.selectbox(key="kws_merge_keep").select(ids["robe d'été en lin"]).run()
    at.selectbox(key="kws_merge_other").select(ids["robe en lin d'été"]).run()
    at.button(key="kwsb_merge").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["«\u202frobe en lin d'été\u202f» fusionné dans «\u202frobe d'été en lin\u202f»."]

    at.selectbox(key="kws_edit_pick").select(ids["linge de lit"]).run()
    at.text_input(key=f"kws_edit_phrase_{ids['linge de lit']}").input("linge de lit en lin lavé")
    at.selectbox(key=f"kws_edit_priority_{ids['linge de lit']}").select(3)
    at.button(key="kwsb_edit").click().run()
    assert [s.value for s in at.success] == ["«\u202flinge de lit en lin lavé\u202f» enregistré (priorité\u00a0: basse)."]
    assert [row for row in stored_keywords() if row not in before] == [
        ("robe d'été en lin", 1, "robe de ete en lin"), ("linge de lit en lin lavé", 3, "linge de lit en lin lave")]

    at.selectbox(key="kws_edit_pick").select(ids["robe d'été en lin"]).run()
    at.button(key="kwsb_delete").click().run()
    assert [s.value for s in at.success] == ["«\u202frobe d'été en lin\u202f» supprimé."]
    assert [row for row in stored_keywords() if row not in before] == [
        ("linge de lit en lin lavé", 3, "linge de lit en lin lave")]


def test_the_screen_gives_the_extractor_the_brands_name_and_personas(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path, timeout=120).run()
    at.switch_page("pages/keywords.py").run()
    at.text_area(key="kw_text").input(
        "Maison Lila coud ses robes en lin lavé à Lyon. Camille porte la robe portefeuille de Maison Lila "
        "tous les jours. Camille aime les robes en lin lavé. Une robe portefeuille en lin se noue à la taille.")
    at.selectbox(key="kw_lang").select("fr")
    at.button[0].click().run()
    assert not at.exception
    assert list(at.data_editor(key="kwe_editor").value["phrase"]) == [
        "robes", "robes en lin lavé", "robe portefeuille", "lin", "robes en lin lavé à Lyon",
        "robe portefeuille en lin", "taille"]  # without the brand: also "robe portefeuille de Maison Lila" and "Camille aime"
