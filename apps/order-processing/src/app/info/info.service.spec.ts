import { InfoService } from './info.service';

describe('InfoService', () => {
  it('describes the service from its contracts', () => {
    expect(new InfoService().info()).toEqual({
      name: 'order-processing',
      accessibility: 'internal',
      persistence: ["database"],
    });
  });
});
