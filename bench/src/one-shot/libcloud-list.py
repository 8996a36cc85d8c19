# Apache Libcloud's list of every node of one cloud, timed in-process: the bench holds the CPU per
# host of our list() against it (sections/list-libcloud.ts). Reads BENCH_DRIVER (digitalocean,
# linode or vultr), BENCH_API_URL (the emulator's base URL of that cloud), BENCH_TOKEN and
# BENCH_RUNS from the environment; prints one JSON line per run:
# {"nodes": <count>, "cpuMs": <process CPU>, "wallMs": <wall>}.
import json
import os
import time
from urllib.parse import urlsplit

from libcloud.compute.providers import get_driver
from libcloud.compute.types import Provider

url = urlsplit(os.environ["BENCH_API_URL"])
token = os.environ["BENCH_TOKEN"]
name = os.environ.get("BENCH_DRIVER", "digitalocean")
if name == "digitalocean":
    driver = get_driver(Provider.DIGITAL_OCEAN)(token, api_version="v2")
    list_nodes = driver.list_nodes
elif name == "linode":
    driver = get_driver(Provider.LINODE)(token, api_version="4.0")
    list_nodes = driver.list_nodes
elif name == "vultr":
    driver = get_driver(Provider.VULTR)(token, api_version="2")
    # Instances only, as our list(): the driver would also read the account's bare-metal servers.
    def list_nodes():
        return driver.list_nodes(ex_list_bare_metals=False)
else:
    raise SystemExit(f"unknown BENCH_DRIVER {name}")
connection = driver.connection
# The driver connects to the real API host when built: point it at the emulator and reconnect.
connection.host, connection.port, connection.secure = url.hostname, url.port, 0
connection.request_path = url.path
connection.connect()
# Nothing may leave the machine: refuse to send unless the connection is to loopback.
if urlsplit(connection.connection.host).hostname != "127.0.0.1":
    raise SystemExit("refusing: not the emulator on 127.0.0.1")
for _ in range(int(os.environ.get("BENCH_RUNS", "3"))):
    cpu, wall = time.process_time(), time.perf_counter()
    nodes = list_nodes()
    print(json.dumps({
        "nodes": len(nodes),
        "cpuMs": (time.process_time() - cpu) * 1000,
        "wallMs": (time.perf_counter() - wall) * 1000,
    }), flush=True)
