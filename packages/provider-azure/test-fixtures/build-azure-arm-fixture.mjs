// Writes azure-arm.trimmed.json: the structure (paths, parameters, statuses, schemas with types,
// required fields, enums, patterns) of the Azure REST API operations the plugin and its fake use,
// transcribed from the Swagger 2.0 files of Azure/azure-rest-api-specs named in
// azure-arm.SOURCE.md, in the OpenAPI 3 form `@provision/testkit/openapi` reads (a body parameter
// becomes `requestBody`, `definitions` become `components.schemas`). No prose, no examples.
// Run: node build-azure-arm-fixture.mjs
import { writeFileSync } from 'node:fs';

const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const string = { type: 'string' };
const ro = (schema) => ({ ...schema, readOnly: true });
const tags = { type: 'object', additionalProperties: string };
const json = (schema) => ({ content: { 'application/json': { schema } } });
const error = { description: 'error', ...json(ref('CloudError')) };
const path = (name, pattern, extra = {}) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', ...(pattern ? { pattern } : {}), ...extra },
});
const apiVersion = (version) => ({
  name: 'api-version',
  in: 'query',
  required: true,
  schema: { type: 'string', enum: [version] },
});
const subscription = path('subscriptionId');
const group = path('resourceGroupName', '^[-\\w\\._\\(\\)]+$', { minLength: 1, maxLength: 90 });
const ok = (schema) => ({ description: 'ok', ...json(schema) });

const RESOURCES = '2021-04-01';
const SUBSCRIPTIONS = '2022-12-01';
const COMPUTE = '2024-07-01';
const NETWORK = '2024-05-01';

const groupPath = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
const deploymentPath = `${groupPath}/providers/Microsoft.Resources/deployments/{deploymentName}`;
const rg = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}';

const networkResource = (type, operation, schema) => ({
  [`${rg}/providers/Microsoft.Network/${type}/{name}`]: {
    parameters: [subscription, group, path('name'), apiVersion(NETWORK)],
    get: {
      operationId: `${operation}_Get`,
      parameters: [{ name: '$expand', in: 'query', schema: string }],
      responses: { 200: ok(ref(schema)), default: error },
    },
    put: {
      operationId: `${operation}_CreateOrUpdate`,
      requestBody: { required: true, ...json(ref(schema)) },
      responses: {
        200: ok(ref(schema)),
        201: { ...ok(ref(schema)), headers: { 'Azure-AsyncOperation': { schema: string } } },
        default: error,
      },
    },
  },
});

const subResource = { type: 'object', properties: { id: string } };
const provisioningState = ro({ type: 'string', enum: ['Succeeded', 'Updating', 'Deleting', 'Failed'] });
const tracked = (properties, extra = {}) => ({
  type: 'object',
  properties: {
    id: ro(string),
    name: ro(string),
    type: ro(string),
    location: string,
    tags,
    ...extra,
    properties,
  },
});

const listOf = (name) => ({
  type: 'object',
  required: ['value'],
  properties: { value: { type: 'array', items: ref(name) }, nextLink: string },
});

