import {
  azureAsyncHeaders,
  bearerToken,
  FakeCloud,
  type RateLimitOptions,
  type ResourceStore,
  type RouteContext,
} from '@provision/testkit/fake-cloud';
import { FAKE_API_VERSIONS } from './azure-fake-catalog.js';
import { retailPrices } from './azure-fake-prices.js';
import type { AzureFakeDeployment, AzureFakeGroup, AzureFakeResource } from './azure-fake-records.js';
import { RESOURCE_TYPES, type ResourceType, TYPE_NAMES } from './azure-fake-resources.js';
import { AzureFakeResources } from './azure-fake-state.js';
import {
  AZURE_FAKE_ACCESS_TOKEN,
  AZURE_FAKE_CREDENTIALS,
  AZURE_LOGIN_URL,
  AZURE_MANAGEMENT_URL,
  AZURE_PRICES_URL,
  deploymentJson,
  groupJson,
  resourceJson,
} from './azure-fake-wire.js';

/** Options of `AzureFake`. */
export interface AzureFakeOptions {
  /** Where Azure Resource Manager answers. Default `https://management.azure.com`. */
  readonly baseUrl?: string;
  /** Where the token endpoint answers. Default `https://login.microsoftonline.com`. */
  readonly loginUrl?: string;
  /** Where the Retail Prices API answers. Default `https://prices.azure.com`. */
  readonly pricesUrl?: string;
  readonly rateLimit?: RateLimitOptions;
  /** A VM is provisioned and running on this read after its creation. Default 2. */
  readonly readsUntilActive?: number;
  /** A deleted resource group is gone after this many reads of it or its resources. Default 2. */
  readonly readsUntilDeleted?: number;
  /** VMs the subscription may have at once (the regional vCPU quota, counted in VMs). Default 25. */
  readonly vmLimit?: number;
}

/** The operation the contract suite breaks to break a host's creation: the deployment's PUT. */
export const AZURE_CREATE_OPERATION = 'Deployments_CreateOrUpdate';

const RG = '/subscriptions/:subscription/resourcegroups/:group';

/**
 * A stateful fake of Azure Resource Manager and of Entra ID's token endpoint, written from the
 * REST API specs (`Azure/azure-rest-api-specs`: resources 2021-04-01, compute 2024-07-01, network
 * 2024-05-01; see test-fixtures): ARM paths match in any letter case, every request needs a bearer
 * token and a served `api-version`, errors are `{ error: { code, message } }`, and long-running
 * operations answer 201/202 with `Azure-AsyncOperation` or `Location`. Template deployments of
 * literal templates create their resources in `dependsOn` order.
 */
export class AzureFake extends FakeCloud {
  readonly subscriptionId: string = AZURE_FAKE_CREDENTIALS.subscriptionId;
  readonly groups: ResourceStore<AzureFakeGroup>;
  readonly state: AzureFakeResources;
  #maxPerPage = 1000;

