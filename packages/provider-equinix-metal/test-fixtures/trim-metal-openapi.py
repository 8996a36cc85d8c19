#!/usr/bin/env python3
"""Builds metal-openapi.trimmed.json from Equinix Metal's published OpenAPI description.

The description is many YAML files joined by relative $refs (equinix/equinix-sdk-go,
spec/services/metalv1/oas3.fetched/). This keeps the operations the plugin and its fake use,
turns every file reference into `#/components/schemas/<Name>`, keeps the schemas reached from
them and drops prose (description, example), so the fixture stays small and reviewable.

Usage: trim-metal-openapi.py <directory holding oas3.fetched> > metal-openapi.trimmed.json
"""
import json
import os
import sys

import yaml

KEEP = {
    '/projects/{id}': ['get'],
    '/projects/{id}/devices': ['get', 'post'],
    '/devices/{id}': ['get', 'delete'],
    '/devices/{id}/actions': ['post'],
    '/capacity/metros': ['get', 'post'],
    '/plans': ['get'],
    '/projects/{id}/plans': ['get'],
    '/locations/metros': ['get'],
    '/operating-systems': ['get'],
}
PROSE = {'description', 'example', 'examples', 'externalDocs', 'summary', 'tags', 'x-deprecated'}

root = sys.argv[1]
schemas = {}


def load(path):
    with open(path, encoding='utf8') as handle:
        return yaml.safe_load(handle)


def walk(node, here):
    """Copies `node` (read from the file `here`) without prose, file $refs made local."""
    if isinstance(node, list):
        return [walk(item, here) for item in node]
    if not isinstance(node, dict):
        return node
    if '$ref' in node and isinstance(node['$ref'], str) and not node['$ref'].startswith('#'):
        target = os.path.normpath(os.path.join(os.path.dirname(here), node['$ref']))
        if '/components/schemas/' in target:
            name = os.path.splitext(os.path.basename(target))[0]
            if name not in schemas:
                schemas[name] = None
                schemas[name] = walk(load(target), target)
            return {'$ref': f'#/components/schemas/{name}'}
        return walk(load(target), target)
    return {key: walk(value, here) for key, value in node.items()}


def strip(node, in_properties=False):
    """Drops prose keys, but never a property that happens to be named so (`tags`, `description`)."""
    if isinstance(node, list):
        return [strip(item) for item in node]
    if isinstance(node, dict):
        return {
            key: strip(value, key == 'properties' and not in_properties)
            for key, value in node.items()
            if in_properties or key not in PROSE
        }
    return node


main_path = os.path.join(root, 'openapi3.yaml')
main = load(main_path)
paths = {}
for path, methods in KEEP.items():
    item_ref = main['paths'][path]['$ref']
    item_file = os.path.normpath(os.path.join(root, item_ref))
    item = load(item_file)
    kept = {key: value for key, value in item.items() if key in methods or key == 'parameters'}
    paths[path] = walk(kept, item_file)

document = {
    'openapi': main['openapi'],
    'info': {'title': main['info']['title'], 'version': main['info']['version']},
    'x-source': {
        'repository': 'https://github.com/equinix/equinix-sdk-go',
        'directory': 'spec/services/metalv1/oas3.fetched',
        'commit': '06c3ecf563d91b0d713ec06098c08134cf65c3e5',
        'commitDate': '2026-06-19T06:44:11+00:00',
        'licence': 'MIT',
    },
    'servers': main['servers'],
    'paths': strip(paths),
    'components': {'schemas': strip(dict(sorted(schemas.items())))},
}
json.dump(document, sys.stdout, indent=2, sort_keys=False)
sys.stdout.write('\n')
