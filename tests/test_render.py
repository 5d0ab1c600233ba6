"""Kernel-side display helpers: escaping, tables, headline files."""

from __future__ import annotations

import json

import pandas as pd

from workbench import render

SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"


def test_table_html_escapes_cells_labels_index_and_caption():
    df = pd.DataFrame({SCRIPT: [IMG, 1.5]})
    df.index.name = SCRIPT
    markup = render.table_html(df, caption=SCRIPT, index=True)
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;" in markup and "&lt;img src=x onerror=" in markup


def test_text_and_header_are_escaped():
    assert render.text_html(SCRIPT) == "<p>&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;</p>"
    assert "<img" not in render.header_html(IMG)
    assert render.text_html(["a", "b"]).count("<p>") == 2


def test_publish_headline_writes_json_into_the_injected_folder(tmp_path):
    import numpy as np

    render.start(output_dir=str(tmp_path))
    try:
        render.publish_headline({"p50": np.float64(1.5), "n": np.int64(3), "bad": float("nan")})
    finally:
        render.start()
    assert json.loads((tmp_path / render.HEADLINE_FILE).read_text()) == {"p50": 1.5, "n": 3, "bad": None}
