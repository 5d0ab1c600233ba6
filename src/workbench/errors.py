"""Typed errors. Each message says what was expected and what to do next."""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base class for every error the workbench raises on purpose."""


class IngestError(WorkbenchError):
    """A file could not be read into postings (it goes to the rejects table)."""


class ExtractionError(WorkbenchError):
    """A posting could not be turned into a record (it goes to the rejects table)."""


class EvaluationError(WorkbenchError):
    """A labelled set, or the corpus it points into, is missing or unreadable."""


class SchemaError(WorkbenchError):
    """A table does not match its declared schema."""


class StoreError(WorkbenchError):
    """The Parquet store is missing or unreadable."""


class PlanError(WorkbenchError):
    """A report plan is invalid; raised before any notebook runs."""


class ParameterError(PlanError):
    """A report parameter has an unknown name, a wrong type or a bad value."""


class ReportError(WorkbenchError):
    """A report failed to execute or render."""


class CurrencyError(WorkbenchError):
    """A currency is unknown or cannot be converted."""


class CorpusError(WorkbenchError):
    """A corpus or labelled file is missing or lacks the columns its description names."""
