/** Requests of one feature, spread into `requests` in `contract.ts`. */
export const messageViewRequests = {} as const;

export const messageViewEvents = {} as const;
