import { InfoService } from './info.service';

describe('InfoService', () => {
  it('describes the service from its contracts', () => {
    expect(new InfoService().info()).toEqual({
      name: 'user-management',
      accessibility: 'hybrid',
      persistence: ["database"],
    });
  });

  it('reports uptime in whole seconds', () => {
    const service = new InfoService();
    const later = new Date(Date.now() + 90_500);
    expect(service.runtime(later).uptimeSeconds).toBe(90);
  });
});
