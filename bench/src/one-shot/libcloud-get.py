# A one-shot Apache Libcloud script: read one DigitalOcean droplet, print it, exit. The bench times
# it from spawn to exit beside `provision status` (sections/one-shot-get.ts). Reads BENCH_API_URL
# (the emulator's DigitalOcean base URL), BENCH_TOKEN and BENCH_ID from the environment.
import os
from urllib.parse import urlsplit

from libcloud.compute.providers import get_driver
from libcloud.compute.types import Provider

url = urlsplit(os.environ["BENCH_API_URL"])
driver = get_driver(Provider.DIGITAL_OCEAN)(os.environ["BENCH_TOKEN"], api_version="v2")
connection = driver.connection
# The driver connects to the real API host when built: point it at the emulator and reconnect.
connection.host, connection.port, connection.secure = url.hostname, url.port, 0
connection.request_path = url.path
connection.connect()
# Nothing may leave the machine: refuse to send unless the connection is to loopback.
if urlsplit(connection.connection.host).hostname != "127.0.0.1":
    raise SystemExit("refusing: not the emulator on 127.0.0.1")
node = driver.ex_get_node_details(os.environ["BENCH_ID"])
print(node.id, node.state)
