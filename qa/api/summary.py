"""Print a short summary of a Schemathesis NDJSON report; exit 1 on any failure or error.

Usage: python summary.py REPORT.ndjson
Standard library only. Distinct failures are grouped by operation, check and the first
line of the message; one example request and response is shown for each.
"""

from __future__ import annotations

import base64
import json
import sys
from collections import Counter, OrderedDict

MAX_MESSAGE_LINES = 24
MAX_FAILURES_SHOWN = 25


def _body(response: dict) -> str:
    content = response.get("content") or {}
    raw = content.get("$base64")
    text = base64.b64decode(raw).decode("utf-8", "replace") if raw else str(content.get("body", ""))
    text = " ".join(text.split())
    return text if len(text) <= 240 else text[:240] + "..."


def main(path: str) -> int:
    checks: Counter[tuple[str, str]] = Counter()
    operations: set[str] = set()
    requests = 0
    failures: OrderedDict[tuple[str, str, str], dict] = OrderedDict()
    errors: list[str] = []
    phases: dict[str, str] = {}
    stop_reason = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            event = json.loads(line)
            (kind, data), = event.items()
            if kind == "PhaseFinished":
                phases[data["phase"]["name"]] = data["status"]
            elif kind == "EngineFinished":
                stop_reason = data.get("stop_reason")
            elif kind in ("NonFatalError", "FatalError", "Interrupted"):
                errors.append(f"{kind}: {json.dumps(data)[:400]}")
            elif kind == "ScenarioFinished":
                recorder = data.get("recorder") or {}
                operations.add(recorder.get("label", "?"))
                interactions = recorder.get("interactions") or {}
                requests += len(interactions)
                for case_id, results in (recorder.get("checks") or {}).items():
                    for result in results:
                        checks[(result["name"], result["status"])] += 1
                        if result["status"] != "failure":
                            continue
                        failure = (result.get("failure_info") or {}).get("failure") or {}
                        message = (failure.get("message") or "").strip()
                        key = (failure.get("operation", recorder.get("label", "?")), result["name"],
                               message.splitlines()[0] if message else failure.get("title", ""))
                        case = ((recorder.get("cases") or {}).get(case_id) or {}).get("value") or {}
                        entry = failures.setdefault(key, {"count": 0, "failure": failure, "test_id": case.get("id"),
                                                          "interaction": interactions.get(case_id)})
                        entry["count"] += 1

    failed_checks = sorted({name for (name, status) in checks if status == "failure"})
    passed = sum(n for (name, status), n in checks.items() if status == "success")
    print("== Tarina API contract summary ==")
    print(f"operations tested: {len(operations)}  ({', '.join(sorted(operations))})")
    print(f"requests recorded: {requests}; check results: {passed} passed, "
          f"{sum(n for (_, s), n in checks.items() if s == 'failure')} failed")
    print("phases: " + ", ".join(f"{name}={status}" for name, status in phases.items()
                                 if name in ("examples", "coverage", "fuzzing", "stateful")))
    print(f"checks run: {', '.join(sorted({name for name, _ in checks}))}")
    for number, (key, entry) in enumerate(failures.items()):
        if number == MAX_FAILURES_SHOWN:
            print(f"\n... {len(failures) - number} more distinct failures: see the full log")
            break
        operation, check, first = key
        failure = entry["failure"]
        print(f"\nFAIL {operation} :: {check} [{failure.get('code', '')} {failure.get('title', '')}] "
              f"(x{entry['count']})")
        lines = (failure.get("message") or "").strip().splitlines()
        if "Schema:" in lines:  # JSON Schema errors: the error and the value matter, not the schema text
            cut = lines.index("Schema:")
            lines = lines[:cut] + ["(schema and value: see the full log)"]
        for text in lines[:MAX_MESSAGE_LINES]:
            print(f"    {text}")
        if len(lines) > MAX_MESSAGE_LINES:
            print("    ...")
        interaction = entry["interaction"]
        if interaction:
            request, response = interaction["request"], interaction.get("response") or {}
            content_type = ", ".join((response.get("headers") or {}).get("content-type", []))
            print(f"  example: {request['method']} {request['uri']}   (test case {entry['test_id']})")
            print(f"        -> {response.get('status_code')} {content_type} {_body(response)}")
    for error in errors:
        print(f"\nERROR {error}")
    if stop_reason not in (None, "completed"):
        print(f"\nrun stopped early: {stop_reason}")
    if not operations:
        print("\nno API operation was tested")
    bad = bool(failures or errors or failed_checks or not operations or stop_reason not in (None, "completed"))
    print(f"\nRESULT: {'FAIL' if bad else 'PASS'} ({len(failures)} distinct failures, {len(errors)} errors)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
