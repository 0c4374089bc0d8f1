"""A brand's year of planned posts and the six exports of what they did, written as the
networks' tools write them (Meta for Facebook and for Instagram, LinkedIn's workbook,
X's legacy CSV, TikTok Studio, YouTube Studio), for the report's tests and the benchmark.

The figures are drawn from a seeded generator around each network's usual rate, with
known effects built in: the pillar « Coulisses de l'atelier » and the lunchtime posts
do better than the rest, the « Promotions » pillar worse. Tests assert that the report finds
them, not the figures themselves.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.results.xlsx import xlsx_bytes

PARIS = ZoneInfo("Europe/Paris")
NETWORKS = ("facebook", "instagram", "linkedin", "x", "tiktok", "youtube")
PILLARS = (("Coulisses de l'atelier", 40.0), ("Conseils de style", 35.0), ("Promotions", 25.0))
EFFECT = {"Coulisses de l'atelier": 1.5, "Conseils de style": 1.0, "Promotions": 0.6}
HOURS = ((12, 30), (18, 30), (9, 0))
HOUR_EFFECT = {12: 1.35, 18: 1.0, 9: 0.9}
FORMATS = ("carrousel", "reel", "image_texte")
TOPICS = ("la robe Lila en lin lavé", "nos foulards en soie imprimée", "le tablier de l'atelier",
          "la veste en velours côtelé", "les boutons en corozo", "la jupe portefeuille", "le col Claudine",
          "nos patrons de couture", "la chemise en popeline", "les teintures végétales", "le manteau en laine bouillie",
          "la blouse brodée main", "nos chutes de tissu recyclées", "le pantalon large", "la robe de mariée sur mesure",
          "les retouches en boutique", "la capsule hiver", "nos fournisseurs lyonnais", "le sac cabas en toile",
          "les ateliers d'initiation")
BASE_RATE = {"facebook": 0.045, "instagram": 0.06, "linkedin": 0.035, "x": 0.025, "tiktok": 0.08, "youtube": 0.04}


@dataclass
class Planned:
    network: str
    publish_at: datetime
    text: str
    pillar: str
    format: str
    external_id: str


def plan(count: int, start: date = date(2027, 1, 4), seed: int = 7) -> list[Planned]:
    """``count`` posts over a year, the six networks in turn, three hours of the day."""
    rng = random.Random(seed)
    posts = []
    span = 364 * 24 * 60 // max(1, count)
    for i in range(count):
        network = NETWORKS[i % 6]
        day = datetime.combine(start, datetime.min.time()) + timedelta(minutes=span * i)
        hour, minute = HOURS[(i // 6) % 3]
        when = day.replace(hour=hour, minute=minute, tzinfo=PARIS)
        pillar = PILLARS[rng.randrange(3)][0]
        topic = TOPICS[(i * 7 + i // 20) % len(TOPICS)]
        text = (f"{pillar} n°{i + 1} : on vous parle de {topic}, {rng.choice(('en détail', 'en vidéo', 'en images'))} "
                f"et avec le sourire de l'équipe {rng.choice(('de Lyon', 'de la boutique', 'du samedi'))}.")
        posts.append(Planned(network, when, text, pillar, FORMATS[i % 3], f"{1_800_000_000 + i}"))
    return posts


def _figures(post: Planned, rng: random.Random) -> tuple[int, int]:
    """(denominator, interactions) with the built-in effects."""
    audience = int(rng.uniform(800, 6000))
    rate = BASE_RATE[post.network] * EFFECT[post.pillar] * HOUR_EFFECT[post.publish_at.hour] * rng.lognormvariate(0, 0.25)
    return audience, int(audience * rate)


def _csv(header: list[str], rows: list[list], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def exports(posts: list[Planned], seed: int = 11) -> dict[str, bytes]:
    """File name -> bytes of each network's export of ``posts``."""
    rng = random.Random(seed)
    by: dict[str, list] = {n: [] for n in NETWORKS}
    for p in posts:
        by[p.network].append((p, *_figures(p, rng)))
    files = {}
    meta_header = ["Post ID", "Account username", "Description", "Publish time", "Permalink", "Post type", "Date",
                   "Views", "Reach", "Reactions", "Likes", "Comments", "Shares", "Saves"]
    for network, host in (("facebook", "facebook.com/maisonlila/posts"), ("instagram", "instagram.com/p")):
        rows = []
        for p, reach, interactions in by[network]:
            local = p.publish_at.astimezone(PARIS)
            comments, shares = interactions // 6, interactions // 8
            rest = interactions - comments - shares
            rows.append([p.external_id, "maisonlila", p.text, local.strftime("%m/%d/%Y %H:%M"),
                         f"https://www.{host}/{p.external_id}", "IG carousel" if network == "instagram" else "Photos",
                         "Lifetime", reach * 2, reach, rest if network == "facebook" else "",
                         rest if network == "instagram" else "", comments, shares, "" if network == "facebook" else 0])
        files[f"meta_{network}.csv"] = _csv(meta_header, rows)
    rows = [["Post title", "Post link", "Post type", "Created date", "Impressions", "Clicks", "CTR", "Likes",
             "Comments", "Reposts", "Follows", "Engagement rate"]]
    for p, impressions, interactions in by["linkedin"]:
        clicks = interactions // 2
        rows.append([p.text, f"https://www.linkedin.com/feed/update/urn:li:activity:{p.external_id}", "Image",
                     p.publish_at.strftime("%m/%d/%Y"), impressions, clicks, round(clicks / impressions, 4),
                     interactions - clicks, 2, 1, 0, round(interactions / impressions, 4)])
    files["linkedin_content.xlsx"] = xlsx_bytes([["Content export: Maison Lila, 2027"], *rows])
    files["x_legacy.csv"] = _csv(
        ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements", "retweets", "replies", "likes"],
        [[p.external_id, f"https://twitter.com/maisonlila/status/{p.external_id}", p.text,
          p.publish_at.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%d %H:%M +0000"), impressions, interactions,
          interactions // 5, interactions // 10, interactions - interactions // 5 - interactions // 10]
         for p, impressions, interactions in by["x"]])
    files["tiktok_studio.csv"] = _csv(
        ["Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares", "Total views",
         "Add to Favorites"],
        [[p.text, f"https://www.tiktok.com/@maisonlila/video/{p.external_id}", p.publish_at.strftime("%b %d"),
          interactions - interactions // 4, interactions // 8, interactions // 8, views, 0]
         for p, views, interactions in by["tiktok"]])
    files["Table data.csv"] = _csv(
        ["Content", "Video title", "Video publish time", "Views", "Likes", "Comments added", "Shares"],
        [["Total", "", "", sum(v for _, v, _ in by["youtube"]), "", "", ""]] + [
            [f"yt{p.external_id}", p.text, p.publish_at.strftime("%b %d, %Y"), views,
             interactions - interactions // 5, interactions // 10, interactions // 10]
            for p, views, interactions in by["youtube"]])
    return files


def load_brand(session, posts: list[Planned], name: str = "Atelier Lila") -> int:
    """A brand with the three pillars, two personas (taking turns) and ``posts`` in its calendar,
    those of the last days of May for Mother's Day."""
    from sqlmodel import select

    from core.brands import create_brand
    from core.models import Persona, Pillar
    from core.posts import create_post

    brand = create_brand(name, session=session, timezone="Europe/Paris")
    pillars = {}
    for pillar_name, share in PILLARS:
        pillar = Pillar(brand_id=brand.id, name=pillar_name, target_share=share)
        session.add(pillar)
        session.flush()
        pillars[pillar_name] = pillar.id
    session.add(Persona(brand_id=brand.id, name="Camille, citadine active", active_hours=["12:00-14:00"]))
    session.add(Persona(brand_id=brand.id, name="Hélène, fidèle de la boutique", active_hours=["18:00-21:00"]))
    session.flush()
    personas = [p.id for p in session.exec(select(Persona).where(Persona.brand_id == brand.id).order_by(Persona.id))]
    for index, p in enumerate(posts):
        create_post(brand.id, session=session, network=p.network, publish_at=p.publish_at, text=p.text,
                    pillar_id=pillars[p.pillar], format=p.format, persona_id=personas[index % 2],
                    event="Fête des mères" if p.publish_at.month == 5 and p.publish_at.day >= 20 else "")
    return brand.id
