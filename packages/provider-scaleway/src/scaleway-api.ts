import type { Instancev1 } from '@scaleway/sdk-instance';

// The SDK's types of what we read (camel-cased by its unmarshalling, dates as `Date`).
// https://github.com/scaleway/scaleway-sdk-js/tree/main/packages_generated/instance/src/v1

export type Server = Instancev1.Server;
export type SecurityGroup = Instancev1.SecurityGroup;
export type SecurityGroupRule = Instancev1.SecurityGroupRule;
export type Volume = Instancev1.Volume;

/** Per page for every Instance API listing: its maximum (100). */
export const PAGE_SIZE = 100;
