"""A Compute Engine lifecycle with Google's own Python client, pointed at the emulator.

google-api-python-client (Debian's python3-googleapi) builds the Compute v1 client from the
trimmed discovery document with the emulator as its root URL; google-auth signs the
service-account key's JWT and exchanges it at the key's token_uri (the emulator's token
endpoint). Prints one JSON line per step; never the key or a token.

Usage: python3 googleapiclient-compute-lifecycle.py <discovery.json> <root url> <key file> <project> [<service path>]
"""
import json
import sys
import uuid

from google.oauth2 import service_account
from googleapiclient.discovery import build_from_document
from googleapiclient.errors import HttpError

discovery_path, root, key_file, project = sys.argv[1:5]
service_path = sys.argv[5] if len(sys.argv) > 5 else ""
zone = "us-central1-a"
with open(discovery_path) as handle:
    document = json.load(handle)
document["rootUrl"] = root
document["servicePath"] = service_path
document["baseUrl"] = root + service_path
credentials = service_account.Credentials.from_service_account_file(
    key_file, scopes=["https://www.googleapis.com/auth/compute"]
)
compute = build_from_document(document, credentials=credentials)


def say(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def wait(operation, scope):
    # The emulator ends an operation on a later read: poll without sleeping, a bounded number of times.
    for _ in range(20):
        if operation["status"] == "DONE":
            return operation
        if scope == "global":
            operation = compute.globalOperations().get(project=project, operation=operation["name"]).execute()
        else:
            operation = compute.zoneOperations().get(project=project, zone=zone, operation=operation["name"]).execute()
    raise SystemExit("operation never finished")


image = compute.images().getFromFamily(project="ubuntu-os-cloud", family="ubuntu-2404-lts-amd64").execute()
say("image", name=image["name"], family=image["family"])
machine_type = compute.machineTypes().get(project=project, zone=zone, machineType="e2-micro").execute()
say("machineType", name=machine_type["name"], cpus=machine_type["guestCpus"])
body = {
    "name": "py-client",
    "machineType": "zones/%s/machineTypes/e2-micro" % zone,
    "labels": {"made-by": "googleapiclient"},
    "tags": {"items": ["py-web"]},
    "disks": [{"boot": True, "autoDelete": True, "initializeParams": {"sourceImage": image["selfLink"]}}],
    "networkInterfaces": [{"network": "global/networks/default", "accessConfigs": [{"type": "ONE_TO_ONE_NAT", "name": "External NAT"}]}],
    "metadata": {"items": [{"key": "user-data", "value": "#!/bin/sh\necho from python\n"}]},
}
request_id = str(uuid.uuid4())
inserted = compute.instances().insert(project=project, zone=zone, body=body, requestId=request_id).execute()
again = compute.instances().insert(project=project, zone=zone, body=body, requestId=request_id).execute()
done = wait(inserted, "zone")
say("insert", operation=inserted["name"], repeat=again["name"], status=done["status"], error=done.get("error"))
instance = compute.instances().get(project=project, zone=zone, instance="py-client").execute()
nat = instance["networkInterfaces"][0]["accessConfigs"][0].get("natIP")
say("get", status=instance["status"], natIP=nat)
rule = wait(
    compute.firewalls().insert(project=project, body={
        "name": "py-web",
        "network": "global/networks/default",
        "targetTags": ["py-web"],
        "sourceRanges": ["0.0.0.0/0"],
        "allowed": [{"IPProtocol": "tcp", "ports": ["80", "443"]}],
    }).execute(),
    "global",
)
say("firewall", status=rule["status"])
listed = compute.firewalls().list(project=project, filter='name eq "py-.*"').execute()
say("firewalls", names=[item["name"] for item in listed.get("items", [])])
aggregated = compute.instances().aggregatedList(project=project, filter='labels.made-by = "googleapiclient"').execute()
names = [i["name"] for scope in aggregated["items"].values() for i in scope.get("instances", [])]
say("aggregatedList", names=names)
stopped = wait(compute.instances().stop(project=project, zone=zone, instance="py-client").execute(), "zone")
after_stop = compute.instances().get(project=project, zone=zone, instance="py-client").execute()
say("stop", status=stopped["status"], instance=after_stop["status"])
wait(compute.instances().delete(project=project, zone=zone, instance="py-client").execute(), "zone")
wait(compute.firewalls().delete(project=project, firewall="py-web").execute(), "global")
try:
    compute.instances().get(project=project, zone=zone, instance="py-client").execute()
    say("gone", status=200)
except HttpError as error:
    reason = json.loads(error.content.decode())["error"]["errors"][0]["reason"]
    say("gone", status=error.resp.status, reason=reason)
