"""Typed report parameters and YAML report plans.

papermill does not type-check parameters (unknown names only warn, #818; ``-p``
numbers and strings are guessed, #55/#396) and formats output paths with parameter
values, so ``../../x`` can escape a folder. This module closes those gaps before any
notebook runs.

A notebook declares its parameters in the cell tagged ``parameters`` as annotated
assignments of literals; a trailing comment adds the allowed values::

    level: int = 2  # choices: 1, 2, 3, 4, 5
    n_boot: int = 2000  # range: 100..20000
    currency: str = "GBP"  # choices from: currencies
    market: str = "GB"  # choices from: markets
    store_dir: str = ""  # injected

``choices from:`` names a list kept elsewhere, so no notebook retypes it: ``markets``
(the market codes of ``workbench/data/markets.yaml`` and ``ALL``) or ``currencies``
(the markets' currencies); see ``CHOICE_SOURCES``.

``injected`` parameters are set by the runner (store location, run id, ...), never by
a plan. A plan is data only: no key names a folder or a file, and a notebook is a plain
name looked up in the project's ``notebooks/`` (tests pass their fixture folder to the
runner, never through the plan). A plan is a YAML file::

    title: Account role benchmarks  # optional
    reports:
      - notebook: role_benchmark
        name: "Role benchmark level {level}"
        expand: {level: [1, 2, 3, 4, 5]}
        parameters: {currency: GBP}
      - notebook: internal_vs_market
        audience: analyst

``audience`` is ``recruiter`` (the default) or ``analyst``. A notebook that reads
internal pay (``disclosure.reads_internal_pay``) is for analysts only: its audience
defaults to ``analyst`` and a plan that names it ``recruiter`` is refused
(``disclosure.check_audience``).

``load_plan`` validates every report (notebook exists, parameter names, types,
choices/ranges, path-like strings, unique names and slugs) and only then returns.
Size is checked before any work grows with it: the file must be under
``MAX_PLAN_BYTES``, and the number of reports (the product of each ``expand``'s list
lengths, summed) must be at most ``config.SETTINGS.max_reports`` (200) before a single
combination is built; each ``expand`` key and value is checked on its own first.
"""

from __future__ import annotations

import ast
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from workbench import config, disclosure, markets
from workbench.errors import ParameterError, PlanError

__all__ = [
    "AUDIENCES",
    "CHOICE_SOURCES",
    "ParamSpec",
    "ReportSpec",
    "check_parameters",
    "check_value",
    "combine_problems",
    "format_name",
    "load_plan",
    "notebook_params",
    "parse_parameters_source",
    "resolve_notebook",
    "slugify",
    "validate_parameters",
    "with_defaults",
]

AUDIENCES = disclosure.AUDIENCES
_TYPES: dict[str, type] = {"int": int, "float": float, "str": str, "bool": bool}
_NOTEBOOK_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$")
_PARAMS_TAG = re.compile(r"^#\s*%%.*tags\s*=\s*\[[^\]]*[\"']parameters[\"']", re.M)
_CELL_MARK = re.compile(r"^#\s*%%", re.M)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_MAX_STR = 200
# A plan lists at most a few hundred reports; a file this large is not a plan (a 10^6-value
# expand list is ~4 MB). Checked before YAML parsing, which would take seconds.
MAX_PLAN_BYTES = 1_000_000
_TOP_KEYS = ("reports", "title")
_REPORT_KEYS = ("notebook", "name", "parameters", "expand", "audience")


@dataclass(frozen=True)
class ParamSpec:
    """One declared notebook parameter."""

    name: str
    type: str
    default: Any
    choices: tuple | None = None
    minimum: float | None = None
    maximum: float | None = None
    injected: bool = False

    def expected(self) -> str:
        """Plain words for what a value must be."""
        text = self.type
        if self.choices is not None:
            text += " in {" + ", ".join(map(repr, self.choices)) + "}"
        if self.minimum is not None or self.maximum is not None:
            text += f" in range {self.minimum}..{self.maximum}"
        return text


@dataclass(frozen=True)
class ReportSpec:
    """One report to run: a notebook, validated parameters, a name and a slug."""

    name: str
    slug: str
    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    audience: str = "recruiter"
    template: str = ""  # the plan's name template, re-applied when ``-p`` overrides a value

    @property
    def notebook_name(self) -> str:
        return self.notebook.stem

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "slug": self.slug,
            "notebook": self.notebook_name,
            "parameters": dict(self.parameters),
            "audience": self.audience,
        }


