/** Requests of one feature, spread into `requests` in `contract.ts`. */
export const topicTreeRequests = {} as const;

export const topicTreeEvents = {} as const;
