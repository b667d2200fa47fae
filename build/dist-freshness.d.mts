/** Why dist/ under `root` must be built before starting, or undefined when it is up to date. */
export function staleReason(root: string): string | undefined;
