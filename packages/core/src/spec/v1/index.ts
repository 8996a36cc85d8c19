export type { CallOptions } from './call-options.js';
export type { DeleteResult } from './delete-result.js';
export type { Host } from './host.js';
export type { HostInbound, InboundRule } from './host-inbound.js';
export type { HostRef } from './host-ref.js';
export type { HostSpec } from './host-spec.js';
export { HOST_STATUSES, type HostStatus } from './host-status.js';
export type { ListFilter } from './list-filter.js';
export type { Orphan } from './orphan.js';
export type { Plan, PlanQuery } from './plan.js';
export type { Inbound, PortRule } from './port-rule.js';
export type { KnownPrice, Price, UnknownPrice } from './price.js';
export {
  CAPABILITY_METHODS,
  OPTIONAL_CAPABILITIES,
  type OptionalCapability,
  type ProvisionerV1,
} from './provisioner-v1.js';
export type { Quota } from './quota.js';
export type { Region } from './region.js';
