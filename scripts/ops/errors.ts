/** A refusal with a sentence for the operator: `npm run ops` prints it and exits with code 1. */
export class OpsError extends Error {}
