"""The workbench: benchmark account roles from job descriptions and pay data."""
__version__ = "0.1.0"
