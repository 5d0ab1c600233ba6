"""Which reports one ``workbench report`` makes: ``--only``, ``-p NAME VALUE`` and ``--list``.

A plan (:mod:`workbench.plan`) says which reports exist; the command line narrows and
adjusts it for one run:

* :func:`select_reports` keeps the reports ``--only`` names. A name matches a report's
  name, its slug or its notebook's name, ignoring case (``--only role_benchmark`` keeps
  the five role benchmarks, ``--only "internal vs market"`` the analyst report).
* :func:`apply_overrides` sets parameters from ``-p NAME VALUE`` pairs. Each value is
  read as the type the notebook declares (``-p level 3`` is the integer 3, ``-p market
  us`` the choice ``US``) and then checked exactly as a plan value is (type, choices,
  range, no path-like text); a parameter the runner injects (``store_dir``,
  ``incumbents``, ...) is refused as it is in a plan. A pair applies to every selected
  report whose notebook declares it, and must be declared by at least one. Reports that
  become identical are run once; a report whose name does not show an overridden value
  gets it added, ``"Role comparison (currency USD)"``, so it never takes the place of the
  plan's page with other figures.
* :func:`describe` is the text of ``--list``: each report and the parameters it takes,
  with types, choices or ranges and defaults (like ``papermill --help-notebook``).

Every problem is collected before one error is raised (:func:`workbench.plan.combine_problems`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from workbench.errors import ParameterError, PlanError
from workbench.plan import ParamSpec, ReportSpec, check_value, format_name, combine_problems, notebook_params, slugify

__all__ = ["apply_overrides", "choose_reports", "describe", "parse_value", "select_reports"]

_TRUE = ("true", "yes", "1", "on")
_FALSE = ("false", "no", "0", "off")


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _matches(spec: ReportSpec, wanted: str) -> bool:
    key = _fold(wanted)
    return key in (_fold(spec.name), spec.slug, _fold(spec.notebook_name))


def _select(specs: list[ReportSpec], only: str | Sequence[str] | None) -> tuple[list[ReportSpec], list[PlanError]]:
    if not only:
        return specs, []
    wanted = [only] if isinstance(only, str) else list(only)
    unknown = [w for w in wanted if not any(_matches(s, w) for s in specs)]
    notebooks = sorted({s.notebook_name for s in specs})
    problems: list[PlanError] = [
        PlanError(f"--only {w!r}: no such report; expected a report name {[s.name for s in specs]} "
                  f"or a notebook name {notebooks} (case does not matter)") for w in unknown]
    return [s for s in specs if any(_matches(s, w) for w in wanted)], problems


def select_reports(specs: list[ReportSpec], only: str | Sequence[str] | None) -> list[ReportSpec]:
    """The reports ``--only`` names (all of them when ``only`` is empty), in plan order.

    Raises ``PlanError`` listing every name that matches nothing, with the names there are.
    """
    chosen, problems = _select(specs, only)
    if problems:
        raise combine_problems(problems, "--only")
    return chosen


def choose_reports(specs: list[ReportSpec], only: str | Sequence[str] | None,
                   pairs: Iterable[tuple[str, str]] | None) -> list[ReportSpec]:
    """:func:`select_reports` then :func:`apply_overrides`, every problem of both in one error.

    When ``--only`` names nothing known, the ``-p`` pairs are checked against the whole plan.
    """
    chosen, problems = _select(specs, only)
    reports, bad = _apply(chosen if chosen else specs, list(pairs or []), specs)
    problems += bad
    if problems:
        raise combine_problems(problems, "command line")
    return reports


def parse_value(notebook: str, spec: ParamSpec, text: str) -> Any:
    """A ``-p`` value read as the declared type, then checked like a plan value.

    A string that matches a declared choice but for case becomes that choice.
    """
    def bad(why: str) -> ParameterError:
        return ParameterError(f"-p {spec.name} {text!r}: {why}; notebook {notebook!r} expects {spec.expected()}")

    raw = text.strip()
    if spec.type == "bool":
        if raw.lower() not in _TRUE + _FALSE:
            raise bad("not true or false")
        value: Any = raw.lower() in _TRUE
    elif spec.type in ("int", "float"):
        try:
            value = int(raw) if spec.type == "int" else float(raw)
        except ValueError:
            raise bad(f"not a{'n' if spec.type == 'int' else ''} {spec.type}") from None
    else:
        value = text
        folded = [c for c in (spec.choices or ()) if isinstance(c, str) and c.casefold() == text.casefold()]
        if len(folded) == 1:
            value = folded[0]
    try:
        return check_value(notebook, spec, value)
    except ParameterError as exc:
        raise ParameterError(f"-p {spec.name} {text!r}: {exc}") from None


def _declared(selected: list[ReportSpec]) -> dict[Path, dict[str, ParamSpec]]:
    return {s.notebook: notebook_params(s.notebook) for s in selected}


def _resolve_names(pairs: Iterable[tuple[str, str]], declared: dict[Path, dict[str, ParamSpec]],
                   problems: list[PlanError]) -> dict[str, str]:
    """``-p`` names matched to declared parameter names (ignoring case); each given once."""
    known = {name for specs in declared.values() for name in specs}
    by_fold = {n.casefold(): n for n in known}
    settable = sorted({n for specs in declared.values() for n, s in specs.items() if not s.injected})
    out: dict[str, str] = {}
    for given, text in pairs:
        name = by_fold.get(str(given).casefold())
        if name is None:
            problems.append(ParameterError(
                f"-p {given}: no selected report has this parameter; expected one of {settable} "
                f"(`workbench report --list` shows each report's)"))
        elif any(specs.get(name) is not None and specs[name].injected for specs in declared.values()):
            problems.append(ParameterError(
                f"-p {given}: set by the runner, not on the command line (the store, the output folder, "
                f"the run id, the date and the incumbent file are run options: --data, --out, --as-of, "
                f"--incumbents)"))
        elif name in out:
            problems.append(ParameterError(f"-p {given}: given twice ({out[name]!r} and {text!r}); give it once"))
        else:
            out[name] = text
    return out


def _overridden(spec: ReportSpec, specs: dict[str, ParamSpec], values: dict[str, Any]) -> ReportSpec:
    """``spec`` with ``values`` set, renamed from its template; values the name does not show are added."""
    params = {**spec.parameters, **values}
    template = spec.template or spec.name
    name = format_name(template, params)
    # {level_name} shows the level as its role name.
    shown = {k for k in values if "{" + k + "}" in template} | ({"level"} if "{level_name}" in template else set())
    hidden = [k for k, v in values.items() if k not in shown and v != spec.parameters.get(k)]
    if hidden:
        name += " (" + ", ".join(f"{k} {values[k]}" for k in hidden) + ")"
    return replace(spec, name=name, parameters=params)


def _checked_values(selected: list[ReportSpec], texts: dict[str, str],
                    declared: dict[Path, dict[str, ParamSpec]], problems: list[PlanError]) -> dict[Path, dict]:
    """Per notebook, the override values it declares, read and checked (each problem once)."""
    per_notebook: dict[Path, dict[str, Any]] = {}
    seen: set[tuple[str, str]] = set()
    for spec in selected:
        specs = declared[spec.notebook]
        values = per_notebook.setdefault(spec.notebook, {})
        for name, text in texts.items():
            if name not in specs or name in values:
                continue
            try:
                values[name] = parse_value(spec.notebook_name, specs[name], text)
            except ParameterError as exc:  # said once for notebooks that declare it alike
                if (name, specs[name].expected()) not in seen:
                    seen.add((name, specs[name].expected()))
                    problems.append(exc)
    return per_notebook


def _renamed(reports: list[ReportSpec], plan_specs: list[ReportSpec]) -> list[ReportSpec]:
    """Identical reports once; a plan report's slug kept; new names get new slugs; names unique."""
    by_name = {s.name: s for s in plan_specs}
    taken = {s.slug for s in plan_specs}
    out: list[ReportSpec] = []
    seen: set[tuple] = set()
    for spec in reports:
        key = (spec.notebook, tuple(sorted(spec.parameters.items())))
        if key in seen:
            continue
        seen.add(key)
        twin = by_name.get(spec.name)
        if twin is not None and twin.notebook == spec.notebook and twin.parameters == spec.parameters:
            out.append(replace(spec, slug=twin.slug))
            continue
        if twin is not None or any(o.name == spec.name for o in out):
            spec = replace(spec, name=f"{spec.name} ({', '.join(f'{k} {v}' for k, v in spec.parameters.items())})")
        out.append(replace(spec, slug=slugify(spec.name, taken=taken)))
    return out


