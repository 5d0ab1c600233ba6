"""The workbench: benchmark account roles from job descriptions and pay data."""
__version__ = "0.1.0"
from workbench import compiled as _compiled

_compiled.check()  # before any compiled module loads: an outdated build never runs
from workbench.salary import parse_salary  # noqa: E402

__all__ = ["parse_salary", "__version__"]
