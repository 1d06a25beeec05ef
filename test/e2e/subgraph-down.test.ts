/** A subgraph that is down costs only its own fields. */
import type { Hub } from '../../hub';
import { graphql, startTestHub } from '../support/hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

it('a subgraph down costs only its own fields, with an error naming it', async () => {
  await hub.subgraphs.indicators.stop();
  const res = await graphql(hub.gateway.url, '{ task(id: "T22") { seq content leadOrganization { name } indicators { id } } }');
  expect(res.data!.task).toMatchObject({ seq: 22, leadOrganization: { name: '市委宣传部' }, indicators: null });
  expect(res.errors).toEqual([
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'indicators' }) }),
  ]);
  expect(res.errors![0].message).toContain('indicators');
});
