"""The Word debrief of a crisis, read back through LibreOffice as a client's word processor
would: French labels and dates in the brand's time zone, the timeline from the log, what
was said, the checkpoints, the lessons, the suspended posts and their new dates; no
internal code anywhere."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document

from core import db
from core.brands import create_brand
from core.crisis.course import accept_date, assess, crisis_of, record_said, save_lessons, tick
from core.crisis.debrief import build_debrief
from core.crisis.file import import_text
from core.crisis.suspension import end_crisis, start_crisis
from core.posts import create_post
from tests.conftest import ROOT

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=timezone.utc)  # Wednesday 10 March 2027, 10:00 in Paris


@pytest.fixture
def debriefed(engine):
    """Maison Lila's defective-dress crisis, from the alert to the lessons, one date accepted."""
    with db.transaction(engine) as s:
        brand = create_brand("Maison Lila", session=s, timezone="Europe/Paris")
        import_text(brand.id, (ROOT / "data" / "demo" / "crisis.toml").read_text(encoding="utf-8"), session=s)
        refs = [create_post(brand.id, session=s, publish_at=NOW + timedelta(hours=hours), network="instagram",
                            text=text, status=status).ref
                for hours, text, status in [(3, "Nos robes d'été arrivent !", "programme"),
                                            (50, "Trois façons de porter la robe Lila.", "valide")]]
    with db.transaction(engine) as s:
        start_crisis(brand.id, 72, session=s, now=NOW, by="Inès")
        crisis = crisis_of(brand.id, session=s)
        assess(crisis, session=s, risk="Défaut sur un vêtement", by="Inès", now=NOW + timedelta(minutes=5))
        tick(crisis, "plus_15_min", session=s, by="Inès", now=NOW + timedelta(minutes=12))
        record_said(crisis, "Nous avons bien vu vos messages au sujet du défaut de couture signalé sur la robe Lila.",
                    template="holding", session=s, by="Inès", now=NOW + timedelta(minutes=14))
        record_said(crisis, "Merci pour votre message. Pouvez-vous nous écrire en message privé\u202f?", session=s,
                    by="Claire", now=NOW + timedelta(minutes=50))
    with db.transaction(engine) as s:
        end_crisis(brand.id, session=s, now=NOW + timedelta(hours=30), by="Claire")
    with db.transaction(engine) as s:
        crisis = crisis_of(brand.id, session=s)
        save_lessons(crisis, worked="Le message d’attente est parti en 14 minutes.",
                     change="Ajouter le numéro du service client au dossier.", session=s, by="Claire",
                     now=NOW + timedelta(hours=31))
        accept_date(crisis, refs[0], session=s, by="Inès", now=NOW + timedelta(hours=31))
    with db.transaction(engine) as s:
        return build_debrief(brand.id, session=s), refs


def _text(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return lines


def test_the_debrief_has_the_summary_timeline_what_was_said_lessons_and_rescheduling_in_french(debriefed):
    made, (soon, later) = debriefed
    assert made.filename == "Maison-Lila-debrief-crise-1.docx" and made.events == 12
    lines = _text(made.data)
    assert lines[:2] == ["Débrief de crise — Maison Lila",
                         "Crise n° 1, du mercredi 10 mars 2027 à 10\u00a0h\u00a000 au jeudi 11 mars 2027 à "
                         "16\u00a0h\u00a000 (heure de Europe/Paris)."]
    assert {"Synthèse", "Chronologie", "Ce qui a été dit", "Points d’étape", "Ce qui a fonctionné",
            "Ce qu’il faut changer dans le dossier de crise", "Publications suspendues et reprogrammation",
            "Le message d’attente est parti en 14 minutes.", "Ajouter le numéro du service client au dossier.",
            "mercredi 10 mars 2027 à 10\u00a0h\u00a014 — Message d’attente (Inès)",
            "mercredi 10 mars 2027 à 10\u00a0h\u00a050 — Message rédigé à la main (Claire)"} <= set(lines)
    assert "Type de crise | Accident" in lines and "Risque du dossier de crise | Défaut sur un vêtement" in lines
    assert "mercredi 10 mars 2027 à 10\u00a0h\u00a005 | Inès | Gravité 2. Type\u00a0: Accident. Risque du dossier\u00a0: " \
           "Défaut sur un vêtement." in lines
    assert f"mercredi 10 mars 2027 à 10\u00a0h\u00a000 | Inès | {soon} suspendue (était\u00a0: Programmé)." in lines
    assert "+15 min — Alerter la cellule de crise, publier le message d’attente, geler les publications | " \
           "mercredi 10 mars 2027 à 10\u00a0h\u00a015 | Le mercredi 10 mars 2027 à 10\u00a0h\u00a012 (Inès)" in lines
    assert [line for line in lines if line.startswith("LILA-")] == [
        f"{soon} | Programmé | mercredi 10 mars 2027 à 13\u00a0h\u00a000 | Reprogrammée au samedi 13 mars 2027 à "
        f"13\u00a0h\u00a000 | À valider",
        f"{later} | Validé | vendredi 12 mars 2027 à 12\u00a0h\u00a000 | Proposée\u00a0: dimanche 14 mars 2027 à "
        f"12\u00a0h\u00a000 (à accepter) | À valider"]


def test_no_internal_code_reaches_the_client(debriefed):
    made, _ = debriefed
    text = "\n".join(_text(made.data))
    assert re.findall(r"\b(a_valider|programme|suspendu|valide|victim|preventable|plus_15_min|day_3|holding)\b",
                      text) == []


def test_the_english_debrief_has_english_labels_and_dates(engine, debriefed):
    with db.transaction(engine) as s:
        lines = _text(build_debrief(1, session=s, lang="en").data)
    assert lines[:2] == ["Crisis debrief — Maison Lila",
                         "Crisis 1, from Wednesday 10 March 2027, 10:00 to Thursday 11 March 2027, 16:00 "
                         "(Europe/Paris time)."]
    assert "What to change in the crisis file" in lines


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_debrief_and_reads_its_french_text(debriefed, tmp_path):
    made, (soon, _) = debriefed
    source = tmp_path / made.filename
    source.write_bytes(made.data)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "txt:Text", "--outdir", str(tmp_path / "txt"), str(source)],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "txt" / source.with_suffix(".txt").name).read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "Débrief de crise — Maison Lila"
    assert "Crise terminée\u00a0: 2 publications remises «\u00a0à valider\u00a0», 0 laissée telle quelle." \
        in lines
    assert f"{soon} reprogrammée au samedi 13 mars 2027 à 13\u00a0h\u00a000, toujours «\u00a0à valider\u00a0»." in lines
    assert "Reprogrammée au samedi 13 mars 2027 à 13\u00a0h\u00a000" in lines
