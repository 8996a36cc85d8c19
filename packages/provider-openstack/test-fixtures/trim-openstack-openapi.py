#!/usr/bin/env python3
"""Regenerates openstack-openapi.trimmed.json from the OpenAPI descriptions of Nova, Neutron,
Glance and Keystone that openstack/codegenerator generates from the services' code and api-ref:

    trim-openstack-openapi.py <dir with compute/v2.yaml, network/v2.yaml, image/v2.yaml, identity/v3.yaml> \\
        <source> <commit> <commit-date> > openstack-openapi.trimmed.json

Keeps structure only (paths, verbs, parameters, schemas: types, required, enums, limits) for the
operations the fake serves; drops prose and examples; resolves every $ref inline; and where a
schema is a `oneOf` over microversions (`x-openstack.discriminator: microversion`), keeps the one
variant of compute microversion 2.47, the version the plugin asks for. YAML is read with PyYAML
(Debian's python3-yaml).
"""
import json
import sys

import yaml

MICROVERSION = (2, 47)

OPERATIONS = {
    'compute': [
        ('/v2.1/servers', 'get'),
        ('/v2.1/servers', 'post'),
        ('/v2.1/servers/detail', 'get'),
        ('/v2.1/servers/{id}', 'get'),
        ('/v2.1/servers/{id}', 'delete'),
        ('/v2.1/servers/{id}/action', 'post'),
        ('/v2.1/flavors', 'get'),
        ('/v2.1/flavors/detail', 'get'),
        ('/v2.1/flavors/{id}', 'get'),
        ('/v2.1/flavors/{flavor_id}/os-extra_specs', 'get'),
        ('/v2.1/limits', 'get'),
    ],
    'network': [
        ('/v2.0/networks', 'get'),
        ('/v2.0/ports', 'get'),
        ('/v2.0/ports', 'post'),
        ('/v2.0/ports/{port_id}', 'get'),
        ('/v2.0/ports/{port_id}', 'delete'),
        ('/v2.0/floatingips', 'get'),
        ('/v2.0/floatingips', 'post'),
        ('/v2.0/floatingips/{id}', 'get'),
        ('/v2.0/floatingips/{id}', 'delete'),
        ('/v2.0/security-groups', 'get'),
        ('/v2.0/security-groups', 'post'),
        ('/v2.0/security-groups/{id}', 'get'),
        ('/v2.0/security-groups/{id}', 'delete'),
        ('/v2.0/security-group-rules', 'post'),
        ('/v2.0/security-group-rules/{id}', 'delete'),
    ],
    'image': [
        ('/v2/images', 'get'),
        ('/v2/images/{image_id}', 'get'),
    ],
    'identity': [
        ('/v3', 'get'),
        ('/v3/auth/tokens', 'post'),
        ('/v3/regions', 'get'),
    ],
}

FILES = {'compute': 'compute/v2.yaml', 'network': 'network/v2.yaml', 'image': 'image/v2.yaml', 'identity': 'identity/v3.yaml'}
DROPPED = {'description', 'example', 'examples', 'summary', 'tags', 'title', 'deprecated', 'x-openstack-sdk'}


def version(text):
    major, minor = str(text).split('.')
    return (int(major), int(minor))


def trim_document(document):
    def follow(reference):
        node = document
        for part in reference[2:].split('/'):
            node = node[part.replace('~1', '/').replace('~0', '~')]
        return node

    def pick_microversion(variants):
        # The variant whose range holds 2.47; else (an action added later, say) the newest one
        # older than it; else every variant, as `anyOf`.
        best = None
        for variant in variants:
            resolved = follow(variant['$ref']) if '$ref' in variant else variant
            marks = resolved.get('x-openstack', {})
            low = version(marks.get('min-ver', '2.0'))
            high = version(marks.get('max-ver', '2.999'))
            if low <= MICROVERSION <= high:
                return variant
            if low <= MICROVERSION and (best is None or low > best[0]):
                best = (low, variant)
        return best[1] if best is not None else {'anyOf': variants}

    def trim(node, depth=0, names=False):
        if depth > 60:
            raise SystemExit('$ref nesting too deep')
        if isinstance(node, list):
            return [trim(item, depth + 1) for item in node]
        if not isinstance(node, dict):
            return node
        if isinstance(node.get('$ref'), str):
            return trim(follow(node['$ref']), depth + 1, names)
        if not names and node.get('x-openstack', {}).get('discriminator') == 'microversion' and 'oneOf' in node:
            return trim(pick_microversion(node['oneOf']), depth + 1)
        result = {}
        for key, value in node.items():
            if not names and (key in DROPPED or key == 'x-openstack'):
                continue
            inner = not names and key in ('properties', 'headers', 'patternProperties')
            result[key] = trim(value, depth + 1, inner)
        return result

    return trim


def main():
    folder, source, commit, commit_date = sys.argv[1:5]
    services = {}
    for service, operations in OPERATIONS.items():
        with open(f'{folder}/{FILES[service]}', encoding='utf8') as handle:
            document = yaml.safe_load(handle)
        trim = trim_document(document)
        paths = {}
        for path, method in operations:
            item = document['paths'][path]
            operation = dict(item[method])
            if 'parameters' in item:
                operation['parameters'] = item['parameters'] + operation.get('parameters', [])
            paths.setdefault(path, {})[method] = trim(operation)
        services[service] = {
            'openapi': document['openapi'],
            'info': {'title': document['info']['title'], 'version': document['info']['version']},
            'paths': paths,
        }
    trimmed = {
        'x-source': {'repository': source, 'folder': 'wrk/openapi_specs', 'commit': commit, 'commitDate': commit_date},
        'x-compute-microversion': '.'.join(map(str, MICROVERSION)),
        'services': services,
    }
    sys.stdout.write(json.dumps(trimmed, indent=1, sort_keys=False) + '\n')


main()
