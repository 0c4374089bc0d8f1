"""A rubric's episodes are written from the subjects the brief gives it (``items``), one an
episode in date order, never repeated on their own; an episode left without one keeps its gap,
says what to write, and the plan counts them (docs/drafts.md, « Rubric subjects »)."""

import copy
import tomllib
from datetime import date, timedelta

from core.planning.drafts import DraftWriter, Slot
from core.planning.planner import plan_brief
from core.planning.rubrics import RubricSubjects, subject_of
from tests.conftest import ROOT

NB = "\u00a0"
NNB = "\u202f"  # the fine space before « ; » and « ! »
MONDAY = date(2027, 3, 1)
LEGUME = {"name": "le légume du lundi", "weekday": 0, "networks": ["instagram", "facebook"],
          "description": "un légume du panier, d'où il vient et comment le cuisiner",
          "items": ["la courge butternut de Vertou : en velouté ou rôtie au four, elle tient tout l'hiver au cellier",
                    "le poireau d'hiver : en vinaigrette tiède, avec un œuf mollet",
                    "la mâche nantaise : en salade, avec des noix et de la betterave"]}
PANIER = {"name": "panier famille", "kind": "produit", "gender": "m",
          "description": "un panier de 7 à 8 légumes de saison pour une famille de quatre",
          "proofs": ["environ 6 kg de légumes bio"], "link": "https://paniersdelasevre.fr/panier-famille"}


def farm(rubric=LEGUME, **kw):
    return DraftWriter(brand_name="Les Paniers de la Sèvre", address="tu", sector="autre",
                       sector_other="maraîchage bio, paniers de légumes livrés", offers=[PANIER],
                       rubrics=[rubric], channels=["instagram", "facebook"], **kw)


def monday(w, week, network="instagram", fmt="image_texte"):
    return w.write(Slot(day=MONDAY + timedelta(weeks=week), network=network, format=fmt, intent="inform",
                        objective="conversion"), seed=week)


def test_a_rubric_with_three_subjects_gets_them_in_date_order_on_its_three_first_episodes():
    w = farm()
    drafts = [monday(w, i) for i in range(4)]
    parts = [d.text.split("\n\n") for d in drafts]
    assert [p[1] for p in parts[:3]] == [
        "En velouté ou rôtie au four, elle tient tout l’hiver au cellier.",
        "En vinaigrette tiède, avec un œuf mollet.",
        "En salade, avec des noix et de la betterave."]
    heads = ["la courge butternut de Vertou", "le poireau d’hiver", "la mâche nantaise"]
    assert all(head in p[0] and "légume du lundi" in p[0].lower() for head, p in zip(heads, parts))
    # the rubric's own call, never an offer the post does not speak of
    assert all("panier" not in d.text.lower() and "lien" not in d.text for d in drafts[:3])
    assert [d.note for d in drafts[:3]] == ["", "", ""]
    # the fourth episode has no subject left: its gap says what to write, for which episode
    assert parts[3][1] == (f"[À compléter{NB}: un légume du panier, d’où il vient et comment le cuisiner — "
                           "le sujet du 22 mars, en une ou deux phrases]")
    assert drafts[3].note.startswith(f"Rubrique «{NB}le légume du lundi{NB}»{NB}: le brief ne donne pas de sujet "
                                     "pour cet épisode. Écrivez-le (un légume du panier")


def test_both_networks_of_one_episode_get_the_same_subject_in_two_different_posts():
    w = farm()
    instagram, facebook = monday(w, 0, "instagram"), monday(w, 0, "facebook")
    assert instagram.text.split("\n\n")[1] == facebook.text.split("\n\n")[1] == \
        "En velouté ou rôtie au four, elle tient tout l’hiver au cellier."
    assert instagram.text != facebook.text
    assert monday(w, 1, "facebook").text.split("\n\n")[1] == "En vinaigrette tiède, avec un œuf mollet."


