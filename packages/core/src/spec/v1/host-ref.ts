/** Which host to delete: by its id, or by its public IPv4 (found among managed hosts by listing). */
export type HostRef = { readonly id: string } | { readonly ip: string };
