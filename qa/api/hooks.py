"""Tarina-specific Schemathesis checks, loaded by run.sh through SCHEMATHESIS_HOOKS.

Schemathesis only sends what the OpenAPI document describes, so it never sends
If-None-Match (not a declared parameter) and never sends HEAD (implied by GET).
These checks follow every GET that Schemathesis makes with the derived requests
that the document's own text promises:

* conditional_get_conformance: "Responses carry an ETag; send it back in
  If-None-Match to get 304 Not Modified."  The 304 must be documented for the
  operation and is validated against the document with the built-in checks.
* head_conformance: HEAD (RFC 9110 9.3.2) answers like GET, without a body.
* content_coding_conformance: requests asks for gzip as every client does, so
  JSON and CSV come compressed; a compressed 200 must decode to the body that
  Accept-Encoding: identity gets, carry Vary: Accept-Encoding and an ETag of
  its own.
* problem_details_conformance / problem_details_language: "Errors are RFC 9457
  problem details in the language asked for with Accept-Language": status and
  instance describe the response, Content-Language is fi/sv/en and follows
  Accept-Language.

Each check raises AssertionError with the derived request and response, so a
failure is reported by Schemathesis like any built-in check.

One hook shapes generated data, map_case, for what the document cannot state:

* `from` must not be after `to` (a rule across two parameters), so positive
  cases get their dates in order. Negative cases are left alone: the server
  must still reject them. (`region` needs no help: the document lists the
  city's regions, so every region a positive case sends is one the server
  accepts.)
* A write to the staff API (run with QA_API_TOKEN) must name the indicator's
  current state in If-Match, which is state, not schema: every case whose
  headers are not the negative part gets the current ETag, read with the token,
  since a stale one is refused (412) before the body is read. Positive cases
  also get only regions that the indicator is reported for (its state lists
  them; the document can only list the city's) and no region and date twice.
"""

from __future__ import annotations

import json
import os
from urllib.parse import unquote, urlsplit

import requests

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

NO_MATCH_ETAG = '"tarina-qa-never-matches"'
LANGUAGES = ("fi", "sv", "en")


def _header(response, name: str) -> str | None:
    values = response.headers.get(name.lower())
    return values[0] if values else None


def _send(ctx, case, *, method: str = "GET", extra_headers: dict[str, str] | None = None):
    headers = case.headers.copy() if case.headers is not None else {}
    for key, value in (extra_headers or {}).items():
        headers[key] = value
    derived = case.derive(headers=headers, keep_auth=True)
    derived.method = method
    internals = getattr(ctx, "internals", None)
    kwargs = dict(getattr(internals, "transport_kwargs", None) or {})
    if case.operation.app is not None:
        kwargs.setdefault("app", case.operation.app)
    if internals is not None:
        internals.record_case(parent_id=case.id, case=derived)
    response = case.operation.schema.transport.send(derived, **kwargs)
    if internals is not None:
        internals.record_response(case_id=derived.id, response=response)
    return derived, response


SHOWN_HEADERS = ("allow", "cache-control", "content-encoding", "content-language", "content-length", "content-type",
                 "etag", "vary")


def _describe(response) -> str:
    """The derived request as curl, and the response, for the failure message."""
    request = response.request
    sent = {k: v for k, v in request.headers.items() if k.lower() in ("if-none-match", "accept-language", "accept-encoding")}
    flags = "-I " if request.method == "HEAD" else ""
    flags += "".join(f"-H '{k}: {v}' " for k, v in sent.items())
    headers = "".join(f"\n    {k}: {', '.join(v)}" for k, v in sorted(response.headers.items()) if k in SHOWN_HEADERS)
    body = response.content[:300].decode("utf-8", "replace")
    return (
        f"  Request:  curl -i {flags}'{request.url}'\n"
        f"  Response: {response.status_code}{headers}\n"
        f"  Body ({len(response.content)} bytes): {body!r}"
    )