def test_the_visual_brief_of_a_rubric_names_its_subject_and_not_the_brand():
    w = farm()
    photo = monday(w, 0)
    quote = monday(w, 1, "facebook", "temoignage")  # a rubric is no testimonial: the photo layout
    gap = [monday(w, i) for i in range(2, 4)][-1]
    assert photo.visual_brief == (f"visuel{NB}: photo, format 4:5 (1080×1350){NB}: «{NB}la courge butternut de "
                                  f"Vertou{NB}», le sujet du légume du lundi{NNB}; texte incrusté court (5 mots au plus)")
    assert quote.visual_brief == (f"visuel{NB}: photo, format 4:5 (1080×1350){NB}: «{NB}le poireau d’hiver{NB}», "
                                  f"le sujet du légume du lundi{NNB}; texte incrusté court (5 mots au plus)")
    assert gap.visual_brief == (f"visuel{NB}: photo, format 4:5 (1080×1350){NB}: ce que présente le légume du lundi "
                                f"du 22 mars (le sujet reste à choisir, avec le texte){NNB}; texte incrusté court "
                                "(5 mots au plus)")
    assert "Paniers de la Sèvre" not in photo.visual_brief + quote.visual_brief + gap.visual_brief


def test_a_rubric_whose_subjects_run_out_warns_once_with_the_episodes_left_to_write():
    w = farm()
    for i in range(5):
        monday(w, i, "instagram")
        monday(w, i, "facebook")
    assert w.rubric_warning("fr") == [
        f"Rubrique «{NB}le légume du lundi{NB}»{NB}: ses sujets du brief sont épuisés (3){NB}; 2 épisodes sur 5 à "
        f"écrire dans le plan («{NB}[À compléter{NB}: …]{NB}»), à partir du 22 mars 2027. Ajoutez les sujets "
        "suivants (champ items de la rubrique dans le brief, ou Stratégie › Rubriques, un sujet par ligne)"
        f"{NB}: un sujet n’est jamais repris, sauf écrit à nouveau dans la liste."]
    assert w.rubric_warning("en") == [
        "Series \"le légume du lundi\": its subjects in the brief are used up (3); 2 episodes out of 5 to write in "
        "the plan (\"[To write: …]\"), from 22 March 2027. Add the next subjects (the series' items in the brief, "
        "or Strategy › Series, one subject a line): a subject is never used twice unless written again in the list."]


def test_a_rubric_without_subjects_warns_with_the_count_of_its_episodes_in_the_plan():
    with (ROOT / "data" / "demo" / "brief.toml").open("rb") as fh:
        brief = copy.deepcopy(tomllib.load(fh))
    del brief["rubrics"][0]["items"]
    result = plan_brief(brief, date(2027, 1, 1), 3, seed=0, score=False, options={"grammar": False})
    gaps = [p for p in result.posts if f"[À compléter{NB}:" in p["text"]]
    episodes = {date.fromisoformat(p["date"]).isocalendar()[:2] for p in gaps}
    assert len(episodes) == 13
    assert all("conseil entretien du mardi" in p["text"].split("\n\n")[0].lower() for p in gaps)
    assert [w for w in result.warnings if "le conseil entretien du mardi" in w] == [
        f"Rubrique «{NB}le conseil entretien du mardi{NB}»{NB}: aucun sujet dans le brief, donc 13 épisodes à écrire "
        f"dans le plan («{NB}[À compléter{NB}: …]{NB}»), à partir du 5 janvier 2027. Donnez-lui ses prochains sujets "
        "(champ items de la rubrique dans le brief, ou Stratégie › Rubriques, un sujet par ligne)"
        f"{NB}: chaque épisode prend le suivant, dans l’ordre des dates."]


