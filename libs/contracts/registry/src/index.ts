import type { ServiceDescriptor } from '@ms/contracts-common';
import { PRODUCT_SEARCH_SERVICE } from '@ms/contracts-product-search';
import { USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management';
import { ORDER_PROCESSING_SERVICE } from '@ms/contracts-order-processing';
import { GATEWAY_SERVICE } from '@ms/contracts-gateway';
// <registry-imports>

/** Every service of the system. Maintained by `nx g @ms/generators:microservice` / `remove-microservice`. */
export const SERVICES: readonly ServiceDescriptor[] = [
  PRODUCT_SEARCH_SERVICE,
  USER_MANAGEMENT_SERVICE,
  ORDER_PROCESSING_SERVICE,
  GATEWAY_SERVICE,
  // <registry-entries>
];
