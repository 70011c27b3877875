"""Importers: turn files in other formats into datasets of ``data-spec.md``.

Each importer returns a :class:`~pathways.dataset.Dataset`; write it with
:func:`pathways.writing.write_dataset`.
"""

from pathways.importers.ssi import SurveyError, import_ssi, survey_format

__all__ = ["SurveyError", "import_ssi", "survey_format"]