def test_the_demo_plan_gives_its_tips_in_order_and_the_same_with_another_seed():
    with (ROOT / "data" / "demo" / "brief.toml").open("rb") as fh:
        brief = tomllib.load(fh)
    heads = [subject_of(i).head.replace("'", "’") for i in brief["rubrics"][0]["items"]]

    def tips(seed):
        """The tip each episode names, in date order."""
        posts = plan_brief(copy.deepcopy(brief), date(2027, 1, 1), 3, seed=seed, score=False,
                           options={"grammar": False}).posts
        named = [next((h for h in heads if h in p["text"]), "[gap]") for p in posts
                 if "conseil entretien du mardi" in p["text"].split("\n\n")[0].lower()]
        return list(dict.fromkeys(named))

    assert tips(0) == tips(3) == [*heads, "[gap]"]


def test_a_kept_post_that_gave_a_subject_is_not_given_it_again():
    w = farm()
    w.remember_kept(MONDAY, "🗓️ Le légume du lundi : la courge butternut de Vertou.\n\nEn velouté.")
    assert monday(w, 0).text.split("\n\n")[1] == "En vinaigrette tiède, avec un œuf mollet."


def test_a_subject_is_what_its_line_names_and_the_rest_is_its_body_line():
    assert subject_of("la courge butternut de Vertou : en velouté ou rôtie au four") == subject_of(
        "la courge butternut de Vertou : en velouté ou rôtie au four")
    assert (subject_of("la courge butternut de Vertou : en velouté ou rôtie au four").head,
            subject_of("la courge butternut de Vertou : en velouté ou rôtie au four").more) == (
        "la courge butternut de Vertou", "En velouté ou rôtie au four.")
    assert (subject_of("Ethiopia Guji — jasmine and bergamot, peach as it cools").head,
            subject_of("Ethiopia Guji — jasmine and bergamot, peach as it cools").more) == (
        "Ethiopia Guji", "Jasmine and bergamot, peach as it cools.")
    tip = subject_of("Brossez-vous les dents deux minutes. Le minuteur du téléphone aide !")
    assert (tip.head, tip.more) == ("Brossez-vous les dents deux minutes", "Le minuteur du téléphone aide !")
    assert (subject_of("le fil dentaire, chaque soir.").head, subject_of("le fil dentaire, chaque soir.").more) == (
        "le fil dentaire, chaque soir", "")


def test_an_episode_keeps_its_subject_when_it_is_written_again():
    subjects = RubricSubjects([LEGUME])
    first = subjects.subject("le légume du lundi", MONDAY)
    assert subjects.subject("le légume du lundi", MONDAY) is first  # a grammar rewrite, the other network
    assert subjects.subject("le légume du lundi", MONDAY + timedelta(weeks=1)).head == "le poireau d'hiver"


def test_an_english_rubric_is_written_from_its_subject_with_english_calls():
    roast = {"name": "Roast Day Tuesday", "weekday": 1, "networks": ["instagram"],
             "description": "what's on the roaster this week and how it tastes",
             "items": ["Ethiopia Guji: jasmine and bergamot up front, peach as it cools"]}
    w = DraftWriter(brand_name="Ancoats Roasting Co.", lang="en", address="tu", sector="ecommerce", rubrics=[roast],
                    channels=["instagram"], country="GB")
    d = w.write(Slot(day=MONDAY + timedelta(days=1), network="instagram", format="image_texte", intent="inform",
                     objective="engagement"), seed=0)
    hook, body, call = d.text.split("\n\n")[:3]
    assert "Ethiopia Guji" in hook and "Roast Day Tuesday" in hook
    assert body == "Jasmine and bergamot up front, peach as it cools."
    assert call in ("📅 See you next Tuesday for the next one.",
                    "💬 Tell us what you think in the comments, and see you next Tuesday!",
                    "🔔 Follow us so you never miss an episode of Roast Day Tuesday.")
    assert d.visual_brief == ("visual: photo, 4:5 (1080×1350): \"Ethiopia Guji\", this episode of Roast Day Tuesday; "
                              "short overlay text (5 words at most)")