def _left_out_auth(case, response) -> bool:
    """A request to an operation that needs a token, sent without one on purpose (Schemathesis checking that
    auth is enforced). A request derived from it would carry the run's token again and answer something else;
    ignored_auth covers these."""
    needs_token = bool(case.operation.definition.raw.get("security"))
    sent = {name.lower() for name in response.request.headers}
    return needs_token and "authorization" not in sent


def _documented(case) -> dict:
    return case.operation.definition.raw.get("responses", {}) or {}


def _run_document_checks(ctx, response, case) -> list[str]:
    problems = []
    for check in (status_code_conformance, content_type_conformance, response_headers_conformance,
                  response_schema_conformance):
        try:
            check(ctx, response, case)
        except Exception as exc:  # Failure or FailureGroup from Schemathesis
            problems.append(f"{check.__name__}: {str(exc).strip() or type(exc).__name__}")
    return problems


def _fail(title: str, problems: list[str], response) -> None:
    raise AssertionError(title + "\n" + "\n".join(f"- {p}" for p in problems) + "\n" + _describe(response))


@schemathesis.check
def conditional_get_conformance(ctx, response, case):
    """A 200 GET with an ETag must answer If-None-Match with a documented, bodiless 304."""
    if case.method.upper() != "GET" or response.status_code != 200 or _left_out_auth(case, response):
        return None
    documented = _documented(case)
    declared = {name.lower() for name in (documented.get("200", {}).get("headers") or {})}
    etag = _header(response, "etag")
    if etag is None:
        if "etag" in declared:
            raise AssertionError("The 200 response has no ETag header although the document declares one")
        return None
    if "304" not in documented:
        raise AssertionError(
            "304 is not documented although the 200 carries an ETag, so clients will get 304s\n"
            f"ETag sent: {etag}"
        )

    derived, r304 = _send(ctx, case, extra_headers={"If-None-Match": etag})
    problems = []
    if r304.status_code != 304:
        problems.append(f"expected 304 for If-None-Match: {etag}, got {r304.status_code}")
    else:
        if r304.content:
            problems.append("a 304 response must not have a body (RFC 9110 15.4.5)")
        if _header(r304, "etag") != etag:
            problems.append(f"a 304 must repeat the ETag of the 200 ({etag}); got {_header(r304, 'etag')}")
        # RFC 9110 15.4.5: Cache-Control and Vary that a 200 would carry must be sent in the 304 too.
        for name in ("cache-control", "vary"):
            if _header(response, name) is not None and _header(r304, name) is None:
                problems.append(f"the 200 sends {name} but the 304 does not (RFC 9110 15.4.5)")
        problems.extend(_run_document_checks(ctx, r304, derived))
    if problems:
        _fail("Conditional GET (If-None-Match with the current ETag) does not match the document", problems, r304)

    _, miss = _send(ctx, case, extra_headers={"If-None-Match": NO_MATCH_ETAG})
    if miss.status_code != 200 or _header(miss, "etag") != etag:
        _fail("If-None-Match with a non-matching ETag must give the full 200 response",
              [f"got {miss.status_code} with ETag {_header(miss, 'etag')}"], miss)
    return None


@schemathesis.check
def head_conformance(ctx, response, case):
    """HEAD must answer like the GET it mirrors: same status and headers, no body."""
    if case.method.upper() != "GET" or _left_out_auth(case, response):
        return None
    _, head = _send(ctx, case, method="HEAD")
    problems = []
    if head.status_code != response.status_code:
        problems.append(f"GET answered {response.status_code}, HEAD answered {head.status_code}")
    for name in ("content-type", "etag", "cache-control", "content-encoding", "vary"):
        if _header(head, name) != _header(response, name):
            problems.append(f"{name}: GET sent {_header(response, name)!r}, HEAD sent {_header(head, name)!r}")
    if head.content:
        problems.append(f"HEAD returned a body of {len(head.content)} bytes")
    length = _header(head, "content-length")
    # requests hands over the body decoded; with a Content-Encoding, Content-Length counts the encoded bytes.
    sent = _header(response, "content-length") if _header(response, "content-encoding") else str(len(response.content))
    if length is not None and response.status_code != 304 and length != sent:
        problems.append(f"HEAD Content-Length {length} but GET sent {sent} bytes")
    if problems:
        _fail("HEAD does not mirror GET", problems, head)
    return None


