/**
 * How many times the implementation module (and with it the AWS SDK) was evaluated in this
 * process. A test reads it to prove that importing the package does not load the SDK.
 */
export const implementationLoads = { count: 0 };