def _apply(selected: list[ReportSpec], pairs: list[tuple[str, str]],
           plan_specs: list[ReportSpec]) -> tuple[list[ReportSpec], list[PlanError]]:
    if not pairs:
        return selected, []
    declared = _declared(selected)
    problems: list[PlanError] = []
    texts = _resolve_names(pairs, declared, problems)
    per_notebook = _checked_values(selected, texts, declared, problems)
    if problems:
        return selected, problems
    reports = [_overridden(s, declared[s.notebook], per_notebook[s.notebook]) for s in selected]
    return _renamed(reports, plan_specs), []


def apply_overrides(selected: list[ReportSpec], pairs: Iterable[tuple[str, str]] | None, *,
                    plan_specs: list[ReportSpec] | None = None) -> list[ReportSpec]:
    """The selected reports with ``-p NAME VALUE`` pairs applied (see the module docstring).

    ``plan_specs`` is the whole plan: a report that ends up equal to one of its reports
    keeps that report's slug (its page is updated in place); any other gets a new one.
    Raises ``ParameterError``/``PlanError`` listing every problem.
    """
    reports, problems = _apply(selected, list(pairs or []), plan_specs if plan_specs is not None else selected)
    if problems:
        raise combine_problems(problems, "-p")
    return reports


# ------------------------------------------------------------------ --list


