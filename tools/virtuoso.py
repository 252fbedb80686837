#!/usr/bin/env python3
"""A Virtuoso 7 (Debian's virtuoso-opensource-7) on loopback in a temporary folder.

For the tests and benchmarks that compare innograph with the triplestore a team
already runs: a fresh database (dba/dba), free ports, N-Quads bulk loading with
Virtuoso's own loader (ld_dir + rdf_loader_run), and a clean stop.

    with Virtuoso() as v:
        v.load_nquads("/path/to/folder")      # every *.nq in it
        print(v.sparql_url)                   # http://127.0.0.1:PORT/sparql
"""
import os, shutil, socket, subprocess, tempfile, time

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 100
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {d}, {extra}, /usr/share/virtuoso-opensource-7/vad
MaxSortedTopRows = {sorted_top}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxQueryMem = 2G
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 100
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 64
MaxKeepAlives = 100
KeepAliveTimeout = 10
HTTPThreadSize = 280000
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
DeferInferenceRulesInit = 0
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def available():
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


class Virtuoso:
    def __init__(self, extra_dir=None, memory_mb=1000, max_rows=1000000, sorted_top=10000):
        # max_rows and sorted_top are Virtuoso's caps on the rows of one answer
        # (ResultSetMaxRows; Debian's virtuoso.ini ships 10,000) and on OFFSET +
        # LIMIT of an ordered query (MaxSortedTopRows, 10,000 by default)
        self.dir = tempfile.mkdtemp(prefix="innograph-virtuoso-")
        self.sql_port, self.http_port = free_port(), free_port()
        buffers = max(10000, memory_mb * 1024 // 8 // 8 * 8 // 2)
        with open(os.path.join(self.dir, "virtuoso.ini"), "w") as f:
            f.write(INI.format(d=self.dir, sql=self.sql_port, http=self.http_port,
                               extra=extra_dir or self.dir, buffers=buffers, dirty=buffers * 3 // 4,
                               max_rows=max_rows, sorted_top=sorted_top))
        self.proc = None

    @property
    def sparql_url(self):
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def gsp_url(self):
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def start(self):
        self.proc = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", os.path.join(self.dir, "virtuoso.ini")],
            cwd=self.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("virtuoso-t exited: " + self.log_tail())
            try:
                self.isql("status();", timeout=10)
                return self
            except Exception:
                time.sleep(0.5)
        raise RuntimeError("virtuoso-t did not start: " + self.log_tail())

    def log_tail(self):
        try:
            return open(os.path.join(self.dir, "virtuoso.log"), encoding="utf-8", errors="replace").read()[-2000:]
        except OSError:
            return "(no log)"

    def isql(self, commands, timeout=3600):
        p = subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba"], input=commands + "\nexit;\n",
                           capture_output=True, text=True, timeout=timeout)
        if p.returncode != 0 or "*** Error" in p.stdout:
            raise RuntimeError(f"isql failed: {p.stdout[-1500:]} {p.stderr[-500:]}")
        return p.stdout

    def load_nquads(self, folder, pattern="*.nq*"):
        """Loads every N-Quads file of `folder` with Virtuoso's bulk loader; returns seconds taken."""
        t = time.time()
        self.isql(f"ld_dir('{os.path.abspath(folder)}', '{pattern}', 'urn:innograph:default');\n"
                  "rdf_loader_run();\ncheckpoint;")
        return time.time() - t

    def grant_update(self):
        """Lets the Graph Store Protocol write (dba over digest authentication)."""
        self.isql("GRANT SPARQL_UPDATE TO \"SPARQL\";\nGRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO \"SPARQL\";")

    def count(self, graph=None):
        q = f"SPARQL SELECT COUNT(*) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }};" if graph else \
            "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } };"
        out = self.isql(q)
        nums = [l.strip() for l in out.splitlines() if l.strip().isdigit()]
        return int(nums[-1]) if nums else 0

    def peak_rss_mb(self):
        try:
            for line in open(f"/proc/{self.proc.pid}/status"):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            try:
                self.isql("shutdown;", timeout=60)
            except Exception:
                pass
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