# --------------------------------------------------------------------------- slugs


def slugify(name: str, *, taken: set[str] | None = None, max_length: int = 60) -> str:
    """Return a safe file stem for ``name``: ASCII ``[a-z0-9-]``, no dots, no slashes.

    Accents are folded (``é`` -> ``e``); anything else becomes ``-``. An empty
    result becomes ``report``. When ``taken`` is given the slug is made unique
    (``-2``, ``-3``, ...) and added to it.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:max_length].strip("-")
    slug = slug or "report"
    if taken is not None:
        base, n = slug, 2
        while slug in taken:
            slug = f"{base}-{n}"
            n += 1
        taken.add(slug)
    return slug


# --------------------------------------------------------------------- notebooks


def resolve_notebook(name: str, notebooks_dir: Path | None = None) -> Path:
    """Return the ``.py`` notebook called ``name`` in ``notebooks_dir``.

    Names are plain stems (``role_benchmark``), never paths, so a plan cannot point
    the runner outside the notebooks folder.
    """
    folder = Path(notebooks_dir) if notebooks_dir else config.NOTEBOOKS
    if not isinstance(name, str) or not _NOTEBOOK_NAME.match(name.removesuffix(".py")):
        raise PlanError(
            f"notebook {name!r}: expected a plain notebook name such as 'role_benchmark' "
            f"(letters, digits, '_' or '-'; no path)"
        )
    path = folder / f"{name.removesuffix('.py')}.py"
    if path.is_file() and not path.resolve().is_relative_to(folder.resolve()):
        raise PlanError(f"notebook {name!r}: {path} is a link to a file outside {folder}; "
                        f"notebooks must live in that folder")
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.py")) if folder.is_dir() else []
        raise PlanError(
            f"notebook {name!r}: unknown notebook; expected one of {known} in {folder}"
        )
    return path


def _parameters_cell(source: str) -> str | None:
    match = _PARAMS_TAG.search(source)
    if not match:
        return None
    start = source.index("\n", match.start()) + 1 if "\n" in source[match.start():] else len(source)
    nxt = _CELL_MARK.search(source, start)
    return source[start: nxt.start() if nxt else len(source)]


def _parse_comment(comment: str, type_name: str, where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    comment = comment.strip()
    if not comment:
        return out
    if re.fullmatch(r"injected\b.*", comment):
        out["injected"] = True
        return out
    kind, _, rest = comment.partition(":")
    kind = kind.strip().lower()
    cast = _TYPES[type_name]
    try:
        if kind == "choices from":
            out["choices"] = _choices_from(rest.strip(), type_name, where)
        elif kind == "choices":
            items = [v.strip().strip("'\"") for v in rest.split(",") if v.strip()]
            if type_name == "bool":
                out["choices"] = tuple(v.lower() == "true" for v in items)
            else:
                out["choices"] = tuple(cast(v) for v in items)
        elif kind == "range":
            lo, _, hi = rest.strip().partition("..")
            out["minimum"] = cast(lo) if lo.strip() else None
            out["maximum"] = cast(hi) if hi.strip() else None
    except ValueError as exc:
        raise PlanError(f"{where}: cannot read {comment!r} as {type_name} values ({exc})") from exc
    return out


# Named choice lists a notebook may use (``# choices from: markets``): the markets table
# is the one home of market codes and currencies.
CHOICE_SOURCES = {"markets": lambda: markets.market_codes(with_all=True), "currencies": markets.currencies}


def _choices_from(name: str, type_name: str, where: str) -> tuple:
    source = CHOICE_SOURCES.get(name)
    if source is None or type_name != "str":
        raise PlanError(f"{where}: 'choices from: {name}' needs a str parameter and one of "
                        f"{', '.join(sorted(CHOICE_SOURCES))}")
    return tuple(source())


def parse_parameters_source(cell: str, where: str = "notebook") -> dict[str, ParamSpec]:
    """Parse the source of a parameters cell into ``ParamSpec`` objects."""
    try:
        tree = ast.parse(cell)
    except SyntaxError as exc:
        raise PlanError(f"{where}: parameters cell is not valid Python ({exc})") from exc
    lines = cell.splitlines()
    specs: dict[str, ParamSpec] = {}
    for node in tree.body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            raise PlanError(
                f"{where}: parameters cell line {node.lineno}: expected 'name: type = literal'"
            )
        name = node.target.id
        type_name = ast.unparse(node.annotation)
        if type_name not in _TYPES:
            raise PlanError(f"{where}: parameter {name!r} has type {type_name}; expected one of {list(_TYPES)}")
        try:
            default = ast.literal_eval(node.value) if node.value is not None else None
        except ValueError as exc:
            raise PlanError(f"{where}: parameter {name!r} default must be a literal") from exc
        line = lines[node.end_lineno - 1]
        comment = line[node.end_col_offset:].strip()
        comment = comment[1:] if comment.startswith("#") else ""
        extra = _parse_comment(comment, type_name, f"{where}: parameter {name!r}")
        specs[name] = ParamSpec(name=name, type=type_name, default=default, **extra)
    return specs


def _audience(where: str, entry: dict, nb_path: Path) -> str:
    """The plan entry's audience, checked against what its notebook reads (rule 7 of
    :mod:`workbench.disclosure`)."""
    internal = disclosure.reads_internal_pay(nb_path.read_text(encoding="utf-8"))
    audience = entry.get("audience", disclosure.ANALYST if internal else disclosure.RECRUITER)
    problem = disclosure.check_audience(audience, internal_pay=internal)
    if problem:
        raise PlanError(f"{where}: {problem}")
    return audience


def notebook_params(path: Path) -> dict[str, ParamSpec]:
    """Declared parameters of a jupytext percent-format notebook."""
    path = Path(path)
    cell = _parameters_cell(path.read_text(encoding="utf-8"))
    if cell is None:
        raise PlanError(f"notebook {path.stem!r}: no cell tagged 'parameters' in {path}")
    return parse_parameters_source(cell, where=f"notebook {path.stem!r}")


# --------------------------------------------------------------------- validation


def _looks_like_path(value: str) -> bool:
    return (
        "/" in value
        or "\\" in value
        or ".." in value
        or value.startswith("~")
        or any(ord(c) < 32 for c in value)
    )


def check_value(notebook: str, spec: ParamSpec, value: Any) -> Any:
    """``value`` checked against ``spec`` (type, choices, range, no path-like text), or ``ParameterError``."""
    def fail(why: str) -> ParameterError:
        return ParameterError(
            f"notebook {notebook!r}, parameter {spec.name!r}: got {value!r} ({why}); "
            f"expected {spec.expected()}"
        )

    if spec.type == "bool":
        if not isinstance(value, bool):
            raise fail(f"a {type(value).__name__}")
    elif spec.type == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(f"a {type(value).__name__}")
    elif spec.type == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail(f"a {type(value).__name__}")
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            raise fail("not a finite number")
    elif spec.type == "str":
        if not isinstance(value, str):
            raise fail(f"a {type(value).__name__}")
        if _looks_like_path(value):
            raise fail("looks like a path; '/', '\\', '..', '~' and control characters are not allowed")
        if len(value) > _MAX_STR:
            raise fail(f"longer than {_MAX_STR} characters")
    if spec.choices is not None and value not in spec.choices:
        raise fail("not an allowed value")
    if spec.minimum is not None and value < spec.minimum:
        raise fail("below the minimum")
    if spec.maximum is not None and value > spec.maximum:
        raise fail("above the maximum")
    return value


def combine_problems(problems: list[PlanError], where: str) -> PlanError:
    """One error for every problem found: the problem itself when there is one, else a numbered list.

    A :class:`ParameterError` when every problem is one (so callers catching it still do).
    """
    if len(problems) == 1:
        return problems[0]
    kind = ParameterError if all(isinstance(p, ParameterError) for p in problems) else PlanError
    lines = "\n".join(f"  {i}. {p}" for i, p in enumerate(problems, 1))
    return kind(f"{where}: {len(problems)} problems, nothing was run; fix them all, then run again:\n{lines}")


def _check_name(notebook: str, specs: dict[str, ParamSpec], name: str) -> ParamSpec:
    """The declared, plan-settable parameter ``name`` of ``notebook``, or ``ParameterError``."""
    spec = specs.get(name)
    if spec is None:
        allowed = sorted(n for n, s in specs.items() if not s.injected)
        raise ParameterError(
            f"notebook {notebook!r}, parameter {name!r}: unknown parameter; expected one of {allowed}"
        )
    if spec.injected:
        raise ParameterError(
            f"notebook {notebook!r}, parameter {name!r}: set by the runner, not by a plan; "
            f"remove it from the plan"
        )
    return spec


def check_parameters(notebook: str, specs: dict[str, ParamSpec],
                     values: dict[str, Any]) -> tuple[dict[str, Any], list[PlanError]]:
    """The checked ``values`` (defaults not added) and every problem found, one per parameter."""
    if not isinstance(values, dict):
        return {}, [ParameterError(f"notebook {notebook!r}: 'parameters' must be a mapping, got {values!r}")]
    out: dict[str, Any] = {}
    problems: list[PlanError] = []
    for name, value in values.items():
        try:
            out[name] = check_value(notebook, _check_name(notebook, specs, name), value)
        except PlanError as exc:
            problems.append(exc)
    return out, problems


def with_defaults(specs: dict[str, ParamSpec], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` completed with the declared defaults of every plan-settable parameter."""
    return {**values, **{n: s.default for n, s in specs.items() if not s.injected and n not in values}}


