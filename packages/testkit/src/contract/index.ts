export { ContractViolation } from './assert.js';
export {
  type CheckContext,
  CONTRACT_GROUPS,
  type ContractCheck,
  type ContractGroup,
} from './contract-check.js';
export { contractChecks } from './contract-checks.js';
export type {
  BadCredentialCase,
  ContractConfig,
  ContractFakeOptions,
  ContractTimeouts,
  InboundRuleState,
} from './contract-config.js';
export { describeProvisionerContract } from './describe-provisioner-contract.js';
