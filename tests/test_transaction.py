"""The writing side of the store is one module, reached through ``workbench.store`` as before."""

from __future__ import annotations

import pandas as pd

from workbench import store, transaction


def test_store_re_exports_the_transaction_and_a_commit_publishes_one_version(tmp_path):
    assert store.Transaction is transaction.Transaction and store.write_store is transaction.write_store
    root = tmp_path / "s"
    rejects = pd.DataFrame({"source": ["a.txt"], "stage": ["ingest"], "reason": ["empty file"]})
    with store.Transaction(root) as tx:
        tx.add(store.write_tables({"rejects": rejects}, tx.staging))
        tx.commit()
    assert store.read_table("rejects", root)["reason"].tolist() == ["empty file"]
    assert [r["status"] for r in transaction.runs(root)] == ["ok"]
    assert not list(root.glob(".staging-*"))
