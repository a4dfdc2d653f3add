import { loadConfig } from '@ms/platform-core';
import { OrderProcessingConfig } from './order-processing-config';

describe('OrderProcessingConfig', () => {
  it('holds an unpaid order 30 minutes unless UNPAID_ORDER_TIMEOUT_SECONDS says', () => {
    expect(loadConfig(OrderProcessingConfig, {}).unpaidOrderTimeoutSeconds).toBe(1800);
    expect(loadConfig(OrderProcessingConfig, { UNPAID_ORDER_TIMEOUT_SECONDS: '60' }).unpaidOrderTimeoutSeconds).toBe(
      60,
    );
  });

  it('names a bad value', () => {
    expect(() => loadConfig(OrderProcessingConfig, { UNPAID_ORDER_TIMEOUT_SECONDS: 'soon' })).toThrow(
      'UNPAID_ORDER_TIMEOUT_SECONDS must be a whole number of seconds',
    );
    expect(() => loadConfig(OrderProcessingConfig, { UNPAID_ORDER_TIMEOUT_SECONDS: '0' })).toThrow(
      'UNPAID_ORDER_TIMEOUT_SECONDS must not be less than 1',
    );
  });
});
