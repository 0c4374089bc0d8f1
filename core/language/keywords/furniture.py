"""Page furniture out before keyword extraction: menus, cart and account links, prices,
shipping banners, opening hours, addresses, footers, cookie notices, review widgets.

HTML goes through jusText (Pomikálek, "Removing Boilerplate and Duplicate Content from
Web Corpora", 2011), a maintained boilerplate remover that classifies each block by its
length, link density and share of stop words; blocks inside ``nav``, ``footer``,
``aside``, ``form`` or ``header`` are furniture too, headings are kept (a product's
name is often a heading too short for jusText). Plain text (a page selected in a browser
and pasted) has no markup: a line is furniture when it repeats across the brand's texts,
when it belongs to a run of short lines without a sentence (a menu), or when it is made
of shop and page vocabulary (prices, cart, account, hours, phone numbers, star ratings).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from core.language.text import fold

_FURNITURE_PARENTS = re.compile(r"/(?:nav|footer|aside|form|header)(?:\[\d+\])?(?:/|$)")
_CONTENT_PARENTS = re.compile(r"/(?:main|article)(?:\[\d+\])?/")
_PRICE = re.compile(r"\d(?:[\d\s.]*\d)?(?:[,.]\d{2})?\s?(?:€|eur\b|euros?\b)|€\s?\d", re.I)
_HOURS = re.compile(r"\b\d{1,2}\s?h\s?(?:\d{2})?\s?(?:[-–à]|jusqu)\s?\d{1,2}\s?h", re.I)
_PHONE = re.compile(r"(?:\+33\s?|\b0)[1-9](?:[\s.]?\d{2}){4}\b")
_POSTCODE = re.compile(r"\b\d{5}\s+[A-ZÉÈ][\w' -]+$")
_STARS = re.compile(r"[★☆⭐]|\b\d(?:[,.]\d)?\s?(?:/\s?5|sur 5)\b|\(\d+\s*avis\)|\b\d+\s+avis\b", re.I)
_BREADCRUMB = re.compile(r"^[^.!?]{1,80}(?:\s[>›»/]\s[^.!?]{1,60}){1,}$")
# A street address ("12 rue de la Jonelière"), a day's opening hours ("Dimanche : fermé"),
# an author's byline ("Par le Dr Hélène Marchal, vétérinaire"): the frame of any French
# shop, practice or blog page.
_STREET = re.compile(r"^\d+(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse"
                     r"|quai|route|cours|square|passage|voie|rond-point)\b", re.I)
_WEEKDAY = re.compile(r"^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?:\s+(?:au|et|-)\s+\w+)?\s*:", re.I)
_BYLINE = re.compile(r"^(?:par|publié le|mis à jour le|rédigé par|écrit par)\s", re.I)
_BYLINE_WORDS = 12
# A line made of segments ("Robe longue Capucine en lin – 129 € – Ajouter au panier"): a
# product card names the product first, then its price and cart button.
_SEGMENTS = re.compile(r"\s[–|·•—-]\s")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bil y a \d+ (?:jours?|semaines?|mois|ans?)\b", re.I)
# Words of shop and page furniture: what a site's frame says on every page, whatever it sells.
_FRAME_WORDS = re.compile(
    r"\b(?:panier|mon compte|se connecter|connexion|s'inscrire|inscrivez-vous|créer un compte|mot de passe"
    r"|newsletter|cookies?|mentions légales|cgv|conditions générales|politique de confidentialité"
    r"|tous droits réservés|plan du site|paiement sécurisé|paiement en \d+ fois|sans frais"
    r"|livraison (?:offerte|gratuite)|retours? gratuits?|frais de port|en stock|expédiée?s? sous"
    r"|avis vérifiés?|trier par|filtrer|afficher \d+|voir (?:plus|tous|toutes|la collection)"
    r"|ajouter (?:au panier|à ma liste)|liste d'envies|partager sur|cet avis vous a|signaler"
    r"|tél\.?|horaires|ouvert du|fermé le|champs marqués)\b|©",
    re.I,
)
_SENTENCE = re.compile(r"[.!?…:;]\s|[.!?…]$|,\s\S+\s\S+")
_MENU_RUN = 3  # consecutive short lines without a sentence make a menu
_MENU_WORDS = 3
_FRAME_MAX_WORDS = 30


@lru_cache(maxsize=1)
def _stoplist() -> frozenset:
    import justext

    return justext.get_stoplist("French")


def main_text(html: str) -> str:
    """The content blocks of an HTML page, one a line (headings kept), or "" when jusText
    finds none."""
    return page_parts(html)[0]


def page_parts(html: str) -> tuple[str, set]:
    """(content blocks one a line, folded texts of the page's frame blocks: its menu,
    header and footer items), so that a menu item printed again in the content as a
    kicker ("Conseils véto" above a post's title) is known as furniture."""
    import justext

    try:
        paragraphs = justext.justext(html, _stoplist(), length_low=30, length_high=100, no_headings=False)
    except Exception:  # jusText raises on markup lxml cannot parse at all
        return "", set()
    lines, frame = [], set()
    for p in paragraphs:
        xpath = p.xpath or ""
        if _FURNITURE_PARENTS.search(xpath):
            frame.add(fold(" ".join(p.text.split())))
            continue
        # A page that marks its content (``main``, ``article``) says where it is: its short
        # blocks (a category's intro, product cards) go to the line rules below instead.
        if p.is_heading or p.cf_class != "bad" or p.class_type == "good" or _CONTENT_PARENTS.search(xpath):
            lines.append(p.text)
    return "\n".join(lines), frame


def is_furniture(line: str) -> bool:
    """A line of shop or page frame: prices, cart and account words, hours, phone, stars.
    A long line is a paragraph, whatever words it holds ("la connexion", "3 000 euros")."""
    if len(line.split()) > _FRAME_MAX_WORDS:
        return False
    if _BYLINE.match(line) and len(line.split()) <= _BYLINE_WORDS:
        return True
    return bool(_STREET.match(line) or _WEEKDAY.match(line) or _PRICE.search(line) or _HOURS.search(line) or _PHONE.search(line) or _POSTCODE.search(line)
                or _STARS.search(line) or _BREADCRUMB.match(line) or _DATE.search(line)
                or _FRAME_WORDS.search(line))


def _short(line: str) -> bool:
    return len(line.split()) <= _MENU_WORDS and not _SENTENCE.search(line)


def strip_furniture(texts: list[str], frame: set | None = None) -> list[str]:
    """``texts`` without their furniture lines (see the module docstring); a text whose
    lines are all furniture becomes "". ``frame``: folded lines known as a site's menu,
    header or footer items (``page_parts``)."""
    frame = frame or set()
    split = [[" ".join(line.split()) for line in t.split("\n")] for t in texts]
    seen = Counter(fold(line) for lines in split for line in set(lines) if line)
    out = []
    for lines in split:
        keep = [True] * len(lines)
        for i, line in enumerate(lines):
            if not line:
                continue
            if (len(texts) > 1 and seen[fold(line)] > 1) or fold(line) in frame:
                keep[i] = False
            elif is_furniture(line):
                head = _SEGMENTS.split(line, maxsplit=1)[0]
                if head != line and len(head.split()) >= 2 and not is_furniture(head):
                    lines[i] = head  # the product a card names, without its price and button
                else:
                    keep[i] = False
        # A run of short or furniture lines is a menu, a footer or a form, short lines included.
        i, n = 0, len(lines)
        while i < n:
            j = i
            while j < n and lines[j] and (_short(lines[j]) or not keep[j]):
                j += 1
            if j - i >= _MENU_RUN:
                keep[i:j] = [False] * (j - i)
            i = max(j, i + 1)
        out.append("\n".join(line for line, k in zip(lines, keep) if k))
    return out
