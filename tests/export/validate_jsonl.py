#!/usr/bin/python3
# validate_jsonl.py — checks every line of JSONL files against a JSON Schema with Debian's python3-jsonschema; used by the export tests.
# Usage: validate_jsonl.py SCHEMA FILE...   Prints each invalid line's file, line number and first error; exit 1 if any.
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft7Validator(schema)
bad = lines = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            lines += 1
            try:
                errors = list(validator.iter_errors(json.loads(line)))
            except json.JSONDecodeError as e:
                errors = [e]
            if errors:
                bad += 1
                print(f"{path}:{number}: {getattr(errors[0], 'message', errors[0])}")
            else:
                # the tool call's arguments are JSON text of their own
                record = json.loads(line)
                for message in record.get("messages", []):
                    for call in message.get("tool_calls", []):
                        args = json.loads(call["function"]["arguments"])
                        if not isinstance(args, dict) or "ref" not in args:
                            bad += 1
                            print(f"{path}:{number}: tool call arguments are not an object with ref")
print(f"{lines} lines, {bad} invalid")
sys.exit(1 if bad or lines == 0 else 0)
