// RegistryClient against a fake registry whose answers never end (or announce 300 MB): each kind of
// answer is cut off at its limit (internal/http/body-limit.ts) with an error naming the URL, the
// limit and what it means. The fake counts the bytes it managed to send, so the bound on what the
// client took in is asserted in bytes, not time.
import { afterEach, describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../http/body-limit.js';
import { HttpClient } from '../http/client.js';
import { startFakeRegistry, type FakeRegistry } from '../../test/fakes/fake-registry.js';
import { RegistryClient } from './client.js';
import { AnswerTooLargeError } from './errors.js';
import { MEDIA_TYPES } from './manifest.js';
import { parseReference } from './reference.js';

// What the sockets on both ends hold that the client never read: the fake keeps writing while the
// kernel has room (a loopback send buffer grows to tcp_wmem's 4 MiB here), so it "sent" more than
// the client read. Far below what an unbounded read would take in: the bodies here never end.
const SOCKET_BUFFERS = 8 * 1024 * 1024;

let fake: FakeRegistry | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function setUp() {
  fake = await startFakeRegistry();
  fake.setTags('team/app', ['1.0', '1.1']);
  const config = {
    mediaType: 'application/vnd.oci.image.config.v1+json',
    digest: fake.putBlob(Buffer.from('{}')),
    size: 2,
  };
  fake.putManifest('team/app', MEDIA_TYPES.ociManifest, { schemaVersion: 2, config, layers: [] }, '1.0');
  const http = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  return { fake, http, client: new RegistryClient({ http }), repo: parseReference(`${fake.host}/team/app`) };
}

describe('RegistryClient body limits (fake registry sending endless answers)', () => {
  it('cuts an endless tag list off at 16 MiB, says so, and caches nothing', async () => {
    const { fake, client, repo, http } = await setUp();
    fake.behaviour = 'endless';
    const error = await client.listTags(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    expect((error as Error).message).toBe(
      `${fake.host}/team/app on registry ${fake.host}: the answer to GET ${fake.url}/v2/team/app/tags/list ` +
        'is larger than 16 MiB, the limit for a tag list page; it was not read further (HTTP 200); ' +
        'no real answer of that kind is so large: the registry, or a proxy in between, is misbehaving; check it',
    );
    expect(fake.bytesStreamed).toBeGreaterThan(BODY_LIMITS.tagList.bytes);
    expect(fake.bytesStreamed).toBeLessThan(BODY_LIMITS.tagList.bytes + SOCKET_BUFFERS);
    // Nothing of it was kept: the registry's real answer comes next, and the host slot is free.
    fake.behaviour = 'normal';
    expect(await client.listTags(repo)).toEqual(['1.0', '1.1']);
    expect(http.budgets()[0]?.inFlight).toBe(0);
  });

  it('cuts an endless manifest off at 4 MiB', async () => {
    const { fake, client, repo } = await setUp();
    fake.behaviour = 'endless';
    const error = await client.getManifest(repo, '1.0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    expect((error as Error).message).toContain('is larger than 4 MiB, the limit for a manifest');
    expect(fake.bytesStreamed).toBeLessThan(BODY_LIMITS.manifest.bytes + SOCKET_BUFFERS);
    fake.behaviour = 'normal';
    expect((await client.getManifest(repo, '1.0')).kind).toBe('image');
  });

  it('refuses a body announcing 300 MB before reading it', async () => {
    const { fake, client, repo } = await setUp();
    fake.behaviour = 'oversized';
    const error = await client.listTags(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    expect((error as Error).cause).toMatchObject({
      message: expect.stringContaining('(it announced 300,000,000 bytes)'),
    });
    expect(fake.bytesStreamed).toBeLessThan(SOCKET_BUFFERS);
  });

  it('reads a long tag list that stays under the limit (2 MiB, ~170,000 tags)', async () => {
    const { fake, client, repo } = await setUp();
    fake.behaviour = 'endless';
    fake.streamedBodyBytes = 2 * 1024 * 1024;
    const tags = await client.listTags(repo);
    expect(tags.length).toBeGreaterThan(160_000);
    expect(tags).toContain('1.123456.0');
  });
});
