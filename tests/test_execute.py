"""The executor process's side: retries, error wording, the second look at an executed notebook."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_notebook, new_output

from workbench import execute
from workbench.runs import Run


def test_kernel_start_failures_are_retried_but_cell_errors_are_not():
    import zmq

    assert execute.is_kernel_start_failure(zmq.error.ZMQError(98, "Address already in use"))
    assert execute.is_kernel_start_failure(RuntimeError("Kernel died before replying to kernel_info"))
    assert not execute.is_kernel_start_failure(ValueError("fixture failure: boom"))


def test_describe_error_names_timeouts_and_dead_kernels():
    class DeadKernelError(Exception):
        pass

    class CellTimeoutError(Exception):
        pass

    assert execute.describe_error(CellTimeoutError("Cell execution timed out\nmore")) == (
        "timeout", "timed out: Cell execution timed out")
    assert execute.describe_error(DeadKernelError("x"))[1].startswith("kernel died")
    assert execute.describe_error(ValueError("boom\ntrace")) == ("failed", "ValueError: boom")


def test_an_error_output_fails_a_notebook_that_looks_complete():
    good = new_notebook(cells=[new_code_cell("x = 1", outputs=[])])
    assert execute.verify_executed(good) is None
    bad = new_notebook(cells=[new_code_cell("x", outputs=[
        new_output("error", ename="KeyError", evalue="'k'", traceback=[])])])
    assert execute.verify_executed(bad) == "KeyError: 'k'"


def test_the_page_header_names_the_rung_and_the_run():
    run = Run(name="L2", slug="l2", notebook="role_benchmark", audience="recruiter",
              parameters={"level": 2, "currency": "GBP"}, run_id="r1", as_of="2026-11-23",
              fingerprint="f" * 64, data_date="2026-11-20")
    meta = execute.header_meta(run, {"n": 6})
    assert meta["role"] == "Level 2: Account Manager" and meta["n"] == 6
    assert meta["data date"] == "2026-11-20" and meta["data fingerprint"] == "f" * 16
    assert list(meta) == ["role", "data date", "as of", "n", "audience", "parameters", "data fingerprint",
                          "run id"]
