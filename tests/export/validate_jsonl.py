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
                # A tool call's arguments are JSON text of their own: valid against the called
                # tool's parameters, and naming the target by exactly one of ref and element.
                record = json.loads(line)
                tools = {t["function"]["name"]: t["function"]["parameters"] for t in record.get("tools", [])}
                for message in record.get("messages", []):
                    for call in message.get("tool_calls", []):
                        name = call["function"]["name"]
                        args = json.loads(call["function"]["arguments"])
                        problem = None
                        if name not in tools:
                            problem = f"calls {name!r}, which is not among the tools"
                        elif not isinstance(args, dict) or ("ref" in args) == ("element" in args):
                            problem = "arguments name the target by neither or both of ref and element"
                        else:
                            parameters = dict(tools[name], additionalProperties=False)
                            error = next(jsonschema.Draft7Validator(parameters).iter_errors(args), None)
                            problem = error.message if error else None
                        if problem:
                            bad += 1
                            print(f"{path}:{number}: tool call {problem}")
print(f"{lines} lines, {bad} invalid")
sys.exit(1 if bad or lines == 0 else 0)
