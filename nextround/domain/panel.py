"""Who an event names: the people of a panel, each recognised across records by one key, so a
thank-you is owed (and sent) per person."""

from __future__ import annotations

import pandas as pd

from nextround.text import PEOPLE_SEPARATORS, flat


def person_key(name: object) -> str:
    """How the app recognises one person across records (the rules, Notes, remembered
    greetings): the name as written, in any case, spacing, Unicode form or apostrophe
    ("Priya  Raman" and "priya raman", "O’Brien" and "O'Brien" are one person)."""
    if not isinstance(name, str):
        return ""
    return " ".join(flat(name).split()).casefold()


def people_named(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event row, person named in its ``interviewers`` cell): columns app, name
    (as written) and pkey; an event naming nobody gives one row with name and pkey ""."""
    names = events["interviewers"].astype("str").fillna("").str.split(PEOPLE_SEPARATORS,
                                                                      regex=True)
    out = pd.DataFrame({"app": events["app"].to_numpy(), "name": names.to_numpy()},
                       index=events.index).explode("name")
    out["name"] = out["name"].fillna("").str.split().str.join(" ")
    named = out[out["name"].ne("")]
    nobody = out.index.difference(named.index).unique()
    blank = pd.DataFrame({"app": events.loc[nobody, "app"].to_numpy(), "name": ""}, index=nobody)
    out = pd.concat([named.drop_duplicates(), blank])
    out["pkey"] = out["name"].str.normalize("NFC").str.replace("’", "'").str.casefold()
    return out
