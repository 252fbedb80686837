#!/usr/bin/env python3
"""Load under faults: 200 concurrent clients against `innograph serve`, most of
them sending cheap queries, some a never-ending one (stopped at --timeout), and
a few half-sent requests held open the whole time.

Builds a store of data/sample (or --corpus), serves it, runs the load for
--seconds and prints, per kind of request, requests per second, p50/p99
latency, and errors (connection failures, and answers other than the one
expected: 200 for cheap queries, 503 for never-ending ones), plus the server's
CPU seconds and peak RSS, as JSON and as a Markdown table. A final check: the
server answers a cheap query within a second after the load.

usage: tools/bench_faults.py [--bin target/release/innograph] [--clients 200]
       [--expensive 10] [--seconds 20] [--timeout 2]
"""
import argparse, http.client, json, os, socket, subprocess, sys, tempfile, threading, time
import urllib.parse

CHEAP = {
    "programs": "PREFIX ig: <https://w3id.org/innograph/ontology#> SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?x ig:runsProgram ?p }",
    "labels": "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?e ?l WHERE { ?e rdfs:label ?l } LIMIT 50",
    "ask": "ASK { ?s ?p ?o }",
}
# a product of the store with itself that a filter keeps busy
EXPENSIVE = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(REGEX(CONCAT(STR(?c), STR(?f)), "x+y+z$")) }'


def proc_stat(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    cpu = (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    hwm = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM:"))
    return cpu, hwm / 1024


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--bin", default=os.path.join(root, "target/release/innograph"))
    ap.add_argument("--corpus", default=os.path.join(root, "data/sample"))
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--expensive", type=int, default=10, help="clients sending the never-ending query")
    ap.add_argument("--half-sent", type=int, default=20, help="connections that send half a request and wait")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--timeout", type=int, default=2, help="the server's --timeout")
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-faults-")
    store = os.path.join(tmp, "store")
    subprocess.run([a.bin, "ingest", "--store", store, a.corpus], check=True, capture_output=True)
    srv = subprocess.Popen(
        [a.bin, "serve", "--store", store, "--bind", "127.0.0.1:0", "--timeout", str(a.timeout),
         "--no-cache", "--header-timeout", "5"],
        stdout=subprocess.PIPE, text=True)
    try:
        line = srv.stdout.readline()
        url = next(w for w in line.split() if w.startswith("http://")).rstrip("/")
        host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
        results = {}  # kind -> list of (latency, ok)
        lock = threading.Lock()
        stop = time.time() + a.seconds

        def client(i):
            kinds = ["never-ending"] if i < a.expensive else list(CHEAP)
            conn = None
            n = 0
            while time.time() < stop:
                kind = kinds[(i + n) % len(kinds)]
                n += 1
                q = EXPENSIVE if kind == "never-ending" else CHEAP[kind] + f" # {i} {n}"
                want = 503 if kind == "never-ending" else 200
                t = time.time()
                ok = False
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection(host, port, timeout=60)
                    conn.request("GET", "/sparql?query=" + urllib.parse.quote(q),
                                 headers={"Accept": "application/sparql-results+json"})
                    r = conn.getresponse()
                    r.read()
                    ok = r.status == want
                    if r.getheader("Connection", "").lower() == "close":
                        conn.close()
                        conn = None
                except (OSError, http.client.HTTPException):
                    conn = None
                with lock:
                    results.setdefault(kind, []).append((time.time() - t, ok))

        def half_sent():
            # headers whole, the body never: the server cuts it, it comes back
            while time.time() < stop:
                try:
                    s = socket.create_connection((host, port), timeout=30)
                    s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                              b"Content-Length: 1000\r\n\r\nASK {")
                    s.recv(1024)
                    s.close()
                except OSError:
                    time.sleep(0.1)

        cpu0, _ = proc_stat(srv.pid)
        threads = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
        threads += [threading.Thread(target=half_sent) for _ in range(a.half_sent)]
        t0 = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.time() - t0
        cpu1, hwm = proc_stat(srv.pid)
        t = time.time()
        c = http.client.HTTPConnection(host, port, timeout=10)
        c.request("GET", "/sparql?query=" + urllib.parse.quote(CHEAP["ask"]),
                  headers={"Accept": "application/sparql-results+json"})
        after = c.getresponse()
        after.read()
        after_s = time.time() - t

        rows = []
        for kind in list(CHEAP) + ["never-ending"]:
            xs = results.get(kind, [])
            lat = [l for l, _ in xs]
            rows.append({
                "kind": kind, "requests": len(xs), "per_s": round(len(xs) / wall, 1),
                "p50_ms": round(percentile(lat, 0.5) * 1000, 1), "p99_ms": round(percentile(lat, 0.99) * 1000, 1),
                "errors": sum(1 for _, ok in xs if not ok),
            })
        summary = {
            "clients": a.clients, "expensive_clients": a.expensive, "half_sent": a.half_sent,
            "seconds": round(wall, 1), "server_timeout_s": a.timeout, "server_cpu_s": round(cpu1 - cpu0, 1),
            "server_peak_rss_mb": round(hwm), "cheap_query_after_load_ms": round(after_s * 1000, 1),
            "status_after_load": after.status, "rows": rows,
        }
        print(json.dumps(summary, indent=1))
        print()
        print(f"{a.clients} clients ({a.expensive} never-ending, {a.half_sent} half-sent connections), "
              f"{wall:.0f} s, --timeout {a.timeout}; server CPU {cpu1 - cpu0:.1f} s, peak RSS {hwm:.0f} MB; "
              f"a cheap query after the load: {after.status} in {after_s * 1000:.0f} ms")
        print()
        print("| requests | count | req/s | p50 ms | p99 ms | errors |")
        print("|---|---:|---:|---:|---:|---:|")
        for r in rows:
            print(f"| {r['kind']} | {r['requests']} | {r['per_s']} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} |")
        return 0 if after.status == 200 else 1
    finally:
        srv.terminate()
        try:
            srv.wait(10)
        except subprocess.TimeoutExpired:
            srv.kill()


if __name__ == "__main__":
    sys.exit(main())