def _param_line(spec: ParamSpec) -> str:
    allowed = ""
    if spec.choices is not None:
        allowed = "choices: " + ", ".join(str(c) for c in spec.choices)
    elif spec.minimum is not None or spec.maximum is not None:
        lo = "" if spec.minimum is None else spec.minimum
        hi = "" if spec.maximum is None else spec.maximum
        allowed = f"range: {lo}..{hi}"
    return f"    {spec.name:<14} {spec.type:<6} default {spec.default!r:<12} {allowed}".rstrip()


def _values_text(spec: ReportSpec, declared: dict[str, ParamSpec]) -> str:
    changed = [f"{k}={v}" for k, v in spec.parameters.items() if declared.get(k) and v != declared[k].default]
    return ", ".join(changed) if changed else "defaults"


def describe(specs: list[ReportSpec], plan_path: str | Path | None = None) -> str:
    """The ``--list`` text: the plan's reports (with the values they set), then each
    notebook's parameters with type, default and choices or range."""
    declared = {s.notebook: notebook_params(s.notebook) for s in specs}
    where = f" in {plan_path}" if plan_path else ""
    lines = [f"{len(specs)} report(s){where} (--only NAME picks by report or notebook name, any case):"]
    for spec in specs:
        lines.append(f"  {spec.name}  [notebook {spec.notebook_name}, {spec.audience}]: "
                     f"{_values_text(spec, declared[spec.notebook])}")
    for path, params in declared.items():
        lines += ["", f"notebook {path.stem} (-p NAME VALUE sets one of these):"]
        lines += [_param_line(p) for p in params.values() if not p.injected]
        injected = [p.name for p in params.values() if p.injected]
        if injected:
            lines.append(f"    set by the runner: {', '.join(injected)}")
    return "\n".join(lines)
