"""Drives the emulator's fake EC2 with boto3, as someone's own script would, and prints what it saw.

Reads the endpoint from EC2_ENDPOINT and the fake's static keys from the usual AWS_* variables.
Prints one JSON document on stdout.
"""
import json
import os

import boto3
from botocore.config import Config

endpoint = os.environ["EC2_ENDPOINT"]
config = Config(retries={"max_attempts": 1})
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1", config=config)

regions = [region["RegionName"] for region in ec2.describe_regions()["Regions"]]
zones = [zone["ZoneName"] for zone in ec2.describe_availability_zones()["AvailabilityZones"]]
images = ec2.describe_images(
    Owners=["099720109477"],
    Filters=[{"Name": "name", "Values": ["ubuntu/images/*ubuntu-noble-24.04-amd64-server-*"]}],
)["Images"]
groups = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"]
launched = ec2.run_instances(
    ImageId=images[0]["ImageId"],
    InstanceType="t3.micro",
    MinCount=1,
    MaxCount=1,
    SecurityGroups=["default"],
    UserData="#!/bin/sh\necho from boto3\n",
    TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "boto3-1"}]}],
)["Instances"][0]
instance_id = launched["InstanceId"]
ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "stage", "Value": "test"}])
tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [instance_id]}])["Tags"]
states = []
for _ in range(3):
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    states.append(reservations[0]["Instances"][0]["State"]["Name"])
paginator = ec2.get_paginator("describe_instances")
listed = [
    instance["InstanceId"]
    for page in paginator.paginate(PaginationConfig={"PageSize": 5})
    for reservation in page["Reservations"]
    for instance in reservation["Instances"]
]
terminated = ec2.terminate_instances(InstanceIds=[instance_id])["TerminatingInstances"][0]

# The same fake, signed the old way: Signature Version 2.
legacy = boto3.client(
    "ec2", endpoint_url=endpoint, region_name="us-east-1", config=Config(signature_version="v2", retries={"max_attempts": 1})
)
legacy_regions = [region["RegionName"] for region in legacy.describe_regions()["Regions"]]

print(
    json.dumps(
        {
            "regions": regions,
            "zones": zones,
            "image": images[0]["ImageId"],
            "defaultGroup": groups[0]["GroupId"],
            "instanceId": instance_id,
            "launchedGroups": [group["GroupName"] for group in launched["SecurityGroups"]],
            "tags": sorted((tag["Key"], tag["Value"]) for tag in tags),
            "states": states,
            "listed": listed,
            "terminatedState": terminated["CurrentState"]["Name"],
            "legacyRegions": legacy_regions,
        }
    )
)
