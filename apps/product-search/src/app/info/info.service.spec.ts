import { InfoService } from './info.service';

describe('InfoService', () => {
  it('describes the service from its contracts', () => {
    expect(new InfoService().info()).toEqual({
      name: 'product-search',
      accessibility: 'hybrid',
      persistence: ['database', 'file-storage', 'cache'],
    });
  });
});
