"""gongbao: turn government gazettes (政府公报) into a trustworthy, searchable archive.

The public API: `parse_file` / `parse_bytes` run the whole parsing pipeline and return a
`ParsedIssue`; `to_json` renders it per docs/spec/parse-json.md. Imported lazily, so that importing
one stage does not load them all.
"""

from importlib import import_module

_EXPORTS = {
    "DocNumber": "gongbao.docnumber",
    "GongbaoError": "gongbao.errors",
    "InputError": "gongbao.errors",
    "Document": "gongbao.model",
    "Issue": "gongbao.model",
    "ParsedIssue": "gongbao.model",
    "parse_bytes": "gongbao.pipeline",
    "parse_file": "gongbao.pipeline",
    "parse_source": "gongbao.pipeline",
    "to_json": "gongbao.serialize",
    "to_json_dict": "gongbao.serialize",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'gongbao' has no attribute {name!r}")