const schemas = {
  Usage: {
    type: 'object',
    required: ['unit', 'currentValue', 'limit', 'name'],
    properties: {
      unit: { type: 'string', enum: ['Count'] },
      currentValue: { type: 'integer' },
      limit: { type: 'integer' },
      name: { type: 'object', properties: { value: string, localizedValue: string } },
    },
  },
  Subscription: {
    type: 'object',
    properties: {
      id: ro(string),
      subscriptionId: ro(string),
      displayName: ro(string),
      tenantId: ro(string),
      state: ro({ type: 'string', enum: ['Enabled', 'Warned', 'PastDue', 'Disabled', 'Deleted'] }),
      authorizationSource: string,
    },
  },
  CloudError: {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: string,
          message: string,
          target: string,
          details: {
            type: 'array',
            items: { type: 'object', properties: { code: string, message: string } },
          },
        },
      },
    },
  },
  ResourceGroup: {
    type: 'object',
    required: ['location'],
    properties: {
      id: ro(string),
      name: ro(string),
      type: ro(string),
      properties: { type: 'object', properties: { provisioningState: ro(string) } },
      location: string,
      managedBy: string,
      tags,
    },
  },
  Deployment: {
    type: 'object',
    required: ['properties'],
    properties: {
      location: string,
      tags,
      properties: {
        type: 'object',
        required: ['mode'],
        properties: {
          template: { type: 'object' },
          templateLink: { type: 'object', properties: { uri: string, id: string } },
          parameters: { type: 'object' },
          mode: { type: 'string', enum: ['Incremental', 'Complete'] },
        },
      },
    },
  },
  DeploymentExtended: {
    type: 'object',
    properties: {
      id: ro(string),
      name: ro(string),
      type: ro(string),
      location: string,
      tags,
      properties: {
        type: 'object',
        properties: {
          provisioningState: ro({
            type: 'string',
            enum: [
              'NotSpecified',
              'Accepted',
              'Running',
              'Ready',
              'Creating',
              'Created',
              'Deleting',
              'Deleted',
              'Canceled',
              'Failed',
              'Succeeded',
              'Updating',
            ],
          }),
          correlationId: ro(string),
          timestamp: ro({ type: 'string', format: 'date-time' }),
          mode: { type: 'string', enum: ['Incremental', 'Complete'] },
          outputResources: ro({ type: 'array', items: subResource }),
          error: ro({
            type: 'object',
            properties: {
              code: ro(string),
              message: ro(string),
              details: ro({
                type: 'array',
                items: { type: 'object', properties: { code: ro(string), message: ro(string) } },
              }),
            },
          }),
        },
      },
    },
  },
  VirtualMachine: {
    ...tracked({
      type: 'object',
      properties: {
        hardwareProfile: { type: 'object', properties: { vmSize: string } },
        storageProfile: {
          type: 'object',
          properties: {
            imageReference: {
              type: 'object',
              properties: {
                publisher: string,
                offer: string,
                sku: string,
                version: string,
                exactVersion: ro(string),
              },
            },
            osDisk: {
              type: 'object',
              required: ['createOption'],
              properties: {
                osType: { type: 'string', enum: ['Windows', 'Linux'] },
                name: string,
                caching: { type: 'string', enum: ['None', 'ReadOnly', 'ReadWrite'] },
                createOption: { type: 'string', enum: ['FromImage', 'Empty', 'Attach', 'Copy', 'Restore'] },
                deleteOption: { type: 'string', enum: ['Delete', 'Detach'] },
                diskSizeGB: { type: 'integer' },
                managedDisk: {
                  type: 'object',
                  properties: {
                    id: string,
                    storageAccountType: {
                      type: 'string',
                      enum: [
                        'Standard_LRS',
                        'Premium_LRS',
                        'StandardSSD_LRS',
                        'UltraSSD_LRS',
                        'Premium_ZRS',
                        'StandardSSD_ZRS',
                        'PremiumV2_LRS',
                      ],
                    },
                  },
                },
              },
            },
            dataDisks: { type: 'array', items: { type: 'object' } },
          },
        },
        osProfile: {
          type: 'object',
          properties: {
            computerName: string,
            adminUsername: string,
            adminPassword: string,
            customData: string,
            linuxConfiguration: {
              type: 'object',
              properties: {
                disablePasswordAuthentication: { type: 'boolean' },
                ssh: {
                  type: 'object',
                  properties: {
                    publicKeys: {
                      type: 'array',
                      items: { type: 'object', properties: { path: string, keyData: string } },
                    },
                  },
                },
              },
            },
            secrets: { type: 'array', items: { type: 'object' } },
            allowExtensionOperations: { type: 'boolean' },
            requireGuestProvisionSignal: { type: 'boolean' },
          },
        },
        networkProfile: {
          type: 'object',
          properties: {
            networkInterfaces: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: string,
                  properties: {
                    type: 'object',
                    properties: {
                      primary: { type: 'boolean' },
                      deleteOption: { type: 'string', enum: ['Delete', 'Detach'] },
                    },
                  },
                },
              },
            },
          },
        },
        provisioningState: ro(string),
        instanceView: ro({
          type: 'object',
          properties: {
            statuses: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  code: string,
                  level: { type: 'string', enum: ['Info', 'Warning', 'Error'] },
                  displayStatus: string,
                  message: string,
                  time: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        }),
        vmId: ro(string),
        timeCreated: ro({ type: 'string', format: 'date-time' }),
      },
    }),
    required: ['location'],
  },
  PublicIPAddress: tracked(
    {
      type: 'object',
      properties: {
        publicIPAllocationMethod: { type: 'string', enum: ['Static', 'Dynamic'] },
        publicIPAddressVersion: { type: 'string', enum: ['IPv4', 'IPv6'] },
        ipAddress: string,
        idleTimeoutInMinutes: { type: 'integer' },
        provisioningState,
      },
    },
    {
      sku: {
        type: 'object',
        properties: {
          name: { type: 'string', enum: ['Basic', 'Standard'] },
          tier: { type: 'string', enum: ['Regional', 'Global'] },
        },
      },
    },
  ),
  SecurityRule: {
    type: 'object',
    properties: {
      id: string,
      name: string,
      properties: {
        type: 'object',
        required: ['protocol', 'access', 'direction'],
        properties: {
          protocol: { type: 'string', enum: ['Tcp', 'Udp', 'Icmp', 'Esp', '*', 'Ah'] },
          sourcePortRange: string,
          destinationPortRange: string,
          sourceAddressPrefix: string,
          sourceAddressPrefixes: { type: 'array', items: string },
          destinationAddressPrefix: string,
          destinationPortRanges: { type: 'array', items: string },
          access: { type: 'string', enum: ['Allow', 'Deny'] },
          priority: { type: 'integer' },
          direction: { type: 'string', enum: ['Inbound', 'Outbound'] },
          provisioningState,
        },
      },
    },
  },
  NetworkSecurityGroup: tracked({
    type: 'object',
    properties: {
      securityRules: { type: 'array', items: ref('SecurityRule') },
      defaultSecurityRules: ro({ type: 'array', items: ref('SecurityRule') }),
      provisioningState,
    },
  }),
  NetworkInterface: tracked({
    type: 'object',
    properties: {
      ipConfigurations: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: string,
            name: string,
            properties: {
              type: 'object',
              properties: {
                privateIPAddress: string,
                privateIPAllocationMethod: { type: 'string', enum: ['Static', 'Dynamic'] },
                privateIPAddressVersion: { type: 'string', enum: ['IPv4', 'IPv6'] },
                subnet: subResource,
                publicIPAddress: subResource,
                primary: { type: 'boolean' },
                provisioningState,
              },
            },
          },
        },
      },
      networkSecurityGroup: subResource,
      macAddress: ro(string),
      provisioningState,
    },
  }),
  VirtualNetwork: tracked({
    type: 'object',
    properties: {
      addressSpace: { type: 'object', properties: { addressPrefixes: { type: 'array', items: string } } },
      subnets: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: string,
            name: string,
            properties: { type: 'object', properties: { addressPrefix: string, provisioningState } },
          },
        },
      },
      provisioningState,
    },
  }),
};

