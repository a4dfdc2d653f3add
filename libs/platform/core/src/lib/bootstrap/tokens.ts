/** Injection token of the running service's ServiceDescriptor. */
export const SERVICE_DESCRIPTOR = Symbol('SERVICE_DESCRIPTOR');
