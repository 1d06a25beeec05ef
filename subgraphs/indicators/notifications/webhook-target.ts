/**
 * Where a webhook may go. A target's host is resolved and refused when any of its
 * addresses is loopback, private, link-local, unique-local, unspecified, multicast, shared
 * (CGNAT) or otherwise reserved, or when it is a cloud metadata name — unless the host is
 * listed in WEBHOOK_ALLOWED_HOSTS. The check runs when a URL is subscribed and again at
 * every delivery; the delivery then connects to the very address that was checked (a name
 * that resolves elsewhere a moment later is never asked again).
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';
import type { NotificationSettings } from '../../../lib/config';
import { ErrorCode, hubError } from '../../../lib/errors';

/** Names of cloud metadata services, refused whatever they resolve to. */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.com',
  'metadata.tencentyun.com',
  'metadata.oraclecloud.com',
]);

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (CGNAT), 100.100.100.200 metadata included
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, 169.254.169.254 metadata included
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast included
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: an IPv4 address inside
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local, fd00::1 and fd00:ec2::254 included
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** Whether an address is one a webhook may never reach. */
function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1, ::ffff:a00:1, ::10.0.0.1) is that IPv4 address.
  const mapped = /^::(?:ffff:(?:0:)?)?(.+)$/i.exec(address)?.[1];
  if (mapped && mapped !== '1') {
    const v4 = isIP(mapped) === 4 ? mapped : hexToIpv4(mapped);
    if (v4 !== undefined) return blocked.check(v4, 'ipv4');
  }
  return blocked.check(address, 'ipv6');
}

function hexToIpv4(tail: string): string | undefined {
  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!m) return undefined;
  const [hi, lo] = [parseInt(m[1], 16), parseInt(m[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

const refuse = (message: string) => hubError(ErrorCode.WEBHOOK_TARGET_FORBIDDEN, message, { field: 'url' });

/** Where webhooks may go: hosts allowed though inside, and whether plain http is (outside production). */
export type WebhookPolicy = NotificationSettings['webhooks'];

/**
 * Checks a webhook URL and resolves its host: the address to connect to, or
 * WEBHOOK_TARGET_FORBIDDEN. Outside development the URL must be https.
 */
export async function checkWebhookTarget(raw: string, policy: WebhookPolicy): Promise<CheckedTarget> {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.http)) throw refuse('a webhook URL must be https');
  const host = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  const allowed = policy.allowedHosts.includes(host);
  if (!allowed && METADATA_NAMES.has(host)) throw refuse(`"${host}" is a metadata service`);
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw refuse(`"${host}" does not resolve`);
    }
  }
  if (addresses.length === 0) throw refuse(`"${host}" does not resolve`);
  if (!allowed) {
    const inside = addresses.find((a) => isForbiddenAddress(a.address));
    if (inside) throw refuse(`"${host}" resolves to ${inside.address}, an address webhooks may not reach`);
  }
  const [first] = addresses;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A one-request connection pool that connects only to the checked address (TLS still verifies the host name). */
export function pinnedAgent(target: CheckedTarget): Agent {
  return new Agent({
    connections: 1,
    pipelining: 0,
    connect: {
      lookup: (_hostname, options, callback) => {
        if ((options as { all?: boolean }).all) callback(null, [{ address: target.address, family: target.family }] as never);
        else callback(null, target.address, target.family);
      },
    },
  });
}
