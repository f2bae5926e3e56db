"""Convert the Phoenix/PETRARCH2 actor dictionaries (MIT) into tidings' actor files.

    python scripts/actors_from_phoenix.py ../shared/actors/phoenix src/tidings/data/actors

Reads ``Phoenix.Countries.actors.txt`` (leaders and officials with dated roles),
``Phoenix.International.actors.txt`` (IGOs, NGOs, companies and their officials) and
``Phoenix.MilNonState.actors.txt`` (armed and non-state groups), and writes
``phoenix_people.jsonl`` and ``phoenix_organizations.jsonl`` in the schema of
``people.jsonl`` / ``organizations.jsonl``. The knowledge base loads them for lookup only
(no entity-ruler patterns, no bare surnames) and below the curated files, so they fill the
gaps of the curated knowledge base without overriding it.

Conversion decisions (why):
- A CAMEO code is three letters of country then role codes; the first role code the
  annotation guide knows decides the sector (``JUD``/``LEG`` are ``GOV``: courts and
  parliaments are government in the guide; police, elites, parties and criminals get no
  sector, because the guide leaves them null or they are ambiguous).
- Dated roles ``[RUSGOV 990809-000507]`` become roles with start and end; a role the
  dictionary leaves open (``>080508``) stays open, as PETRARCH reads it: the people who
  still appear in the news years later are mostly those still in office (a cap at six
  years past the 2014 vintage made Zimbabwe's president a former official in 2024).
- Only aliases of two words or more are kept (a bare "GARCIA" names too many people), plus
  acronyms given in parentheses; an alias two entries share, or one the curated files
  already use, is dropped, so a lookup never picks between a curated and a converted entry.
- Bare country entries (``AFGHANISTAN_ [AFG]`` and their city synonyms) are skipped: the
  curated country file and the gazetteer cover them.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tidings.actors.kb import normalize  # noqa: E402

FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
         "Phoenix.MilNonState.actors.txt")
SECTOR = {"GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "IGO": "IGO", "NGO": "NGO",
          "MED": "MED", "CVL": "CVL", "BUS": "BUS", "MNC": "BUS", "JUD": "GOV", "LEG": "GOV",
          "SPY": "GOV", "UAF": "REB", "INS": "REB", "SEP": "REB", "IMG": "REB", "HRI": "NGO",
          "REF": "CVL", "LAB": "CVL", "EDU": "CVL", "HLH": "CVL", "AGR": "CVL", "REL": "REL",
          "ELI": None, "COP": None, "PTY": None, "CRM": None, "RAD": None, "MOD": None}
NO_COUNTRY = {"IGO", "NGO", "MNC", "IMG", "INT", "MEA", "SAS", "WEU", "SEA", "EAF", "LAM", "ASA",
              "AFR", "EUR", "WAF", "SAF", "CAF", "NAF", "CAS", "EEU", "SAM", "NAM", "MDE", "BLK",
              "CRB", "PGS", "SCN", "WST", "CAU", "BAL", "NMR", "TMP"}
COUNTRY_FIX = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": None}
_CODE = re.compile(r"\[([~A-Z]+)(?:\s+([<>]?)\s*(\d{8}|\d{6})(?:-(\d{8}|\d{6}))?)?\]")
_PAREN = re.compile(r"\(([A-Z][A-Z0-9-]{1,9})\)")
_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "del", "la", "le", "van", "von", "der", "di",
              "du", "dos", "das", "ul", "ad", "as", "ash", "at", "az"}


def _yymmdd(text: str) -> date | None:
    """yymmdd (two-digit years: 30-99 are 19xx) or yyyymmdd."""
    if len(text) == 8:
        year, text = int(text[:4]), text[2:]
    else:
        year = 1900 + int(text[:2]) if int(text[:2]) >= 30 else 2000 + int(text[:2])
    mm, dd = int(text[2:4]), int(text[4:])
    try:
        return date(year, max(mm, 1), max(dd, 1))
    except ValueError:
        return None


def _pretty(raw: str) -> str:
    """ "BASHAR_AL-ASSAD_" -> "Bashar al-Assad" (the lookup key ignores case anyway)."""
    words = [w for w in raw.replace("_", " ").split() if w]
    out = []
    for i, word in enumerate(words):
        parts = [p.lower() if p.lower() in _PARTICLES and i else p.capitalize() for p in word.split("-")]
        out.append("-".join(parts))
    return " ".join(out)


def read_entries(path: Path) -> list[dict]:
    """Entries as {"name", "aliases", "acronyms", "codes": [(code, op, start, end)]}."""
    entries: list[dict] = []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        codes = _CODE.findall(text)
        head = _CODE.sub("", text).strip()
        if line[:1] in (" ", "\t") and not head:
            if entries:
                entries[-1]["codes"] += codes
        elif line.startswith("+"):
            if entries and head[1:].strip():
                entries[-1]["aliases"].append(head[1:].strip())
                entries[-1]["codes"] += codes
        elif head:
            entries.append({"name": head, "aliases": [], "codes": list(codes)})
    return entries


def _country_sector(code: str) -> tuple[str | None, str | None, bool] | None:
    """(country, sector, has a role code) of a CAMEO code, or None when it is unusable."""
    code = code.lstrip("~")
    country, rest = code[:3], code[3:]
    if country in ("IGO", "NGO", "MNC", "IMG"):
        rest, country = country + rest, None
    elif country in NO_COUNTRY:
        country = None
    else:
        country = COUNTRY_FIX.get(country, country)
    roles = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    known = [r for r in roles if r in SECTOR]
    if not known:
        return (country, None, False) if country else None
    return country, SECTOR[known[0]], True


def _roles(entry: dict, countries: set[str]) -> list[dict]:
    roles = []
    for code, op, first, second in entry["codes"]:
        parsed = _country_sector(code)
        if parsed is None or not parsed[2] or not first:
            continue
        country, sector, _ = parsed
        if country is not None and country not in countries:
            continue
        start, end = _yymmdd(first), _yymmdd(second) if second else None
        if op == "<":
            start, end = None, start
        if end is not None and start is not None and end <= start:
            continue
        roles.append({"country": country, "sector": sector,
                      "start": start.isoformat() if start else None,
                      "end": end.isoformat() if end else None})
    return roles


def convert(folder: Path, curated_keys: set[str], countries: set[str]) -> tuple[list[dict], list[dict]]:
    people, orgs = [], []
    for name in FILES:
        for entry in read_entries(folder / name):
            forms = [entry["name"], *entry["aliases"]]
            acronyms = sorted({m for f in forms for m in _PAREN.findall(f) if len(m) >= 3})
            names = []
            for form in forms:
                pretty = _pretty(_PAREN.sub("", form))
                if len(pretty.split()) >= 2 and pretty not in names:
                    names.append(pretty)
            if not names:
                continue
            roles = _roles(entry, countries)
            record = {"name": names[0], "aliases": names[1:], "acronyms": acronyms}
            if roles:
                people.append({**record, "roles": roles})
                continue
            undated = [p for c, _, first, _ in entry["codes"] if not first
                       for p in [_country_sector(c)] if p and p[2]]
            if undated:
                country, sector, _ = undated[0]
                if country is None or country in countries:
                    orgs.append({**record, "country": country, "sector": sector})
    return _dedupe(people, curated_keys), _dedupe(orgs, curated_keys)


def _dedupe(records: list[dict], curated_keys: set[str]) -> list[dict]:
    """Drop aliases the curated files use or that two converted entries share."""
    count: dict[str, int] = {}
    for rec in records:
        for key in {normalize(n) for n in [rec["name"], *rec["aliases"]]}:
            count[key] = count.get(key, 0) + 1
    kept, seen_ids = [], set()
    for rec in records:
        names = [n for n in [rec["name"], *rec["aliases"]]
                 if count[normalize(n)] == 1 and normalize(n) not in curated_keys]
        acronyms = [a for a in rec["acronyms"] if normalize(a) not in curated_keys]
        if not names:
            continue
        rec_id = "phoenix:" + normalize(names[0]).replace(" ", "-")
        if rec_id in seen_ids:
            continue
        seen_ids.add(rec_id)
        out = {"id": rec_id, "name": names[0], "aliases": names[1:]}
        if acronyms:
            out["acronyms"] = acronyms
        kept.append({**out, **{k: v for k, v in rec.items() if k not in ("name", "aliases", "acronyms")}})
    return kept


def curated(folder: Path) -> tuple[set[str], set[str]]:
    """Normalised names the curated files use, and the known country codes."""
    keys, codes = set(), set()
    for name in ("countries.jsonl", "people.jsonl", "organizations.jsonl", "ethnic_groups.jsonl"):
        for line in (folder / name).read_text("utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            if "code" in obj:
                codes.add(obj["code"])
            for field in ("name", "capital"):
                if isinstance(obj.get(field), str):
                    keys.add(normalize(obj[field]))
            for field in ("aliases", "acronyms", "adjectives", "capital_aliases"):
                keys.update(normalize(v) for v in obj.get(field) or [])
            for seat in obj.get("seats") or []:
                seat = seat if isinstance(seat, str) else seat["name"]
                keys.update({normalize(seat), normalize(seat.removeprefix("the ").removeprefix("The "))})
    return keys, codes


def main(source: str, target: str) -> None:
    out = Path(target)
    keys, codes = curated(Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "actors")
    people, orgs = convert(Path(source), keys, codes)
    for name, rows in (("phoenix_people.jsonl", people), ("phoenix_organizations.jsonl", orgs)):
        with open(out / name, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    sys.stderr.write(f"{len(people)} people, {len(orgs)} organisations written to {out}\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
