"""The « Sponsorisation » screen: which posts to sponsor in a period, within a budget, checked
against each platform's minimums, then stored for the client's approval with the calendar.
Everything it computes or writes goes through ``core.media``."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from core import refdata
from core.dates import add_months
from core.media.allocation import TIERS, check_split, default_split
from core.media.costs import read_costs, save_costs
from core.media.plan import lines_of, media_plan, parse_budget, planned_posts, save_media_plan, set_sponsor
from core.media.rules import MediaError, currency_of, money
from core.i18n import MessageError
from core.models import Brand
from pages import frame
from pages.frame import KEEP, lang, md, tr, trn

L = lang()
bid = frame.require_brand()
st.title(tr("media.title"))
st.caption(tr("media.intro"))

with frame.session() as s:
    brand = s.get(Brand, bid)
    brand_name, currency, tz = brand.name, currency_of(brand.country), ZoneInfo(brand.timezone)

first = add_months(date.today().replace(day=1), 1)
c1, c2, c3 = st.columns(3)
start = c1.date_input(tr("media.from"), value=first, format="DD/MM/YYYY", key="media_from", persist_state=KEEP)
end = c2.date_input(tr("media.to"), value=add_months(first, 1) - timedelta(days=1), format="DD/MM/YYYY",
                    key="media_to", persist_state=KEEP)
budget_text = c3.text_input(tr("media.budget", currency=currency), value="1000", key="media_budget",
                            persist_state=KEEP)

defaults = default_split()
cols = st.columns(3)
shares = {tier: cols[i].number_input(tr(f"media.tier_{tier}") + " (%)", min_value=0, max_value=100,
                                     value=int(defaults[tier]), step=5, key=f"media_split_{tier}",
                                     persist_state=KEEP)
          for i, tier in enumerate(TIERS)}

st.subheader(tr("media.flag_title"))
st.caption(tr("media.flag_help"))
with frame.session() as s:
    posts = [{"id": p.id, "ref": p.ref, "day": p.publish_at.astimezone(tz), "network": p.network, "text": p.text, "sponsor": p.sponsor}
             for p in planned_posts(bid, start, end, session=s)]
if not posts:
    st.info(tr("media.no_posts"))
else:
    rows = [{tr("media.col_sponsor"): p["sponsor"], tr("media.col_ref"): p["ref"],
             tr("media.col_date"): p["day"].strftime("%d/%m/%Y"),
             tr("media.col_network"): refdata.label(refdata.NETWORKS, p["network"], L),
             tr("media.col_text"): (p["text"].strip().splitlines() or [""])[0][:90]} for p in posts]
    edited = st.data_editor(rows, key="media_flags", hide_index=True, use_container_width=True,
                            disabled=[tr("media.col_ref"), tr("media.col_date"), tr("media.col_network"),
                                      tr("media.col_text")])
    changed = [(p, row[tr("media.col_sponsor")]) for p, row in zip(posts, edited)
               if bool(row[tr("media.col_sponsor")]) != p["sponsor"]]
    if changed and st.button(trn("media.flag_save", len(changed)), key="media_flag_save"):
        try:
            frame.write(lambda s: [set_sponsor(p["id"], wanted, session=s) for p, wanted in changed])
        except MediaError as exc:
            st.error(frame.say(exc))
        else:
            st.session_state["media_notice"] = trn("media.flag_saved", len(changed))
            st.rerun()

if "media_notice" in st.session_state:
    st.success(st.session_state.pop("media_notice"))

st.subheader(tr("media.plan_title"))
try:
    budget = parse_budget(budget_text)
    split = check_split(shares)
    if end < start:
        raise MediaError("media.bad_period", start=start.strftime("%d/%m/%Y"), end=end.strftime("%d/%m/%Y"))
except MediaError as exc:
    st.error(frame.say(exc))
    st.stop()

with frame.session() as s:
    plan = media_plan(bid, budget, start, end, session=s, split=split, lang=L)
    result = plan.to_dict(L)

spent = sum(line["amount"] for line in result["lines"])
m1, m2, m3 = st.columns(3)
m1.metric(tr("media.allocated"), money(spent, currency, L))
m2.metric(tr("media.unallocated"), money(result["unallocated"], currency, L))
m3.metric(tr("media.line_count"), len(result["lines"]))
if result["lines"]:
    table = [{tr("media.col_ref"): row["ref"], tr("media.col_network"): refdata.label(refdata.NETWORKS, row["network"], L),
              tr("media.col_tier"): tr(f"media.tier_{row['tier']}"),
              tr("media.col_amount"): money(row["amount"], currency, L),
              tr("media.col_daily"): money(row["daily"], currency, L),
              tr("media.col_dates"): f"{date.fromisoformat(row['start']).strftime('%d/%m')} – "
                                     f"{date.fromisoformat(row['end']).strftime('%d/%m/%Y')}",
              tr("media.col_audience"): f"{row['audience']['persona'] or '—'}, {row['audience']['age_min']}–"
                                        f"{row['audience']['age_max']}, {', '.join(row['audience']['places'])}",
              tr("media.col_expected"): tr("media.expected", reach=f"{row['expected']['reach']:,}".replace(",", "\u202f")
                                           if L == "fr" else f"{row['expected']['reach']:,}",
                                           clicks=row["expected"]["clicks"]),
              tr("media.col_reason"): row["reason"]} for row in result["lines"]]
    st.dataframe(table, hide_index=True, use_container_width=True)
    by_network: dict[str, float] = {}
    for row in result["lines"]:
        name = refdata.label(refdata.NETWORKS, row["network"], L)
        by_network[name] = by_network.get(name, 0) + row["amount"]
    st.bar_chart({tr("media.col_amount"): by_network}, x_label=tr("media.col_network"),
                 y_label=tr("media.col_amount"))
if any(row["expected"]["costs"] == "benchmark" for row in result["lines"]):
    st.caption(tr("media.costs_estimate", dated=refdata.load("media_costs.toml")["dated"].strftime("%d/%m/%Y")))
for warning in result["warnings"]:
    st.warning(md(warning["message"]))

if result["lines"] and st.button(tr("media.save"), key="media_save", type="primary"):
    try:
        count = frame.write(lambda s: save_media_plan(media_plan(bid, budget, start, end, session=s, split=split,
                                                                 lang=L), bid, session=s))
    except MediaError as exc:
        st.error(frame.say(exc))
    else:
        st.session_state["media_notice"] = trn("media.saved", count)
        st.rerun()

with frame.session() as s:
    stored = [(line.ref, line.network, line.amount, line.currency, line.start, line.end, line.status)
              for line in lines_of(bid, start, end, session=s)]
if stored:
    st.subheader(tr("media.stored_title"))
    st.dataframe([{tr("media.col_ref"): ref, tr("media.col_network"): refdata.label(refdata.NETWORKS, net, L),
                   tr("media.col_amount"): money(amount, cur, L),
                   tr("media.col_dates"): f"{a.strftime('%d/%m')} – {b.strftime('%d/%m/%Y')}",
                   tr("media.col_status"): tr(f"media.status_{status}")}
                  for ref, net, amount, cur, a, b, status in stored], hide_index=True, use_container_width=True)

with st.expander(tr("media.costs_title")):
    st.caption(tr("media.costs_help"))
    upload = frame.file_uploader(tr("media.costs_upload"), type=["csv"], key="media_costs_file")
    if upload is not None and st.button(tr("media.costs_import"), key="media_costs_import"):
        data = upload.getvalue()
        try:
            totals = read_costs(data, upload.name, brand_currency=currency)
            saved = frame.write(lambda s: [(c.network, c.spent, c.currency)
                                           for c in save_costs(bid, totals, upload.name, session=s)])
        except MessageError as exc:  # not an export Calame reads, binary, another currency: nothing imported
            st.error(frame.say(exc))
        else:
            st.session_state["media_notice"] = tr(
                "media.costs_saved", name=md(upload.name),
                networks=", ".join(f"{refdata.label(refdata.NETWORKS, n, L)} ({money(v, c, L)})" for n, v, c in saved))
            st.rerun()