  constructor(options: AzureFakeOptions = {}) {
    super({
      provider: 'azure',
      baseUrl: options.baseUrl ?? AZURE_MANAGEMENT_URL,
      bases: { login: options.loginUrl ?? AZURE_LOGIN_URL, prices: options.pricesUrl ?? AZURE_PRICES_URL },
      caseInsensitivePaths: true,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.groups = this.store<AzureFakeGroup>('resourceGroup', (group) => `resource group ${group.name}`);
    const stores = Object.fromEntries(
      Object.entries(RESOURCE_TYPES).map(([type, kind]) => [
        type,
        this.store<AzureFakeResource>(kind, (resource) => `${kind} ${resource.name} in ${resource.group}`),
      ]),
    ) as unknown as ConstructorParameters<typeof AzureFakeResources>[0]['stores'];
    this.state = new AzureFakeResources({
      subscription: this.subscriptionId,
      groups: this.groups,
      stores,
      deployments: this.store<AzureFakeDeployment>(
        'deployment',
        (deployment) => `deployment ${deployment.name} in ${deployment.group}`,
      ),
      lifecycle: this.lifecycle,
      readsUntilDeleted: options.readsUntilDeleted ?? 2,
      vmLimit: options.vmLimit ?? 25,
      hasCapacity: (region, plan) => this.hasCapacity(region, plan),
      takeAsyncFailure: () => this.takeAsyncFailure(AZURE_CREATE_OPERATION),
    });

    this.route(
      'GET',
      '/api/retail/prices',
      'RetailPrices_List',
      (context) => Response.json(retailPrices(context.url.searchParams.get('$filter'))),
      {
        base: 'prices',
      },
    );
    this.route('POST', '/:tenant/oauth2/v2.0/token', 'token', (context) => this.#token(context), {
      base: 'login',
    });
    // https://learn.microsoft.com/rest/api/resources/subscriptions/get
    this.route('GET', '/subscriptions/:subscription', 'Subscriptions_Get', () =>
      Response.json({
        id: `/subscriptions/${this.subscriptionId}`,
        subscriptionId: this.subscriptionId,
        tenantId: AZURE_FAKE_CREDENTIALS.tenantId,
        displayName: 'Pay-As-You-Go',
        state: 'Enabled',
        authorizationSource: 'RoleBased',
      }),
    );
    this.route('GET', '/subscriptions/:subscription/resourcegroups', 'ResourceGroups_List', (context) =>
      this.#page(context, this.state.listGroups(context.url.searchParams.get('$filter'))),
    );
    this.route(
      'GET',
      '/subscriptions/:subscription/providers/Microsoft.Compute/locations/:location/usages',
      'Usage_List',
      (context) => Response.json({ value: this.state.usages(context.params.location ?? '') }),
    );
    this.route('PUT', RG, 'ResourceGroups_CreateOrUpdate', (context) => this.#putGroup(context));
    this.route('GET', RG, 'ResourceGroups_Get', (context) => this.#getGroup(context));
    this.route('DELETE', RG, 'ResourceGroups_Delete', (context) => this.#deleteGroup(context));
    const deployment = `${RG}/providers/Microsoft.Resources/deployments/:name`;
    this.route('PUT', deployment, AZURE_CREATE_OPERATION, (context) => this.#putDeployment(context));
    this.route('GET', deployment, 'Deployments_Get', (context) => this.#getDeployment(context));
    for (const [type, operation] of [
      ['microsoft.compute/virtualmachines', 'VirtualMachines'],
      ['microsoft.network/networkinterfaces', 'NetworkInterfaces'],
      ['microsoft.network/publicipaddresses', 'PublicIPAddresses'],
      ['microsoft.network/networksecuritygroups', 'NetworkSecurityGroups'],
      ['microsoft.network/virtualnetworks', 'VirtualNetworks'],
    ] as const) {
      const path = `${RG}/providers/${TYPE_NAMES[type]}/:name`;
      this.route('GET', path, `${operation}_Get`, (context) => this.#getResource(context, type));
      this.route('PUT', path, `${operation}_CreateOrUpdate`, (context) => this.#putResource(context, type));
    }
    const vm = `${RG}/providers/Microsoft.Compute/virtualMachines/:name`;
    for (const [action, operation] of [
      ['start', 'VirtualMachines_Start'],
      ['deallocate', 'VirtualMachines_Deallocate'],
      ['powerOff', 'VirtualMachines_PowerOff'],
      ['restart', 'VirtualMachines_Restart'],
    ] as const)
      this.route('POST', `${vm}/${action}`, operation, (context) => {
        const id = this.state.powerAction(context.params.group ?? '', context.params.name ?? '', action);
        const url = `${this.baseUrl}/subscriptions/${this.subscriptionId}/providers/Microsoft.Compute/locations/global/operations/${id}?api-version=2024-07-01`;
        return new Response(null, { status: 202, headers: azureAsyncHeaders(url, { location: url }) });
      });
    this.route(
      'GET',
      '/subscriptions/:subscription/providers/Microsoft.Compute/virtualMachines',
      'VirtualMachines_ListAll',
      (context) =>
        this.#page(
          context,
          this.state.listVirtualMachines(context.url.searchParams.get('statusOnly') === 'true'),
        ),
    );
    this.route(
      'GET',
      '/subscriptions/:subscription/providers/Microsoft.Network/publicIPAddresses',
      'PublicIPAddresses_ListAll',
      (context) => this.#page(context, this.state.listPublicIpAddresses()),
    );
    this.route(
      'DELETE',
      `${RG}/providers/Microsoft.Compute/virtualMachines/:name`,
      'VirtualMachines_Delete',
      (context) => this.#deleteVm(context),
    );
    this.route(
      'GET',
      '/subscriptions/:subscription/providers/:namespace/locations/:location/operations/:operation',
      'AzureAsyncOperation_Get',
      (context) => Response.json(this.state.operationStatus(context.params.operation ?? '')),
    );
    this.route(
      'GET',
      '/subscriptions/:subscription/operationresults/:operation',
      'OperationResults_Get',
      (context) => {
        const body = this.state.operationStatus(context.params.operation ?? '');
        return new Response(null, {
          status: body.status === 'InProgress' ? 202 : 200,
          headers: { 'retry-after': '0' },
        });
      },
    );
  }

  /**
   * Moves back by `ms` the ISO 8601 time each resource group holds in its tag `key`, as a tag
   * update with the earlier time would (a group's API gives no creation time; a client that wants
   * one writes it in a tag).
   */
  ageGroupTag(key: string, ms: number): void {
    for (const group of this.groups.values()) {
      const made = group.tags[key];
      if (made !== undefined) group.tags[key] = new Date(Date.parse(made) - ms).toISOString();
    }
  }

  /** Caps list pages (ARM pages as it likes, with `nextLink`); `undefined` for the default of 1000. */
  setMaxPerPage(size: number | undefined): void {
    this.#maxPerPage = size ?? 1000;
  }

  // ARM lists answer `{ value, nextLink }`; the link carries a `$skiptoken` (here an offset).
  #page(context: RouteContext, items: readonly unknown[]): Response {
    const offset = Number(context.url.searchParams.get('$skiptoken') ?? 0) || 0;
    const value = items.slice(offset, offset + this.#maxPerPage);
    const next = new URL(context.url);
    next.searchParams.set('$skiptoken', String(offset + this.#maxPerPage));
    const more = offset + this.#maxPerPage < items.length;
    return Response.json({ value, ...(more ? { nextLink: next.toString() } : {}) });
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): Response {
    const codes: Record<string, string> = {
      not_found: 'NotFound',
      bad_request: 'InvalidRequestContent',
      internal_error: 'InternalServerError',
      rate_limited: 'TooManyRequests',
      invalid_request: 'InvalidRequestContent',
      forbidden: 'AuthorizationFailed',
    };
    return Response.json(
      { error: { code: codes[code] ?? code, message } },
      { status, headers: { 'x-ms-failure-cause': 'gateway', ...headers } },
    );
  }

  /** ARM's gateway: the bearer token, then the subscription, then a served `api-version`. */
  protected override beforeRoute(request: Request, base: string): void {
    if (base !== 'main') return;
    const token = bearerToken(request);
    if (token === undefined)
      this.fail(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    if (token !== AZURE_FAKE_ACCESS_TOKEN)
      this.fail(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
    const url = new URL(request.url);
    const path = url.pathname.slice(Math.max(0, url.pathname.toLowerCase().indexOf('/subscriptions/')));
    const subscription = path.split('/')[2] ?? '';
    if (subscription.toLowerCase() !== this.subscriptionId)
      this.fail(404, 'SubscriptionNotFound', `The subscription '${subscription}' could not be found.`);
    const version = url.searchParams.get('api-version');
    if (version === null || version === '')
      this.fail(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
    const namespace = /\/providers\/([^/]+)\//i.exec(path)?.[1]?.toLowerCase() ?? 'microsoft.resources';
    const served = FAKE_API_VERSIONS[namespace] ?? FAKE_API_VERSIONS['microsoft.resources'] ?? [];
    if (!served.includes(version))
      this.fail(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${version}' is invalid. The supported versions are '${served.join(',')}'.`,
      );
    const group = /\/resourcegroups\/([^/?]+)/i.exec(path)?.[1];
    if (request.method === 'GET' && group !== undefined) this.state.touchGroup(group);
  }

  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
  async #token(context: RouteContext): Promise<Response> {
    const form = await context.form();
    const refuse = (status: number, error: string, description: string) =>
      Response.json(
        { error, error_description: description, error_codes: [Number(/\d+/.exec(description)?.[0])] },
        { status },
      );
    if (context.params.tenant !== AZURE_FAKE_CREDENTIALS.tenantId)
      return refuse(400, 'invalid_request', `AADSTS90002: Tenant '${context.params.tenant}' not found.`);
    if (form.get('grant_type') !== 'client_credentials')
      return refuse(
        400,
        'unsupported_grant_type',
        'AADSTS70003: The app requested an unsupported grant type.',
      );
    if (!(form.get('scope') ?? '').endsWith('/.default'))
      return refuse(400, 'invalid_scope', 'AADSTS1002012: The provided value for scope is not valid.');
    if (form.get('client_id') !== AZURE_FAKE_CREDENTIALS.clientId)
      return refuse(400, 'unauthorized_client', 'AADSTS700016: Application was not found in the directory.');
    if (form.get('client_secret') !== AZURE_FAKE_CREDENTIALS.clientSecret)
      return refuse(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    return Response.json({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: AZURE_FAKE_ACCESS_TOKEN,
    });
  }

  async #putGroup(context: RouteContext): Promise<Response> {
    const body = await context.json<Record<string, unknown>>();
    const { group, created } = this.state.putGroup(context.params.group ?? '', body);
    return Response.json(groupJson(this.subscriptionId, group), { status: created ? 201 : 200 });
  }

  #getGroup(context: RouteContext): Response {
    const group = this.state.group(context.params.group ?? '');
    return Response.json(groupJson(this.subscriptionId, group));
  }

  #deleteGroup(context: RouteContext): Response {
    const operation = this.state.deleteGroup(context.params.group ?? '');
    const url = `${this.baseUrl}/subscriptions/${this.subscriptionId}/operationresults/${operation}?api-version=2021-04-01`;
    return new Response(null, { status: 202, headers: { location: url, 'retry-after': '0' } });
  }

  async #putDeployment(context: RouteContext): Promise<Response> {
    const body = await context.json<Record<string, unknown>>();
    const { deployment, created } = this.state.putDeployment(
      context.params.group ?? '',
      context.params.name ?? '',
      body,
    );
    const operation = `${this.baseUrl}/subscriptions/${this.subscriptionId}/providers/Microsoft.Resources/locations/global/operations/${deployment.operationId}?api-version=2021-04-01`;
    return Response.json(deploymentJson(deployment), {
      status: created ? 201 : 200,
      headers: azureAsyncHeaders(operation),
    });
  }

  #getDeployment(context: RouteContext): Response {
    return Response.json(
      deploymentJson(this.state.deployment(context.params.group ?? '', context.params.name ?? '')),
    );
  }

  #getResource(context: RouteContext, type: ResourceType): Response {
    const expand = context.url.searchParams.get('$expand');
    const { resource, vm, ipAddress } = this.state.read(
      type,
      context.params.group ?? '',
      context.params.name ?? '',
    );
    return Response.json(
      resourceJson(resource, vm, { instanceView: expand?.toLowerCase() === 'instanceview', ipAddress }),
    );
  }

  async #putResource(context: RouteContext, type: ResourceType): Promise<Response> {
    const body = await context.json<Record<string, unknown>>();
    const { resource, vm, created, operationId } = this.state.put(
      type,
      context.params.group ?? '',
      context.params.name ?? '',
      body,
    );
    const namespace = type.startsWith('microsoft.compute') ? 'Microsoft.Compute' : 'Microsoft.Network';
    const operation = `${this.baseUrl}/subscriptions/${this.subscriptionId}/providers/${namespace}/locations/${resource.location}/operations/${operationId}?api-version=${new URL(context.url).searchParams.get('api-version')}`;
    return Response.json(resourceJson(resource, vm, { ipAddress: this.state.addressOf(resource) }), {
      status: created ? 201 : 200,
      headers: azureAsyncHeaders(operation),
    });
  }

  #deleteVm(context: RouteContext): Response {
    const operationId = this.state.deleteVm(context.params.group ?? '', context.params.name ?? '');
    if (operationId === undefined) return new Response(null, { status: 204 });
    const operation = `${this.baseUrl}/subscriptions/${this.subscriptionId}/providers/Microsoft.Compute/locations/global/operations/${operationId}?api-version=2024-07-01`;
    return new Response(null, {
      status: 202,
      headers: azureAsyncHeaders(operation, { location: operation }),
    });
  }
}
