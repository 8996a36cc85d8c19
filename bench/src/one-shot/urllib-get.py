# The stand-in for a one-shot Libcloud script where Libcloud is not installed: one GET of a
# DigitalOcean droplet with the standard library, print it, exit. Same environment as
# libcloud-get.py (BENCH_API_URL, BENCH_TOKEN, BENCH_ID).
import json
import os
import urllib.request
from urllib.parse import urlsplit

base = os.environ["BENCH_API_URL"]
# Nothing may leave the machine.
if urlsplit(base).hostname != "127.0.0.1":
    raise SystemExit("refusing: not the emulator on 127.0.0.1")
request = urllib.request.Request(
    base + "/v2/droplets/" + os.environ["BENCH_ID"],
    headers={"Authorization": "Bearer " + os.environ["BENCH_TOKEN"]},
)
with urllib.request.urlopen(request) as response:
    droplet = json.load(response)["droplet"]
print(droplet["id"], droplet["status"])