def validate_parameters(notebook: str, specs: dict[str, ParamSpec], values: dict[str, Any]) -> dict[str, Any]:
    """Return the full parameter set (defaults + ``values``) or raise ``ParameterError``
    naming every bad parameter."""
    out, problems = check_parameters(notebook, specs, values)
    if problems:
        raise combine_problems(problems, f"notebook {notebook!r}")
    return with_defaults(specs, out)


def format_name(template: str, values: dict[str, Any]) -> str:
    """A report name from its template: ``{name}`` placeholders replaced by parameter values;
    ``{level_name}`` is the account ladder's name of the ``level`` parameter (``config.LEVELS``),
    so a page's name follows its parameters."""
    from workbench import config

    level = values.get("level")
    if isinstance(level, int) and level in config.LEVELS and "level_name" not in values:
        values = {**values, "level_name": config.LEVELS[level]}
    # Plain placeholder substitution, not str.format: no attribute or index access.
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


def _read_plan(path: Path) -> dict:
    """The plan file as a mapping, after the size check; nothing is expanded yet."""
    try:
        size = path.stat().st_size
        if size > MAX_PLAN_BYTES:
            raise PlanError(
                f"plan {path}: {size:,} bytes; a plan lists at most a few hundred reports and stays "
                f"under {MAX_PLAN_BYTES:,} bytes. Shorten its expand lists or split it")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"plan {path}: cannot read it ({exc})") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
    try:
        doc = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise PlanError(f"plan {path}: not valid YAML ({exc})") from exc
    if isinstance(doc, list):
        doc = {"reports": doc}
    if not isinstance(doc, dict) or not isinstance(doc.get("reports"), list) or not doc["reports"]:
        raise PlanError(f"plan {path}: expected a mapping with a non-empty 'reports' list")
    if "notebooks_dir" in doc:
        raise PlanError(
            f"plan {path}: 'notebooks_dir' is not a plan key; a plan names notebooks, and they are "
            f"always those in the project's notebooks/ folder. Remove the key")
    unknown_top = set(doc) - set(_TOP_KEYS)
    if unknown_top:
        raise PlanError(f"plan {path}: unknown keys {sorted(unknown_top)}; expected {', '.join(_TOP_KEYS)}")
    return doc


