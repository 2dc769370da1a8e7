#!/usr/bin/env python3
"""sarif-check.py - validate SARIF files against the official schema.

usage: sarif-check.py SCHEMA FILE...

Validates each FILE against SCHEMA (the OASIS SARIF 2.1.0 JSON schema,
with the JSON Schema draft it names) with a format checker, so that an
artifact's "uri" must be a real RFC 3986 uri-reference.  Exits 0 when all
are valid, 1 when one is not (each error on stderr), 77 when this Python
cannot check: jsonschema is missing, or it has no checker for
uri-reference (python3-rfc3987 or python3-rfc3986-validator).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def main():
    schema_path, files = sys.argv[1], sys.argv[2:]
    checker = jsonschema.FormatChecker()
    # Without a uri-reference checker, jsonschema lets any string pass.
    if checker.conforms("odd name\u00e9.xml", "uri-reference"):
        print("jsonschema cannot check uri-reference here "
              "(install python3-rfc3987)", file=sys.stderr)
        return 77
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=checker)
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
            where = "/".join(str(p) for p in err.absolute_path)
            print(f"{path}: {where}: {err.message}", file=sys.stderr)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
