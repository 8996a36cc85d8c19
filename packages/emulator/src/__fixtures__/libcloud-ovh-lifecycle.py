"""Drives the emulator's fake OVH API with Apache Libcloud's `ovh` driver and prints what it saw.

Libcloud signs every request itself (OVH's `$1$` SHA-1 scheme over `https://<host>/1.0/...`) and
asks `/auth/time` for the server's clock. It only speaks to `https://<host>` on port 443, so the
one thing changed here is the socket: connections to 127.0.0.1:443 are sent to the emulator's
port (OVH_EMULATOR_PORT), which serves TLS from a CA the environment names (SSL_CERT_FILE). The
driver's URLs, headers and signatures are its own. Prints one JSON document on stdout.
"""
import json
import os

import urllib3.util.connection as connection

PORT = int(os.environ["OVH_EMULATOR_PORT"])
_create_connection = connection.create_connection


def _to_emulator(address, *args, **kwargs):
    host, port = address
    if host == "127.0.0.1" and port == 443:
        address = (host, PORT)
    return _create_connection(address, *args, **kwargs)


connection.create_connection = _to_emulator

from libcloud.common.types import InvalidCredsError  # noqa: E402
from libcloud.compute.base import NodeLocation  # noqa: E402
from libcloud.compute.providers import get_driver  # noqa: E402
from libcloud.compute.types import Provider  # noqa: E402


def driver(secret):
    made = get_driver(Provider.OVH)(
        os.environ["OVH_APPLICATION_KEY"],
        secret,
        ex_project_id=os.environ["OVH_CLOUD_PROJECT_SERVICE"],
        ex_consumer_key=os.environ["OVH_CONSUMER_KEY"],
    )
    # The driver connects as it is made; connect again to the host it now names.
    made.connection.host = "127.0.0.1"
    made.connection.connect()
    return made


ovh = driver(os.environ["OVH_APPLICATION_SECRET"])
# list_locations() maps each region through libcloud 3.4's own table, which predates GRA11: read
# the regions through the driver's signed connection instead, and name the location ourselves.
locations = ovh.connection.request(ovh._get_project_action("region")).object
gra = NodeLocation(id="GRA11", name="Gravelines 11", country="FR", driver=ovh)
sizes = ovh.list_sizes(location=gra)
images = ovh.list_images(location=gra)
size = next(size for size in sizes if size.name == "d2-2")
image = next(image for image in images if image.name == "Ubuntu 24.04")
node = ovh.create_node(name="libcloud-1", image=image, size=size, location=gra)
seen = ovh.ex_get_node(node.id)
listed = [item.name for item in ovh.list_nodes()]
destroyed = ovh.destroy_node(seen)

refused = None
try:
    driver("WrongOvhApplicationSecret0000032").list_nodes()
except InvalidCredsError as error:
    refused = type(error).__name__

print(
    json.dumps(
        {
            "locations": sorted(locations),
            "sizes": sorted(size.name for size in sizes),
            "image": image.id,
            "node": {"id": node.id, "name": node.name, "state": str(seen.state), "region": seen.extra.get("region")},
            "listed": listed,
            "destroyed": destroyed,
            "refused": refused,
        }
    )
)