def _check_entry(where: str, entry: Any) -> dict:
    """One report entry's shape: a mapping with known keys and list-valued ``expand``."""
    if not isinstance(entry, dict) or "notebook" not in entry:
        raise PlanError(f"{where}: expected a mapping with a 'notebook' key, got {str(entry)[:200]}")
    extra = set(entry) - set(_REPORT_KEYS)
    if extra:
        raise PlanError(f"{where}: unknown keys {sorted(extra)}; expected {', '.join(_REPORT_KEYS)}")
    expand = entry.get("expand") or {}
    if not isinstance(expand, dict) or not all(isinstance(v, list) and v for v in expand.values()):
        raise PlanError(f"{where}: 'expand' must map parameter names to non-empty lists")
    return expand


def _count_reports(path: Path, entries: list, limit: int) -> None:
    """Refuse a plan with more than ``limit`` reports, counted without building any.

    A malformed entry counts as none here; the main pass lists it with the others.
    """
    total = 0
    for i, entry in enumerate(entries, 1):
        try:
            expand = _check_entry(f"plan {path.name}, report #{i}", entry)
        except PlanError:
            continue
        count = math.prod(len(v) for v in expand.values())
        total += count
        if total > limit:
            sizes = " x ".join(str(len(v)) for v in expand.values()) or "1"
            raise PlanError(
                f"plan {path}: more than {limit} reports (report #{i} alone expands to {sizes} = "
                f"{count:,}); at most {limit} reports run in one plan. Shorten the expand lists or raise "
                f"the cap (--max-reports)")


