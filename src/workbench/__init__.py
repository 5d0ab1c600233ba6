"""The workbench: benchmark account roles from job descriptions and pay data."""
__version__ = "0.1.0"
from workbench.salary import parse_salary

__all__ = ["parse_salary", "__version__"]
