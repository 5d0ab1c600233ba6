"""The ``workbench`` command line.

Every command is a thin wrapper over a package function, so what the CLI does a
notebook or a script can do too. Heavy modules are imported inside commands to
keep ``workbench --help`` fast.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer

from workbench import __version__, markets
from workbench.errors import Interrupted, WorkbenchError

app = typer.Typer(
    name="workbench",
    help="Benchmark account roles from job descriptions and pay data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure the extractors against labelled data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _fail(exc: Exception) -> None:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=2)


def _stopped(exc: Interrupted, what: str, kept: str) -> None:
    """One line for a run stopped by a signal; exit 128 + the signal number. The process
    ends here: libraries shutting down behind it (a Dask client's cancelled tasks) log nothing."""
    logging.disable(logging.CRITICAL)
    typer.secho(f"error: {what} {exc}; {kept}.", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=exc.exit_code)


def _require_some(paths: list[Path]) -> None:
    """Fail with one line when none of the given inputs exists (one missing among
    others is listed as a reject by the readers, like any unreadable input)."""
    if paths and not any(p.exists() for p in paths):
        _fail(WorkbenchError(f"no such file or folder: {', '.join(str(p) for p in paths)}"))


def _require_files(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        _fail(WorkbenchError(f"no such file: {', '.join(missing)}"))


@app.callback(invoke_without_command=True)
def _main(version: bool = typer.Option(False, "--version", help="Print the version and exit.",
                                       is_eager=True)) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders to read."),
    store: Optional[Path] = typer.Option(None, "--store", help="Store folder (default data/processed)."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    jobs: Optional[int] = typer.Option(None, "--jobs", help="Worker processes (default: every core)."),
    chunk_size: int = typer.Option(10_000, "--chunk-size", help="Postings per chunk."),
    progress: bool = typer.Option(True, "--progress/--no-progress"),
) -> None:
    """Read postings, extract records and write the validated Parquet store."""
    from workbench.pipeline import run_ingest

    _require_some(paths)
    try:
        summary = run_ingest(paths, store, engine=engine, jobs=jobs, scheduler=scheduler,
                             chunk_size=chunk_size, progress=progress)
    except WorkbenchError as exc:
        _fail(exc)
    except Interrupted as exc:
        _stopped(exc, "ingest", "nothing was published")
    typer.echo(
        f"{summary.n_postings} postings, {summary.n_records} records, "
        f"{summary.n_rejects} rejected, {summary.seconds:.1f} s -> {summary.store_dir}"
    )
    if summary.n_rejects:
        typer.echo(f"rejects are listed in {Path(summary.store_dir) / 'rejects'}")


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or folders to read."),
    currency: Optional[str] = typer.Option(
        None, "--currency", help="Also give each pay mention's annual amounts in this currency "
                                 "(ECB rate of the posting's date). Default: the posting's own currency only."),
) -> None:
    """Print one JSON record per role found in each posting (JSON Lines)."""
    from workbench import fx
    from workbench.extract import extract_posting
    from workbench.ingest import ingest_paths

    _require_some(paths)
    if currency:
        try:
            fx.rates(["EUR"], [None], currency)  # an unknown currency fails here, before any work
        except WorkbenchError as exc:
            _fail(exc)
    result = ingest_paths(paths, progress=False)
    out = sys.stdout
    for posting in result.postings.to_dict("records"):
        try:
            for record in extract_posting(posting, currency=currency):
                out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        except Exception as exc:  # reported, never stops the others
            typer.echo(f"rejected {posting.get('source')}: {type(exc).__name__}: {exc}", err=True)
    for reject in result.rejects.to_dict("records"):
        typer.echo(f"rejected {reject['source']}: {reject['reason']}", err=True)


def _param_pairs(args: list[str]) -> list[tuple[str, str]]:
    """``-p NAME VALUE`` pairs from the words the option parser left (papermill's form).

    Typer cannot declare an option that takes two values and repeats, so ``report``
    leaves unknown words to this parser; anything but ``-p``/``--param`` pairs is refused.
    """
    pairs: list[tuple[str, str]] = []
    words = list(args)
    while words:
        word = words.pop(0)
        if word not in ("-p", "--param"):
            raise WorkbenchError(f"unexpected argument {word!r}; see `workbench report --help`")
        if len(words) < 2:
            raise WorkbenchError(f"{word} needs a parameter name and a value, e.g. {word} level 3")
        pairs.append((words.pop(0), words.pop(0)))
    return pairs


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def report(
    ctx: typer.Context,
    plan: Optional[Path] = typer.Option(None, "--plan", help="YAML plan (default plans/default.yaml)."),
    data: Optional[list[Path]] = typer.Option(None, "--data", help="Raw files/folders or a store folder (default data/raw)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default reports/)."),
    only: Optional[list[str]] = typer.Option(
        None, "--only", help="Run only the report(s) with this report or notebook name (any case); repeatable."),
    incumbents: Optional[Path] = typer.Option(
        None, "--incumbents", help="Your HR file (CSV or XLSX, columns as in data/templates/incumbents_template.csv) "
                                   "for the internal-vs-market report (default: the bundled example)."),
    list_reports: bool = typer.Option(False, "--list", help="Print the plan's reports and their parameters "
                                                            "(types, choices, defaults) and exit."),
    jobs: int = typer.Option(2, "--jobs", help="Notebooks run at once."),
    timeout: float = typer.Option(600, "--timeout", help="Seconds allowed per notebook (more than 0)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Run date YYYY-MM-DD (default today)."),
    engine: str = typer.Option("local", "--engine", help="local or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address."),
    max_reports: Optional[int] = typer.Option(None, "--max-reports",
                                              help="Refuse a plan with more reports (default 200)."),
    progress: bool = typer.Option(True, "--progress/--no-progress",
                                  help="A line on stderr per step and per finished report (a bar on a terminal)."),
) -> None:
    """Run the report plan through papermill and publish HTML + index.

    -p NAME VALUE sets a notebook parameter for this run (repeatable: -p level 3 -p market US),
    read as the type the notebook declares and checked like a plan value; --list shows them.
    """
    from workbench.report import plan_reports, run_plan

    try:
        param = _param_pairs(ctx.args)
        if list_reports:
            from workbench.selection import describe

            typer.echo(describe(plan_reports(plan, max_reports=max_reports, only=only, overrides=param),
                                plan or "plans/default.yaml"))
            return
        result = run_plan(plan, data=data, out=out, only=only, jobs=jobs, timeout=timeout,
                          as_of=as_of, engine=engine, scheduler=scheduler, max_reports=max_reports,
                          overrides=param, incumbents=incumbents, progress=progress)
    except WorkbenchError as exc:
        _fail(exc)
    except Interrupted as exc:
        _stopped(exc, "report", "no page was replaced")
    # With progress lines on stderr, stdout keeps the failures and the totals.
    typer.echo(result.summary(failed_only=progress))
    raise typer.Exit(code=0 if result.ok else 1)


@app.command("bench")
def bench_cmd(
    paths: list[Path] = typer.Argument(..., help="A store folder, or raw posting files/folders."),
    market: Optional[str] = typer.Option(
        None, "--market", help=f"{', '.join(markets.market_codes())}, or ALL for one row per market "
                               "(never pooled). Default: the settings' market (GB)."),
    by: str = typer.Option("role,level", "--by", help="Cuts beside market, role and level: any of "
                           "city, region (parsed from the location), country."),
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    currency: Optional[str] = typer.Option(
        None, "--currency", help="Currency of the figures (default: each market's own); pay is "
                                 "converted once, here, at the ECB rate of each posting's date."),
    value: str = typer.Option("annual_base", "--value", help="annual_base, annual_ttc or annual_base_or_package."),
    range_method: str = typer.Option("midpoint", "--range-method", help="midpoint or uniform."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Age market pay to this date, YYYY-MM-DD "
                                        "(default today), from each posting's date."),
) -> None:
    """Print the market benchmark table (percentiles, n, suppression), one market per row.

    Notes on stderr say which market, currency and value, how pay was aged and what was left out."""
    from workbench import bench, store
    from workbench.pipeline import tables_from_paths

    if fmt not in bench.FORMATS:
        _fail(WorkbenchError(f"--format must be one of {', '.join(bench.FORMATS)}, got {fmt!r}"))
    _require_some(paths)
    try:
        bench.resolve_market(market)  # a bad option fails before any reading
        bench.resolve_currency(currency)
        bench.as_of_date(as_of)
        if value not in bench.VALUES:
            raise WorkbenchError(f"--value must be one of {', '.join(bench.VALUES)}, got {value!r}")
        if len(paths) == 1 and store.looks_like_store(paths[0]):
            tables = bench.load(paths[0])
        else:
            tables = bench.Tables(**tables_from_paths(paths))
        table = bench.benchmark_table(tables, by=by, market=market, currency=currency, value=value,
                                      range_method=range_method, as_of=as_of)
        text = bench.format_table(table, fmt)
    except WorkbenchError as exc:
        _fail(exc)
    typer.echo(text)
    for note in table.attrs.get("notes", []):
        typer.echo(note, err=True)


@app.command()
def synth(
    n: int = typer.Option(1000, "--n", help="How many postings."),
    seed: int = typer.Option(1, "--seed", help="Random seed (same seed, same bytes)."),
    out: Path = typer.Option(..., "--out", help="Output folder for JSON Lines shards."),
    shard_size: int = typer.Option(100_000, "--shard-size"),
) -> None:
    """Write deterministic synthetic postings for benchmarks and scale tests."""
    from workbench.synth import write

    if n < 0 or shard_size < 1:
        _fail(WorkbenchError(f"--n must be at least 0 and --shard-size at least 1 (got {n}, {shard_size})"))
    try:
        files = write(n, seed, out, shard_size=shard_size)
    except (WorkbenchError, ValueError, OSError) as exc:
        _fail(exc)
    typer.echo(f"{n} postings in {len(files)} shard(s) under {out}")


@eval_app.command("salary")
def eval_salary(
    files: list[Path] = typer.Argument(..., help="Labelled CSV file(s)."),
    glassdoor: Optional[Path] = typer.Option(None, "--glassdoor", help="Glassdoor salary_data_cleaned.csv to check against."),
    boss: Optional[Path] = typer.Option(None, "--boss", help="BOSS直聘 listings CSV (薪资 column) to check against."),
    field: bool = typer.Option(False, "--field", help="The strings are pay-field values (e.g. "
                               "data/labelled/pay_fields/pay_fields.csv): parse them in field mode."),
    show_holdout_failures: bool = typer.Option(
        False, "--show-holdout-failures", help="Also list the held-out half's failing rows (after tuning)."),
) -> None:
    """Agreement of the salary engine with labelled strings, by half, language and shape."""
    from workbench import evaluate

    _require_files([*files, *(p for p in (glassdoor, boss) if p is not None)])
    report = evaluate.eval_salary(files, field=True if field else None,
                                  show_holdout_failures=show_holdout_failures)
    typer.echo(evaluate.format_report(report))
    if glassdoor is not None:
        typer.echo("")
        typer.echo(evaluate.format_report(evaluate.eval_glassdoor(glassdoor)))
    if boss is not None:
        typer.echo("")
        typer.echo(evaluate.format_report(evaluate.eval_boss(boss)))


@eval_app.command("documents")
def eval_documents(
    corpus: Optional[list[str]] = typer.Option(
        None, "--corpus", help="linkedin_us, hh_ru, uk_ads (default: all three) or a CSV path; repeatable."),
    columns: Optional[str] = typer.Option(
        None, "--columns", help="For a CSV path: text=COL,low=COL,high=COL,currency=COL,period=COL "
                                "(also id=, title=, company=, location=, date=)."),
    verbose: bool = typer.Option(False, "--verbose", help="List excluded ids and the tune half's failing postings."),
    show_holdout_failures: bool = typer.Option(
        False, "--show-holdout-failures", help="Also print the held-out half's failing postings (after tuning)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for <corpus>_excluded.csv (default reports/eval)."),
    nopay_labels: Optional[Path] = typer.Option(
        None, "--nopay-labels", help="No-pay label set (default data/labelled/nopay/nopay_postings.csv, if present)."),
    labels: Optional[str] = typer.Option(
        None, "--labels", help="paydocs (data/labelled/paydocs/paydocs.csv), paydocs2 ... (later sets) or a CSV "
                               "of postings labelled with the base pay their text states: score against those "
                               "labels instead."),
) -> None:
    """Pay found in real postings through ingest and extraction, against their held-out structured pay."""
    from workbench import corpora, document_eval

    if labels is not None:
        _eval_paydocs(labels, show_holdout_failures)
        return
    names = corpus or list(corpora.LABELLED_CORPORA)
    if nopay_labels is not None:
        _require_files([nopay_labels])
    try:
        specs = [document_eval.resolve_spec(name, columns) for name in names]
        labels = document_eval.read_nopay_labels(nopay_labels)
        for i, spec in enumerate(specs):
            result = document_eval.evaluate_corpus(spec, nopay_labels=labels)
            path = document_eval.write_excluded(result, out)
            typer.echo(("\n" if i else "") + document_eval.format_result(
                result, verbose=verbose, show_holdout_failures=show_holdout_failures,
                excluded_file=path))
    except WorkbenchError as exc:
        _fail(exc)


def _eval_paydocs(labels: str, show_holdout_failures: bool) -> None:
    from workbench import paydocs_eval

    try:
        result = paydocs_eval.evaluate_paydocs(paydocs_eval.resolve_labels(labels))
    except WorkbenchError as exc:
        _fail(exc)
    typer.echo(paydocs_eval.format_paydocs(result, show_holdout_failures=show_holdout_failures))


@eval_app.command("responsibilities")
def eval_responsibilities(
    file: Optional[Path] = typer.Argument(None, help="Labelled responsibilities CSV (lines with their area)."),
    corpus: Optional[str] = typer.Option(
        None, "--corpus", help="linkedin_us, uk_ads, hh_ru or all: score the labelled duties of real postings."),
    verbose: bool = typer.Option(False, "--verbose", help="With --corpus: list the failures of the tuning halves (tune, tune2)."),
    show_holdout_failures: bool = typer.Option(
        False, "--show-holdout-failures", help="With --corpus: also list the held-out half's failures (after tuning)."),
) -> None:
    """Areas of labelled lines (FILE), or duties found in real postings (--corpus)."""
    if file is None and corpus is None:
        _fail(WorkbenchError("give a labelled CSV file or --corpus linkedin_us|uk_ads|hh_ru|all"))
    if file is not None:
        from workbench import taxonomy

        _require_files([file])
        typer.echo(json.dumps(taxonomy.evaluate(file), indent=2, ensure_ascii=False, default=str))
    if corpus is not None:
        from workbench import eval_duties

        try:
            result = eval_duties.evaluate(corpus)
        except WorkbenchError as exc:
            _fail(exc)
        typer.echo(eval_duties.format_eval(result, verbose=verbose, show_holdout_failures=show_holdout_failures))


@eval_app.command("locations")
def eval_locations(
    labels: Optional[Path] = typer.Option(None, "--labels", help="Labelled CSV (default data/labelled/locations/uk_locations.csv)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="uk_ads CSV (default ../shared/corpora/uk_ads/adzuna_uk_data_jobs.csv)."),
    show_holdout_failures: bool = typer.Option(
        False, "--show-holdout-failures", help="Also list the held-out half's failing rows (after tuning)."),
) -> None:
    """City and region agreement of the location parser with the labelled uk_ads locations."""
    from workbench import places_eval

    try:
        result = places_eval.evaluate_locations(labels, corpus)
    except WorkbenchError as exc:
        _fail(exc)
    typer.echo(places_eval.format_location_eval(result, show_holdout_failures=show_holdout_failures))


@eval_app.command("titles")
def eval_titles(
    file: Optional[Path] = typer.Argument(None, help="Labelled titles CSV (default data/labelled/titles/titles.csv)."),
    show_holdout_failures: bool = typer.Option(
        False, "--show-holdout-failures", help="Also list the held-out half's failing titles (after tuning)."),
) -> None:
    """Role family and level of labelled titles (title, market, one-line context) through extraction."""
    from workbench import eval_titles as titles

    try:
        result = titles.evaluate_titles(file)
    except WorkbenchError as exc:
        _fail(exc)
    typer.echo(titles.format_title_eval(result, show_holdout_failures=show_holdout_failures))


@eval_app.command("timesplits")
def eval_timesplits(
    labels: Optional[Path] = typer.Option(
        None, "--labels", help="Labelled postings (default data/labelled/timesplits/timesplits.csv)."),
    show_holdout_failures: bool = typer.Option(
        False, "--show-holdout-failures", help="Also list the held-out half's wrong postings (after tuning)."),
) -> None:
    """Precision and recall of time-allocation splits on the labelled corpus postings (product path)."""
    from workbench import eval_timesplits as timesplits

    try:
        result = timesplits.evaluate_timesplits(labels)
    except WorkbenchError as exc:
        _fail(exc)
    typer.echo(timesplits.format_timesplit_eval(result, show_holdout_failures=show_holdout_failures))


@eval_app.command("employers")
def eval_employers(
    file: Optional[Path] = typer.Argument(None, help="Labelled employer-name pairs CSV "
                                          "(default data/labelled/companies/company_pairs.csv)."),
    show_holdout_failures: bool = typer.Option(
        False, "--show-holdout-failures", help="Also list the held-out half's failing pairs."),
) -> None:
    """Agreement of the employer key with labelled name pairs, per half, same and distinct."""
    from workbench import employers

    path = file if file is not None else employers.PAIRS_PATH
    _require_files([path])
    try:
        result = employers.evaluate_pairs(path)
    except WorkbenchError as exc:
        _fail(exc)
    typer.echo(employers.format_evaluation(result, show_holdout_failures=show_holdout_failures))


if __name__ == "__main__":  # pragma: no cover
    app()
