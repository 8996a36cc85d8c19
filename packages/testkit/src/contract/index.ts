export { ContractViolation } from './assert.js';
export {
  type CheckContext,
  CONTRACT_GROUPS,
  type ContractCheck,
  type ContractGroup,
} from './contract-check.js';
export { contractChecks } from './contract-checks.js';
export type { BadCredentialCase, ContractConfig, ContractTimeouts } from './contract-config.js';
export type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from './contract-fake.js';
export { describeProvisionerContract } from './describe-provisioner-contract.js';
