"""The exports Calame reads, each described by its columns in French and English.

A format is recognised by a subset of its columns (its ``signature``), because the column
set of one network's export changes with the account, the period and the year; every other
column is optional, and a metric whose column is absent stays unknown. The column names are
those of the exports as the networks' tools write them (Meta Business Suite, LinkedIn
Page analytics, X analytics old and new, TikTok Studio, YouTube Studio); docs/results.md
lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.language.text import fold

#: How a column's cells are read: ``count`` (a non-negative figure), ``rate`` (a fraction,
#: ``38%`` is 0.38), ``percent`` (a column whose header says "(%)": 5.2 is 0.052),
#: ``seconds`` (``0:12``), ``hours``; the others are text.
METRIC_KINDS = ("count", "rate", "percent", "seconds", "hours")


@dataclass(frozen=True)
class Column:
    field: str
    kind: str  # "id", "permalink", "published", "text", "type", "as_of", "account", or a METRIC_KINDS
    en: tuple[str, ...]
    fr: tuple[str, ...] = ()


@dataclass(frozen=True)
class Format:
    name: str
    network: str | None  # None: told by each row (Meta holds Facebook and Instagram)
    signature: tuple[str, ...]  # fields whose columns must all be present
    columns: tuple[Column, ...]

    def headers(self) -> dict[str, tuple[Column, str]]:
        """Folded header -> (column, language of that spelling: "fr", "en" or "" for both)."""
        out: dict[str, tuple[Column, str]] = {}
        for column in self.columns:
            for lang, names in (("en", column.en), ("fr", column.fr)):
                for name in names:
                    key = header_key(name)
                    if key in out and out[key][0] is column:
                        out[key] = (column, "")
                    else:
                        out.setdefault(key, (column, lang))
        return out


def header_key(text: str) -> str:
    return " ".join(fold(str(text)).replace("’", "'").split())


def C(field, kind, en, fr=()):
    return Column(field, kind, tuple(en) if isinstance(en, (list, tuple)) else (en,),
                  tuple(fr) if isinstance(fr, (list, tuple)) else (fr,) if fr else ())


META = Format("meta", None, ("id", "published", "permalink"), (
    C("id", "id", "Post ID", "Identifiant de la publication"),
    C("account", "account", ["Page name", "Account username", "Account name"],
      ["Nom de la Page", "Nom d'utilisateur du compte", "Nom du compte"]),
    C("text", "text", "Description", "Description"),
    C("title", "text", "Title", "Titre"),
    C("published", "published", "Publish time", "Heure de publication"),
    C("permalink", "permalink", "Permalink", "Permalien"),
    C("type", "type", "Post type", "Type de publication"),
    C("as_of", "as_of", "Date", "Date"),
    C("views", "count", "Views", "Vues"),
    C("reach", "count", "Reach", "Couverture"),
    C("interactions", "count", "Reactions, Comments and Shares", "Réactions, commentaires et partages"),
    C("reactions", "count", "Reactions", "Réactions"),
    C("likes", "count", "Likes", "J'aime"),
    C("comments", "count", "Comments", "Commentaires"),
    C("shares", "count", "Shares", "Partages"),
    C("saves", "count", "Saves", "Enregistrements"),
    C("follows", "count", "Follows", ["Suivis", "Abonnements"]),
    C("clicks", "count", "Total clicks", "Total des clics"),
    C("link_clicks", "count", "Link clicks", "Clics sur un lien"),
))

LINKEDIN = Format("linkedin", "linkedin", ("permalink", "published", "impressions"), (
    C("text", "text", "Post title", "Titre de la publication"),
    C("permalink", "permalink", "Post link", "Lien de la publication"),
    C("type", "type", ["Post type", "Content Type"], ["Type de publication", "Type de contenu"]),
    C("published", "published", "Created date", "Date de création"),
    C("impressions", "count", "Impressions", "Impressions"),
    C("views", "count", "Views (excluding off-site video views)", "Vues (hors vues de vidéos hors site)"),
    C("clicks", "count", "Clicks", "Clics"),
    C("ctr", "rate", ["Click through rate (CTR)", "CTR"], ["Taux de clics (CTR)", "CTR"]),
    C("likes", "count", ["Likes", "Reactions"], ["J'aime", "Réactions"]),
    C("comments", "count", "Comments", "Commentaires"),
    C("reposts", "count", "Reposts", ["Republications", "Partages"]),
    C("follows", "count", "Follows", ["Abonnements", "Nouveaux abonnés"]),
    C("engagement_rate", "rate", "Engagement rate", "Taux d'engagement"),
))

X_LEGACY = Format("x_legacy", "x", ("id", "published", "impressions"), (
    C("id", "id", "Tweet id"),
    C("permalink", "permalink", "Tweet permalink"),
    C("text", "text", "Tweet text"),
    C("published", "published", "time"),
    C("impressions", "count", "impressions"),
    C("engagements", "count", "engagements"),
    C("engagement_rate", "rate", "engagement rate"),
    C("reposts", "count", "retweets"),
    C("replies", "count", "replies"),
    C("likes", "count", "likes"),
    C("profile_clicks", "count", "user profile clicks"),
    C("link_clicks", "count", "url clicks"),
    C("follows", "count", "follows"),
    C("video_views", "count", "media views"),
))

X = Format("x", "x", ("id", "text", "published", "impressions"), (
    C("id", "id", "Post id", "Identifiant du post"),
    C("published", "published", "Date", "Date"),
    C("text", "text", "Post text", "Texte du post"),
    C("permalink", "permalink", "Post Link", "Lien du post"),
    C("impressions", "count", "Impressions", "Impressions"),
    C("likes", "count", "Likes", "J'aime"),
    C("engagements", "count", "Engagements", "Engagements"),
    C("saves", "count", "Bookmarks", "Signets"),
    C("shares", "count", "Shares", "Partages"),
    C("follows", "count", "New follows", "Nouveaux abonnements"),
    C("replies", "count", "Replies", "Réponses"),
    C("reposts", "count", "Reposts", "Reposts"),
    C("profile_clicks", "count", "Profile visits", "Visites du profil"),
    C("link_clicks", "count", "URL Clicks", "Clics sur l'URL"),
))

TIKTOK = Format("tiktok", "tiktok", ("permalink", "published", "views"), (
    C("text", "text", "Video title", "Titre de la vidéo"),
    C("permalink", "permalink", "Video link", "Lien de la vidéo"),
    C("published", "published", "Post time", "Heure de publication"),
    C("views", "count", "Total views", "Vues totales"),
    C("likes", "count", "Total likes", "Total des J'aime"),
    C("comments", "count", "Total comments", "Total des commentaires"),
    C("shares", "count", "Total shares", "Total des partages"),
    C("saves", "count", "Add to Favorites", "Ajouts aux favoris"),
    C("reach", "count", "Reached audience", "Audience atteinte"),
    C("avg_watch_seconds", "seconds", "Average watch time", "Durée moyenne de visionnage"),
))

YOUTUBE = Format("youtube", "youtube", ("id", "published", "views"), (
    C("id", "id", "Content", "Contenu"),
    C("text", "text", "Video title", "Titre de la vidéo"),
    C("published", "published", "Video publish time", "Heure de publication de la vidéo"),
    C("duration_seconds", "seconds", "Duration", "Durée"),
    C("views", "count", "Views", "Vues"),
    C("watch_hours", "hours", "Watch time (hours)", "Durée de visionnage (heures)"),
    C("follows", "count", "Subscribers", "Abonnés"),
    C("impressions", "count", "Impressions", "Impressions"),
    C("ctr", "percent", "Impressions click-through rate (%)", "Taux de clics des impressions (%)"),
    C("likes", "count", "Likes", "J'aime"),
    C("comments", "count", ["Comments added", "Comments"], ["Commentaires ajoutés", "Commentaires"]),
    C("shares", "count", "Shares", "Partages"),
    C("avg_watch_seconds", "seconds", "Average view duration", "Durée moyenne de visionnage"),
))

FORMATS = (META, LINKEDIN, X_LEGACY, X, TIKTOK, YOUTUBE)
FORMAT_NAMES = tuple(f.name for f in FORMATS)


@dataclass(frozen=True)
class Header:
    format: Format
    columns: dict[int, Column]  # cell index -> column
    language: str | None  # "fr", "en", or None when every header is spelled alike
    keys: tuple[str, ...]  # every header cell, folded


def recognise(cells: list) -> Header | None:
    """The format whose signature this header row holds (the one naming most columns when
    several do), or None."""
    keys = [header_key(c) if c is not None else "" for c in cells]
    best: Header | None = None
    best_count = 0
    for fmt in FORMATS:
        known = fmt.headers()
        columns: dict[int, Column] = {}
        votes = {"fr": 0, "en": 0}
        taken: set[str] = set()
        for index, key in enumerate(keys):
            hit = known.get(key)
            if hit is None or hit[0].field in taken:
                continue
            column, lang = hit
            columns[index] = column
            taken.add(column.field)
            if lang:
                votes[lang] += 1
        if not set(fmt.signature) <= taken or len(columns) <= best_count:
            continue
        language = None if votes["fr"] == votes["en"] else max(votes, key=votes.get)
        best, best_count = Header(fmt, columns, language, tuple(keys)), len(columns)
    return best
