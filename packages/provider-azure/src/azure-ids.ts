import { createIdTemplate } from '@provision/provider-utils';

/**
 * Host ids are the VM's Azure resource id, which holds everything later calls need (subscription,
 * resource group, VM name). Azure compares resource ids without regard to case, so the literal
 * segments match in any case. https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */
export const azureIds = createIdTemplate({
  provider: 'azure',
  template:
    '/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Compute/virtualMachines/{vm}',
  parts: {
    subscription: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    // Resource groups: 1-90 of letters, digits, `_`, `-`, `.`, `(`, `)`, not ending in `.`.
    group: /^[-\w.()]{0,89}[-\w()]$/,
    // Linux VM names: 1-64 of letters, digits, `-`, `.`, `_`.
    vm: /^[A-Za-z0-9][-\w.]{0,63}$/,
  },
  caseInsensitiveLiterals: true,
});
