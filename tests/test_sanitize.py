"""The allow-list sanitiser and the offline check of published pages."""

from __future__ import annotations

import pytest

from workbench import sanitize
from workbench.errors import ReportError


def test_check_offline_refuses_scripts_handlers_and_external_loads():
    ok = "<html><body><p>&lt;script&gt;x&lt;/script&gt;</p><a href='2026-11-23/a.html'>a</a><a href='#x'>b</a></body></html>"
    sanitize.check_offline(ok)
    for bad in ["<script>x</script>", "<img src='http://x/y.png'>", "<p onclick='x()'>a</p>",
                "<link rel=stylesheet href='https://cdn/x.css'>", "<a href='javascript:alert(1)'>a</a>",
                "<a href='../../etc/passwd'>a</a>", "<style>@import url(https://x)</style>",
                "<img src='data:image/svg+xml;base64,AAAA'>", "<meta http-equiv='refresh' content='0;url=http://x'>"]:
        with pytest.raises(ReportError):
            sanitize.check_offline(bad)
