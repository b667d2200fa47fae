/** Requests of one feature, spread into `requests` in `contract.ts`. */
export const seriesExportRequests = {} as const;