@schemathesis.check
def content_coding_conformance(ctx, response, case):
    """A compressed 200 (requests asks for gzip like any client) must be the identity body in another
    coding: with Vary: Accept-Encoding, and an ETag of its own, since the bytes differ."""
    if case.method.upper() != "GET" or response.status_code != 200 or _left_out_auth(case, response):
        return None
    coding = _header(response, "content-encoding")
    if coding is None:
        return None
    problems = []
    vary = ", ".join(response.headers.get("vary", [])).lower()
    if "accept-encoding" not in vary:
        problems.append(f"Content-Encoding: {coding} without Vary: Accept-Encoding")
    _, identity = _send(ctx, case, extra_headers={"Accept-Encoding": "identity"})
    if identity.status_code != 200 or _header(identity, "content-encoding") is not None:
        problems.append(f"Accept-Encoding: identity gave {identity.status_code} in {_header(identity, 'content-encoding')}")
    elif identity.content != response.content:
        problems.append(f"the {coding} body decodes to other bytes than the identity body")
    if _header(identity, "etag") is not None and _header(identity, "etag") == _header(response, "etag"):
        problems.append(f"the {coding} and identity copies have the same ETag {_header(response, 'etag')}")
    if problems:
        _fail("A compressed response is not the identity response in another coding", problems, identity)
    return None