const document = {
  openapi: '3.0.3',
  info: {
    title: 'Azure Resource Manager (trimmed)',
    version: `resources ${RESOURCES}, compute ${COMPUTE}, network ${NETWORK}`,
  },
  servers: [{ url: 'https://management.azure.com' }],
  paths: {
    [groupPath]: {
      parameters: [subscription, group, apiVersion(RESOURCES)],
      put: {
        operationId: 'ResourceGroups_CreateOrUpdate',
        requestBody: { required: true, ...json(ref('ResourceGroup')) },
        responses: { 200: ok(ref('ResourceGroup')), 201: ok(ref('ResourceGroup')), default: error },
      },
      get: {
        operationId: 'ResourceGroups_Get',
        responses: { 200: ok(ref('ResourceGroup')), default: error },
      },
      delete: {
        operationId: 'ResourceGroups_Delete',
        parameters: [{ name: 'forceDeletionTypes', in: 'query', schema: string }],
        responses: {
          200: { description: 'ok' },
          202: { description: 'accepted', headers: { Location: { schema: string } } },
          default: error,
        },
      },
    },
    [deploymentPath]: {
      parameters: [
        subscription,
        group,
        path('deploymentName', '^[-\\w\\._\\(\\)]+$', { minLength: 1, maxLength: 64 }),
        apiVersion(RESOURCES),
      ],
      put: {
        operationId: 'Deployments_CreateOrUpdate',
        requestBody: { required: true, ...json(ref('Deployment')) },
        responses: {
          200: ok(ref('DeploymentExtended')),
          201: { ...ok(ref('DeploymentExtended')), headers: { 'Azure-AsyncOperation': { schema: string } } },
          default: error,
        },
      },
      get: {
        operationId: 'Deployments_Get',
        responses: { 200: ok(ref('DeploymentExtended')), default: error },
      },
    },
    [`${rg}/providers/Microsoft.Compute/virtualMachines/{vmName}`]: {
      parameters: [subscription, group, path('vmName'), apiVersion(COMPUTE)],
      put: {
        operationId: 'VirtualMachines_CreateOrUpdate',
        requestBody: { required: true, ...json(ref('VirtualMachine')) },
        responses: {
          200: ok(ref('VirtualMachine')),
          201: { ...ok(ref('VirtualMachine')), headers: { 'Azure-AsyncOperation': { schema: string } } },
          default: error,
        },
      },
      get: {
        operationId: 'VirtualMachines_Get',
        parameters: [
          {
            name: '$expand',
            in: 'query',
            schema: { type: 'string', enum: ['instanceView', 'userData', 'resiliencyPolicy'] },
          },
        ],
        responses: { 200: ok(ref('VirtualMachine')), default: error },
      },
      delete: {
        operationId: 'VirtualMachines_Delete',
        parameters: [{ name: 'forceDeletion', in: 'query', schema: { type: 'boolean' } }],
        responses: {
          200: { description: 'ok' },
          202: { description: 'accepted' },
          204: { description: 'no content' },
          default: error,
        },
      },
    },
    '/subscriptions/{subscriptionId}': {
      parameters: [subscription, apiVersion(SUBSCRIPTIONS)],
      get: { operationId: 'Subscriptions_Get', responses: { 200: ok(ref('Subscription')), default: error } },
    },
    '/subscriptions/{subscriptionId}/resourcegroups': {
      parameters: [subscription, apiVersion(RESOURCES)],
      get: {
        operationId: 'ResourceGroups_List',
        parameters: [
          { name: '$filter', in: 'query', schema: string },
          { name: '$top', in: 'query', schema: { type: 'integer' } },
        ],
        responses: { 200: ok(listOf('ResourceGroup')), default: error },
      },
    },
    '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/usages': {
      parameters: [subscription, path('location', '^[-\\w\\._]+$'), apiVersion(COMPUTE)],
      get: { operationId: 'Usage_List', responses: { 200: ok(listOf('Usage')), default: error } },
    },
    '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/virtualMachines': {
      parameters: [subscription, apiVersion(COMPUTE)],
      get: {
        operationId: 'VirtualMachines_ListAll',
        parameters: [
          { name: 'statusOnly', in: 'query', schema: string },
          { name: '$filter', in: 'query', schema: string },
          { name: '$expand', in: 'query', schema: { type: 'string', enum: ['instanceView'] } },
        ],
        responses: { 200: ok(listOf('VirtualMachine')), default: error },
      },
    },
    '/subscriptions/{subscriptionId}/providers/Microsoft.Network/publicIPAddresses': {
      parameters: [subscription, apiVersion(NETWORK)],
      get: {
        operationId: 'PublicIPAddresses_ListAll',
        responses: { 200: ok(listOf('PublicIPAddress')), default: error },
      },
    },
    ...Object.fromEntries(
      [
        ['start', 'VirtualMachines_Start'],
        ['deallocate', 'VirtualMachines_Deallocate'],
        ['powerOff', 'VirtualMachines_PowerOff'],
        ['restart', 'VirtualMachines_Restart'],
      ].map(([action, operationId]) => [
        `${rg}/providers/Microsoft.Compute/virtualMachines/{vmName}/${action}`,
        {
          parameters: [subscription, group, path('vmName'), apiVersion(COMPUTE)],
          post: {
            operationId,
            ...(action === 'deallocate' || action === 'powerOff'
              ? {
                  parameters: [
                    {
                      name: action === 'deallocate' ? 'hibernate' : 'skipShutdown',
                      in: 'query',
                      schema: { type: 'boolean' },
                    },
                  ],
                }
              : {}),
            responses: { 200: { description: 'ok' }, 202: { description: 'accepted' }, default: error },
          },
        },
      ]),
    ),
    ...networkResource('publicIPAddresses', 'PublicIPAddresses', 'PublicIPAddress'),
    ...networkResource('networkSecurityGroups', 'NetworkSecurityGroups', 'NetworkSecurityGroup'),
    ...networkResource('networkInterfaces', 'NetworkInterfaces', 'NetworkInterface'),
    ...networkResource('virtualNetworks', 'VirtualNetworks', 'VirtualNetwork'),
  },
  components: { schemas },
};

writeFileSync(new URL('./azure-arm.trimmed.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