def _check_expand(nb: str, specs: dict[str, ParamSpec], expand: dict) -> list[PlanError]:
    """Each ``expand`` key and value on its own, before any combination is built; every problem."""
    problems: list[PlanError] = []
    for key, values in expand.items():
        try:
            spec = _check_name(nb, specs, key)
        except PlanError as exc:
            problems.append(exc)
            continue
        for value in values:
            try:
                check_value(nb, spec, value)
            except PlanError as exc:
                problems.append(exc)
    return problems


@dataclass
class _Entry:
    """One plan entry, checked: its notebook, declared parameters and values."""

    where: str
    notebook: Path
    specs: dict[str, ParamSpec]
    base: dict[str, Any]
    expand: dict[str, list]
    template: str
    audience: str


def _read_entry(where: str, entry: Any, notebooks_dir: str | Path | None,
                cache: dict[Path, dict[str, ParamSpec]]) -> tuple[_Entry | None, list[PlanError]]:
    """Check one plan entry whole; (the entry, or None when it cannot be expanded, and its problems)."""
    try:
        expand = _check_entry(where, entry)
        nb_path = resolve_notebook(entry["notebook"], notebooks_dir)
        if nb_path not in cache:
            cache[nb_path] = notebook_params(nb_path)
    except PlanError as exc:
        return None, [exc]
    specs, nb = cache[nb_path], nb_path.stem
    problems: list[PlanError] = []
    try:
        audience = _audience(where, entry, nb_path)
    except PlanError as exc:
        audience = None
        problems.append(exc)
    template = entry.get("name") or (nb + "".join(f" {k} {{{k}}}" for k in expand))
    if not isinstance(template, str):
        problems.append(PlanError(f"{where}: 'name' must be text"))
    base, bad = check_parameters(nb, specs, entry.get("parameters") or {})
    problems += bad + _check_expand(nb, specs, expand)
    if problems:
        return None, problems
    return _Entry(where, nb_path, specs, base, expand, template, audience), []


def _expand(entry: _Entry, names: set[str], slugs: set[str]) -> tuple[list[ReportSpec], list[PlanError]]:
    """The reports of one checked entry: one per combination of its ``expand`` values."""
    reports: list[ReportSpec] = []
    problems: list[PlanError] = []
    keys = list(entry.expand)
    for combo in itertools.product(*(entry.expand[k] for k in keys)):
        values = {**entry.base, **{k: check_value(entry.notebook.stem, entry.specs[k], v)
                                   for k, v in zip(keys, combo)}}
        params = with_defaults(entry.specs, values)
        name = format_name(entry.template, params)
        if name in names:
            problems.append(PlanError(f"{entry.where}: report name {name!r} is used twice; names must be unique"))
            continue
        names.add(name)
        reports.append(ReportSpec(name=name, slug=slugify(name, taken=slugs), notebook=entry.notebook,
                                  parameters=params, audience=entry.audience, template=entry.template))
    return reports, problems


def load_plan(path: str | Path | None = None, *, notebooks_dir: str | Path | None = None,
              max_reports: int | None = None) -> list[ReportSpec]:
    """Read and validate a YAML plan; nothing runs unless every report is valid.

    ``notebooks_dir`` is the runner's (tests use fixture notebooks); a plan cannot set it.
    ``max_reports`` caps the number of reports (default ``config.SETTINGS.max_reports``).

    Every report is checked and every problem collected before one error is raised: a
    plan with three mistakes gives three messages in one run. Raises ``PlanError`` for a
    malformed, oversized or too-large plan or an unknown notebook, and
    ``ParameterError`` when every problem is a bad parameter, each naming the notebook
    and parameter.
    """
    path = Path(path) if path else config.DEFAULT_PLAN
    limit = config.SETTINGS.max_reports if max_reports is None else int(max_reports)
    if limit < 1:
        raise PlanError(f"max_reports={limit}: expected at least 1")
    doc = _read_plan(path)
    _count_reports(path, doc["reports"], limit)

    cache: dict[Path, dict[str, ParamSpec]] = {}
    reports: list[ReportSpec] = []
    problems: list[PlanError] = []
    names: set[str] = set()
    slugs: set[str] = set()
    for i, raw in enumerate(doc["reports"], 1):
        entry, bad = _read_entry(f"plan {path.name}, report #{i}", raw, notebooks_dir, cache)
        problems += bad
        if entry is not None:
            built, bad = _expand(entry, names, slugs)
            reports += built
            problems += bad
    if problems:
        raise combine_problems(problems, f"plan {path}")
    return reports
