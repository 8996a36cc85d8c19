import { describeProvisionerContract } from './describe-provisioner-contract.js';
import { exampleContractConfig } from './example-contract-config.js';

// The correct example plugin passes the whole contract.
describeProvisionerContract(exampleContractConfig);
