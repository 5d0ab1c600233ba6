"""Paths and project-wide settings.

This is the one module that owns paths. Every stage takes its input and output
locations as arguments defaulted from here, so the same function runs from the
CLI, ``make``, a test or a notebook.

The project root is found, in order, from the ``WORKBENCH_HOME`` environment
variable, by walking up from the current directory to a ``pyproject.toml`` that
names this project, or by walking up from this file (an editable install).
``Path(__file__).parents[1]`` alone would be ``src/`` here and
``site-packages`` after a normal install, so it is only the last resort.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"


def _is_project_root(path: Path) -> bool:
    pyproject = path / "pyproject.toml"
    if not pyproject.is_file():
        return False
    try:
        return 'name = "workbench"' in pyproject.read_text(encoding="utf-8")
    except OSError:
        return False


def find_project_root(start: Path | None = None) -> Path:
    """Return the project root (the folder holding this project's pyproject.toml)."""
    env = os.environ.get("WORKBENCH_HOME")
    if env:
        return Path(env).expanduser().resolve()
    for origin in (Path(start) if start else Path.cwd(), PACKAGE_DIR):
        origin = origin.resolve()
        for candidate in (origin, *origin.parents):
            if _is_project_root(candidate):
                return candidate
    return Path.cwd().resolve()


ROOT = find_project_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
REFERENCE = DATA / "reference"
LABELLED = DATA / "labelled"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
PLANS = ROOT / "plans"
DEFAULT_PLAN = PLANS / "default.yaml"
INCUMBENTS = RAW / "incumbents" / "incumbents.csv"
# Committed oracles: the salary golden, the extraction and report snapshots.
GOLDENS = ROOT / "tests" / "goldens"
# What `workbench eval documents` writes (the excluded ids of each corpus), and the
# labelled postings whose text states no base pay that it reads.
EVAL_OUT = REPORTS / "eval"
NOPAY_LABELLED = LABELLED / "nopay" / "nopay_postings.csv"
# Whole postings read in full with the base pay their text states (`workbench eval documents --labels paydocs`).
PAYDOCS_LABELLED = LABELLED / "paydocs" / "paydocs.csv"


def paydocs_set(name: str) -> Path:
    """Where the paydocs set called ``name`` lives: ``paydocs`` is PAYDOCS_LABELLED; a later
    set (``paydocs2`` ...) in its own folder (``paydocs2/paydocs2.csv``) or beside the first
    (``paydocs/paydocs2.csv``, ``paydocs/paydocs_2.csv``); the first of these that exists,
    else the own-folder path (whose absence the reader reports)."""
    if name == "paydocs":
        return PAYDOCS_LABELLED
    number = name.removeprefix("paydocs")
    places = (LABELLED / name / f"{name}.csv", LABELLED / "paydocs" / f"{name}.csv",
              LABELLED / "paydocs" / f"paydocs_{number}.csv")
    return next((p for p in places if p.is_file()), places[0])
# The labelled job titles (family and level per ladder) that `workbench eval titles` reads.
TITLES_LABELLED = LABELLED / "titles" / "titles.csv"
# The labelled corpus postings with a percentage (time split or not) that `workbench eval timesplits` reads.
TIMESPLITS_LABELLED = LABELLED / "timesplits" / "timesplits.csv"
# The team-written duty lines the area model (workbench.area_model) is trained on, and where
# its fitted weights are cached between processes (keyed by the lines' hash; WORKBENCH_CACHE
# names another folder). duty_lines_4.csv is left out: measured, it did not help (workbench.area_model).
AREA_TRAINING = (LABELLED / "responsibilities.csv", LABELLED / "duty_lines" / "duty_lines.csv",
                 LABELLED / "duty_lines" / "duty_lines_2.csv", LABELLED / "duty_lines" / "duty_lines_3.csv")
MODEL_CACHE = Path(os.environ.get("WORKBENCH_CACHE") or Path.home() / ".cache" / "workbench").expanduser()


def find_shared(root: Path | None = None) -> Path:
    """The shared folder beside the project (``../shared``: corpora and seeds).

    ``WORKBENCH_SHARED`` overrides it (a worktree sits elsewhere, CI may mount it
    anywhere). The folder may be absent: what needs it skips or says so.
    """
    env = os.environ.get("WORKBENCH_SHARED")
    if env:
        return Path(env).expanduser().resolve()
    return (root or ROOT).parent / "shared"


SHARED = find_shared()
CORPORA = SHARED / "corpora"
SEEDS = SHARED / "seeds"


@dataclass(frozen=True)
class Disclosure:
    """Disclosure-control thresholds (US DOJ/FTC safety-zone style).

    A cell is suppressed when it has fewer than ``min_postings`` postings, fewer
    than ``min_sources`` distinct companies, when one company supplies more than
    ``max_company_share`` of its postings, or when the two largest together supply
    more than ``max_top_two_share`` (None, the default of a rule built by hand: no
    such test; the settings use 50%). The rules and their wording are in
    ``workbench.disclosure``.
    """

    min_postings: int = 5
    min_sources: int = 5
    max_company_share: float = 0.25
    max_top_two_share: float | None = None


def _env_float(name: str, default: float) -> float:
    """A positive number from the environment variable ``name``, else ``default``."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number; set it to a number of megabytes such as 50") from None
    if not value > 0:
        raise ValueError(f"{name}={raw!r} must be a positive number of megabytes")
    return value


@dataclass(frozen=True)
class Settings:
    """Defaults that reports and the CLI share; every one can be overridden."""

    reporting_currency: str = "GBP"
    # The market a benchmark is for when none is named (`workbench bench`, the notebooks).
    default_market: str = "GB"
    disclosure: Disclosure = field(default_factory=lambda: Disclosure(max_top_two_share=0.5))
    # Annual rate at which market pay is aged from each posting's date to a report's as-of date.
    aging_rate: float = 0.03
    bootstrap_resamples: int = 2000
    random_seed: int = 20261123
    # The most reports one plan may ask for; counted before any expansion is built.
    max_reports: int = 200
    # Ingest reads at most this many megabytes (10^6 bytes) of one file, or of one row
    # of a big CSV/JSON Lines/JSON file, into memory; a bigger one is listed in rejects.
    # WORKBENCH_MAX_FILE_MB overrides the default.
    max_file_mb: float = field(default_factory=lambda: _env_float("WORKBENCH_MAX_FILE_MB", 50.0))


SETTINGS = Settings()

# Levels are per family (data/labelled/CONVENTIONS.md, "Ladders"): the account ladder
# (account management, key accounts, client services) and the sales ladder. Each rung's
# name is the CONVENTIONS table cell without its parenthesis.
ACCOUNT_LADDER: dict[int, str] = {
    1: "Account Executive / Coordinator",
    2: "Account Manager",
    3: "Senior / Key Account Manager",
    4: "Account Director",
    5: "Group Account Director / Client Services Director / Head of Accounts",
}
SALES_LADDER: dict[int, str] = {
    1: "Sales Development Representative",
    2: "Account Executive",
    3: "Mid-Market / Senior Account Executive",
    4: "Enterprise / Strategic / Major Account Executive",
    5: "Sales Manager / Head of Sales / Sales Director / VP Sales",
}
LADDERS: dict[str, dict[int, str]] = {"account": ACCOUNT_LADDER, "sales": SALES_LADDER}
# The ladder of each family that has one (delivery and other have none: no level).
FAMILY_LADDER: dict[str, str] = {
    "account_management": "account", "key_accounts": "account", "client_services": "account",
    "sales": "sales",
}
# Level names per family: family -> {level: name}.
LEVEL_NAMES: dict[str, dict[int, str]] = {family: LADDERS[ladder] for family, ladder in FAMILY_LADDER.items()}
# The account ladder, which the recruiter reports benchmark (kept under its old name).
LEVELS: dict[int, str] = ACCOUNT_LADDER


def level_name(family: str | None, level: int | None) -> str | None:
    """The name of rung ``level`` on the ladder of ``family`` (None when it has no such rung)."""
    if level is None or family is None:
        return None
    return LEVEL_NAMES.get(family, {}).get(int(level))


def ladder_of(family: str | None) -> str | None:
    """``"account"``, ``"sales"`` or None (a family without a ladder)."""
    return FAMILY_LADDER.get(family) if family else None


# The labelled locations and the corpus they point into. The corpora live in
# ../shared beside the project (WORKBENCH_SHARED names another folder); a checkout
# without them skips what needs them.
LOCATIONS_LABELLED = LABELLED / "locations" / "uk_locations.csv"
UK_ADS_CSV = (Path(os.environ["WORKBENCH_SHARED"]).expanduser() if os.environ.get("WORKBENCH_SHARED")
              else ROOT.parent / "shared") / "corpora" / "uk_ads" / "adzuna_uk_data_jobs.csv"
