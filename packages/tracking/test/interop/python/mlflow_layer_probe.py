"""Asks the installed MLflow what abt's shared MLflow layer must agree with.

Usage: python mlflow_layer_probe.py <command> <json-args>; prints one JSON document on stdout.
Commands: paths (validate_path_is_safe per path), sources (the server's check of non-local
model-version sources), unquote (urllib.parse.unquote), codes (the error-code tables and the
JSON round trip), filters (SearchUtils / SearchModelUtils / SearchModelVersionUtils).
"""
import json, os, sys, urllib.parse, warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")


def verdict(fn, *args):
    try:
        return {"ok": True, "value": fn(*args)}
    except Exception as e:  # MlflowException, and ValueError from _decode's 10-round limit
        return {"ok": False, "error": type(e).__name__, "message": str(e)[:300]}


def cmd_paths(a):
    from mlflow.utils.uri import validate_path_is_safe
    return [verdict(validate_path_is_safe, p) for p in a["paths"]]


def cmd_sources(a):
    from mlflow.server.handlers import _validate_non_local_source_contains_relative_paths
    return [verdict(lambda s: (_validate_non_local_source_contains_relative_paths(s), None)[1], s) for s in a["sources"]]


def cmd_unquote(a):
    return [urllib.parse.unquote(t) for t in a["texts"]]


def cmd_codes(a):
    from mlflow.exceptions import ERROR_CODE_TO_HTTP_STATUS, HTTP_STATUS_TO_ERROR_CODE, MlflowException, RestException, get_error_code
    from mlflow.protos import databricks_pb2
    names = [v.name for v in databricks_pb2.ErrorCode.DESCRIPTOR.values]
    to_http = dict(ERROR_CODE_TO_HTTP_STATUS)
    status_to_code = {str(s): databricks_pb2.ErrorCode.Name(get_error_code(s)) for s in range(100, 600)}
    # Python → abt: what MLflow's server sends for each code of abt's table.
    sent = {}
    for code in a["codes"]:
        if code in names:
            e = MlflowException("message for " + code, error_code=databricks_pb2.ErrorCode.Value(code))
            sent[code] = {"body": json.loads(e.serialize_as_json()), "status": e.get_http_status_code()}
    # abt → Python: how MLflow's client reads the bodies abt sends.
    received = {}
    for body in a["bodies"]:
        e = RestException(body)
        received[body["error_code"]] = {"error_code": e.error_code, "message": e.message}
    return {"enum": names, "to_http": to_http, "status_to_code": status_to_code, "inverse": {str(k): v for k, v in HTTP_STATUS_TO_ERROR_CODE.items()}, "sent": sent, "received": received}


def cmd_filters(a):
    from mlflow.utils.search_utils import SearchModelUtils, SearchModelVersionUtils, SearchUtils
    cls = {"runs": SearchUtils, "registered models": SearchModelUtils, "model versions": SearchModelVersionUtils}[a["what"]]

    def parse(f):
        out = []
        for c in cls.parse_search_filter(f):
            v = c.get("value")
            out.append({"type": c["type"], "key": c["key"], "comparator": c["comparator"].upper(), "value": list(v) if isinstance(v, (tuple, list, set)) else v})
        return out

    return [verdict(parse, f) for f in a["filters"]]


def main():
    command, args = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(globals()["cmd_" + command](args)))


if __name__ == "__main__":
    main()