def _problem_body(response):
    content_type = (_header(response, "content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/problem+json":
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return "not JSON"


@schemathesis.check
def problem_details_conformance(ctx, response, case):
    """RFC 9457 problem details must describe the response they come with."""
    body = _problem_body(response)
    if body is None:
        return None
    if not isinstance(body, dict):
        _fail("problem+json body is not a JSON object", [], response)
    problems = []
    if body.get("status") != response.status_code:
        problems.append(f"body status {body.get('status')!r} differs from the HTTP status {response.status_code}")
    requested = urlsplit(response.request.url).path
    if isinstance(body.get("instance"), str) and unquote(body["instance"]) != unquote(requested):
        problems.append(f"instance {body['instance']!r} is not the requested path {requested!r}")
    if _header(response, "content-language") not in LANGUAGES:
        problems.append(f"Content-Language is {_header(response, 'content-language')!r}, expected one of {LANGUAGES}")
    if problems:
        _fail("Problem details do not describe their response", problems, response)
    return None


@schemathesis.check
def problem_details_language(ctx, response, case):
    """Problem details come in the language asked for with Accept-Language (fi, sv, en)."""
    if case.method.upper() != "GET" or _problem_body(response) is None or _left_out_auth(case, response):
        return None
    problems = []
    for language in ("sv", "en"):
        _, localized = _send(ctx, case, extra_headers={"Accept-Language": language})
        got = _header(localized, "content-language")
        if localized.status_code != response.status_code or got != language:
            problems.append(f"Accept-Language: {language} gave {localized.status_code} with Content-Language {got!r}")
            last = localized
    if problems:
        _fail("Accept-Language is not honoured for this error", problems, last)
    return None


STAFF_VALUES = "/api/v1/staff/indicators/{id}/values"
# Targets are created with POST here.
STAFF_TARGETS = "/api/v1/staff/targets"

# Items replaced whole with PUT: their GET on the same path gives the ETag.
STAFF_ITEMS = (
    "/api/v1/staff/actions/{id}/progress",
    "/api/v1/staff/targets/{id}/assessment",
    "/api/v1/staff/targets/{id}",
    "/api/v1/staff/indicators/{id}/definition",
)


# Status updates are appended with POST: their GET on the same path gives the ETag.
STAFF_UPDATES = "/api/v1/staff/actions/{id}/updates"


def _is_staff_write(case) -> bool:
    return (
        (case.operation.path == STAFF_VALUES and case.method.upper() == "POST")
        or (case.operation.path in STAFF_ITEMS and case.method.upper() == "PUT")
        or (case.operation.path == STAFF_UPDATES and case.method.upper() == "POST")
    )


def _current_state(case):
    """The ETag and body of the case's item as the token sees it, or None (e.g. an unknown id)."""
    token = os.environ.get("QA_API_TOKEN")
    if not token:
        return None
    url = case.operation.schema.get_base_url() + case.formatted_path
    response = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    if response.status_code != 200:
        return None
    return response.headers["etag"], response.json()


def _texts_acceptable(texts, limit: int = 5000):
    """A three-language text the forms' rules accept: a translation needs the Finnish text, and some texts
    (titles, names, units, sources) are shorter than the schema's longest."""
    if not isinstance(texts, dict):
        return texts
    if not str(texts.get("fi", "")).strip():
        texts["fi"] = "Suomeksi"
    for lang in ("fi", "sv", "en"):
        if isinstance(texts.get(lang), str):
            texts[lang] = texts[lang][:limit]
    return texts


def _target_acceptable(body, current):
    """A target's content the form accepts: organisations that existed in its year, goals of the strategy
    and indicators that exist are data, not schema, so they come from a target that has them."""
    body["organisation"] = current["organisation"]
    body.pop("responsible", None)
    body["goals"] = current["goals"]
    body["indicators"] = current["indicators"]
    body["title"] = _texts_acceptable(body.get("title") or {}, 500)


def _definition_acceptable(body, current):
    """A definition the form accepts: the indicator's own regions (one with values cannot go), a band with
    its range, a ceiling with a target, milestones on dates of their own, and a basis for new figures."""
    for field in ("name", "unit", "source"):
        body[field] = _texts_acceptable(body.get(field) or {}, 500)
    body["definition"] = _texts_acceptable(body.get("definition") or {})
    body["regions"] = current["regions"]
    if body.get("direction") == "band":
        band = body.get("band") or {"low": 0, "high": 1}
        body["band"] = {"low": min(band["low"], band["high"]), "high": max(band["low"], band["high"])}
    if body.get("direction") == "ceiling" and body.get("target") is None:
        body["target"] = {"date": "2021-12-31", "value": 1}
    for reference in [body.get("baseline"), body.get("target"), *(body.get("milestones") or [])]:
        # Reference dates are budget-plan dates: years 2000 to 2100.
        if isinstance(reference, dict) and isinstance(reference.get("date"), str):
            year = reference["date"][:4]
            if not year.isdigit() or not 2000 <= int(year) <= 2100:
                reference["date"] = "2020" + reference["date"][4:]
    seen, kept = set(), []
    for milestone in body.get("milestones") or []:
        if milestone.get("date") not in seen:
            seen.add(milestone.get("date"))
            kept.append(milestone)
    body["milestones"] = kept
    licence = body.get("licence")
    if isinstance(licence, str) and (not licence.strip() or any(c in licence for c in "<>") or
                                     any(ord(c) < 32 or 127 <= ord(c) < 160 for c in licence)):
        body.pop("licence")
    if body.get("baseline") or body.get("target") or kept:
        body["basis"] = "Lähde"
    else:
        body.pop("basis", None)


def _item_acceptable(case, current):
    """Positive bodies of the PUT items by the rules the schema cannot state: a grade needs a justification
    and a justification a grade; a note's translations need its Finnish text; see also the two above."""
    body = case.body
    if not isinstance(body, dict):
        return
    path = case.operation.path
    if path.endswith("/assessment"):
        if body.get("grade") is None:
            body.pop("justification", None)
        else:
            body["justification"] = _texts_acceptable(body.get("justification") or {"fi": "Perustelu"})
    elif path == "/api/v1/staff/targets/{id}":
        body.pop("year", None)
        _target_acceptable(body, current)
    elif path.endswith("/definition"):
        _definition_acceptable(body, current)
    report = body.get("report")
    if isinstance(report, dict) and report.get("note") is not None:
        report["note"] = _texts_acceptable(report["note"])
    update = body.get("update")
    if isinstance(update, dict):
        if update.get("narrative") is not None:
            update["narrative"] = _texts_acceptable(update["narrative"])
        # An update is not dated before the action's current progress (that is a 409).
        now = (current.get("current") or {}).get("as_of")
        if isinstance(update.get("as_of"), str) and isinstance(now, str) and update["as_of"] < now:
            update["as_of"] = now


def _new_target_acceptable(case):
    """A new target in positive cases: the year, organisation, goals and indicators of target 1."""
    token = os.environ.get("QA_API_TOKEN")
    if not token or case.meta is None or not case.meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return case
    url = case.operation.schema.get_base_url() + "/api/v1/staff/targets/1"
    response = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    if response.status_code == 200:
        current = response.json()
        case.body["year"] = current["year"]
        _target_acceptable(case.body, current)
    return case


STAFF_VERSIONS = "/api/v1/staff/versions"


def _new_version_acceptable(case):
    """A new draft in positive cases copies a version that exists: the first one the public API lists."""
    if case.meta is None or not case.meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return case
    url = case.operation.schema.get_base_url() + "/api/v1/versions"
    response = requests.get(url, timeout=10)
    if response.status_code == 200 and response.json():
        case.body["from"] = response.json()[0]["label"]
    return case


def _writable(case):
    """A write to the staff API: the current ETag in If-Match, and in positive cases only values the
    indicator can take, each region and date once."""
    meta = case.meta
    if meta is None or meta.is_negative_at(ParameterLocation.HEADER) or meta.is_negative_at(ParameterLocation.PATH):
        return case
    state = _current_state(case)
    if state is None:
        return case
    etag, current = state
    headers = case.headers if case.headers is not None else {}
    headers["If-Match"] = etag
    case.headers = headers
    body = case.body
    if case.operation.path in STAFF_ITEMS or case.operation.path == STAFF_UPDATES:
        if meta.generation.mode.is_positive:
            _item_acceptable(case, current)
        return case
    regions = current["regions"]
    if meta.generation.mode.is_positive and isinstance(body, dict) and isinstance(body.get("values"), list):
        seen, kept = set(), []
        for value in body["values"]:
            if value.get("region") not in regions:
                value["region"] = regions[0]
            if (value["region"], value.get("date")) not in seen:
                seen.add((value["region"], value.get("date")))
                kept.append(value)
        body["values"] = kept
    return case


@schemathesis.hook
def before_add_examples(context, examples):
    """The examples phase does not run map_case; its writes need the current state all the same."""
    for case in examples:
        if _is_staff_write(case):
            _writable(case)
        elif case.operation.path == STAFF_TARGETS and case.method.upper() == "POST":
            _new_target_acceptable(case)
        elif case.operation.path == STAFF_VERSIONS and case.method.upper() == "POST":
            _new_version_acceptable(case)


@schemathesis.hook
def map_case(ctx, case):
    """Positive cases: `from` on or before `to`; writes to the staff API: see _writable."""
    meta = case.meta
    if _is_staff_write(case):
        return _writable(case)
    if case.operation.path == STAFF_TARGETS and case.method.upper() == "POST":
        return _new_target_acceptable(case)
    if case.operation.path == STAFF_VERSIONS and case.method.upper() == "POST":
        return _new_version_acceptable(case)
    query = case.query
    if meta is None or not meta.generation.mode.is_positive or not isinstance(query, dict):
        return case
    start, end = query.get("from"), query.get("to")
    if isinstance(start, str) and isinstance(end, str) and start > end:
        query["from"], query["to"] = end, start
    return case
