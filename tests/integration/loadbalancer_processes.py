"""Processes for loadbalancer_test.py: chat-server instances on free ports, and HAProxy and
nginx run with the configurations shipped in resources/loadbalancer/ (a copy with only the ports
replaced), each with its own files in the test's directory, in the foreground."""
import os
import random
import re
import signal
import socket
import ssl
import subprocess
import time

from protocol_client import check

SHIPPED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources",
                       "loadbalancer")

INSTANCES = 3
DRAIN_DELAY_MS = 5000  # as docs/deploy.md and the shipped configs' comments advise
INSTANCE_INI = f"""[server]
workers=1
trusted_proxies=127.0.0.1
[limits]
max_connections_per_address=1
[http]
drain_delay_ms={DRAIN_DELAY_MS}
"""


def wait_for(predicate, timeout, what):
    """Polls `predicate` until it holds (the processes under test tell nothing otherwise)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        time.sleep(0.05)


def free_port():
    """A port free on every address (as the balancers listen), below Linux's ephemeral range
    (32768 and up), so that no outgoing connection, the test's own included, takes it before
    the balancer binds it."""
    while True:
        port = random.randint(20000, 32000)
        with socket.socket() as probe:
            try:
                probe.bind(("0.0.0.0", port))
                return port
            except OSError:
                continue


def http_get(port, path, tls=None):
    """GET `path` from 127.0.0.1 (the trusted and exempt address): (status code, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        sock = tls.wrap_socket(raw, server_hostname="localhost") if tls else raw
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                     .encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), answer.partition(b"\r\n\r\n")[2].decode()


class Instance:
    """One chat-server process on a free port, its log in `log_path`."""

    def __init__(self, server_path, work, index, tls_files=None):
        self.name = f"instance{index}"
        self.log_path = os.path.join(work, f"{self.name}.log")
        ini = os.path.join(work, f"{self.name}.ini")
        with open(ini, "w") as f:
            f.write(INSTANCE_INI)
        command = [server_path, "--config", ini, "--host", "127.0.0.1", "--port", "0",
                   "--db", ":memory:"]
        if tls_files:
            command += ["--tls-cert", tls_files[0], "--tls-key", tls_files[1]]
        self.tls = None
        if tls_files:
            self.tls = ssl.create_default_context(cafile=tls_files[0])
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log,
                                        text=True)
        line = self.process.stdout.readline().strip()
        match = re.fullmatch(r"listening on wss?://127\.0\.0\.1:(\d+)/", line)
        if not match:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"{self.name} did not start: {line!r}, {self.read_log()}")
        self.port = int(match.group(1))

    def gauge(self, name):
        status, body = http_get(self.port, "/metrics", self.tls)
        assert status == 200, status
        return int(float(re.search(rf"^{name} (\S+)$", body, re.M).group(1)))

    def read_log(self):
        with open(self.log_path) as f:
            return f.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode


def shipped(name, ports, instances):
    """The shipped file's text with only its ports replaced: each must be found exactly once,
    so that a changed file fails here rather than going untested."""
    with open(os.path.join(SHIPPED, name)) as f:
        text = f.read()
    for default, port in ports.items():
        check(text.count(default) == 1, f"{name}: {default!r} once")
        text = text.replace(default, str(port))
    for default, instance in zip(("8081", "8082", "8083"), instances):
        check(text.count(f"127.0.0.1:{default}") == 1, f"{name}: 127.0.0.1:{default} once")
        text = text.replace(f"127.0.0.1:{default}", f"127.0.0.1:{instance.port}")
    return text


class Balancer:
    def __init__(self, work, kind, command, log_path):
        self.kind = kind
        self.log_path = log_path
        self.output = open(os.path.join(work, f"{kind}.out"), "w")
        self.process = subprocess.Popen(command, stdout=self.output, stderr=subprocess.STDOUT)

    def read_log(self):
        with open(self.log_path) as f:
            return f.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()


def start_haproxy(work, config_name, instances, tls=None):
    """HAProxy serving (through an instance's /healthz): (Balancer, its port)."""
    def launch(port):
        bind = "bind :5221" if "tls" in config_name else "bind :5220"
        path = os.path.join(work, config_name)
        with open(path, "w") as f:
            f.write(shipped(config_name, {bind: f"bind :{port}"}, instances))
        # -db: in the foreground, as Debian's unit runs it; the log goes to standard output.
        return Balancer(work, "haproxy", ["haproxy", "-db", "-f", path],
                        os.path.join(work, "haproxy.out"))
    return started(launch, tls)


def start_nginx(work, instances):
    """nginx serving (through an instance's /healthz): (Balancer, its port)."""
    return started(lambda port: launch_nginx(work, instances, port), None)


def launch_nginx(work, instances, port):
    prefix = os.path.join(work, "nginx")
    os.makedirs(prefix, exist_ok=True)
    with open(os.path.join(prefix, "chat.conf"), "w") as f:
        f.write(shipped("nginx-chat.conf", {"listen 5220": f"listen {port}"}, instances))
    # Debian's nginx.conf around it: the http block that includes conf.d/*.conf, more than
    # one worker process (Debian: one per core); here with the pid, logs and temporary files
    # in the test's directory, in the foreground.
    with open(os.path.join(prefix, "nginx.conf"), "w") as f:
        f.write(f"""daemon off;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 1024; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/chat.conf;
}}
""")
    return Balancer(work, "nginx", ["nginx", "-e", f"{prefix}/error.log", "-p", prefix,
                                    "-c", f"{prefix}/nginx.conf"],
                    os.path.join(prefix, "error.log"))


def started(launch, tls):
    """Launches a balancer on a free port until one is not taken by someone else meanwhile."""
    for _ in range(3):
        port = free_port()
        balancer = launch(port)
        try:
            wait_serving(port, balancer, tls)
            return balancer, port
        except AssertionError:
            balancer.stop()
            if "Address already in use" not in balancer.read_log():
                raise
    raise AssertionError("no free port for the balancer in three tries")


def wait_serving(port, balancer, tls=None):
    def serving():
        if balancer.process.poll() is not None:
            raise AssertionError(f"{balancer.kind} exited: {balancer.read_log()}")
        try:
            return http_get(port, "/healthz", tls)[0] == 200
        except OSError:
            return False
    wait_for(serving, 10, f"{balancer.kind} serving on {port}")


def make_certificate(work):
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


def start_instances(server_path, work, instances, tls_files=None):
    """Starts INSTANCES servers into `instances`, which holds those started if one fails."""
    for index in range(INSTANCES):
        instances.append(Instance(server_path, work, index, tls_files))


def stop_all(balancer, instances):
    """Stops the balancer, then the instances: their exit codes."""
    if balancer is not None:
        balancer.stop()
    return [instance.stop() for instance in instances]
