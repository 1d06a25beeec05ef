/**
 * An operator deploys the hub with `docker compose up`. These checks read
 * docker-compose.yml and the Dockerfile as text and hold them to what lib/config.ts
 * actually reads, so the containers cannot drift from the code. No Docker needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_PORTS, ENV_VARIABLES, SUBGRAPHS, type SubgraphName } from '../../lib/config';
import { SERVICE_NODE_FLAGS } from '../../lib/node-flags';

const ROOT = path.resolve(__dirname, '../..');

type NodeService = 'gateway' | SubgraphName;
const NODE_SERVICES: readonly NodeService[] = ['gateway', ...SUBGRAPHS];

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target?: number; published?: number | string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

/** A service's environment as a map, whichever of the two compose forms it is written in. */
function environment(service: string): Record<string, string> {
  const env = compose.services[service]?.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

function command(service: string): string[] {
  const value = compose.services[service]?.command ?? [];
  return Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
}

/** [published, target] pairs of a service's `ports`. */
function publishedPorts(service: string): [number, number][] {
  return (compose.services[service]?.ports ?? []).map((entry) => {
    if (typeof entry === 'object') return [Number(entry.published), Number(entry.target)];
    const parts = String(entry).split('/')[0].split(':');
    const target = Number(parts[parts.length - 1]);
    return [parts.length > 1 ? Number(parts[parts.length - 2]) : target, target];
  });
}

function dependsOn(service: string): Record<string, string | undefined> {
  const value = compose.services[service]?.depends_on ?? {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(value).map(([name, { condition }]) => [name, condition]));
}

function healthcheck(service: string): string {
  const test = compose.services[service]?.healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}

const portVariable = (service: NodeService): string => `${service.toUpperCase()}_PORT`;
const urlVariable = (name: SubgraphName): string => `${name.toUpperCase()}_URL`;
/** The database URL a subgraph container gets: its own variable, else the shared one. */
const databaseUrl = (name: SubgraphName): string | undefined =>
  environment(name)[`${name.toUpperCase()}_DATABASE_URL`] || environment(name).DATABASE_URL;

/** The instructions of the Dockerfile's last stage, continuation lines joined. */
function finalStage(): { instruction: string; args: string }[] {
  const lines = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [instruction, ...rest] = line.split(/\s+/);
      return { instruction: instruction.toUpperCase(), args: rest.join(' ') };
    });
  const lastFrom = lines.map((line) => line.instruction).lastIndexOf('FROM');
  return lines.slice(lastFrom);
}

describe('An operator starts the whole hub with `docker compose up`', () => {
  it('gets PostgreSQL, the three subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', ...NODE_SERVICES].sort());
  });

  it('builds every node service from the Dockerfile and tells it which service to run', () => {
    for (const service of NODE_SERVICES) {
      expect(compose.services[service].build).toBeDefined();
      expect(['gateway', ...SUBGRAPHS]).toContain(command(service)[0]);
      expect(command(service)).toEqual([service]);
    }
  });

  it('sets only variables the code reads (every one is listed in ENV_VARIABLES)', () => {
    for (const service of NODE_SERVICES) {
      const unknown = Object.keys(environment(service)).filter((key) => !(key in ENV_VARIABLES));
      expect({ service, unknown }).toEqual({ service, unknown: [] });
    }
  });

  it('makes every service listen on all interfaces, in production mode', () => {
    for (const service of NODE_SERVICES) {
      expect({ service, HOST: environment(service).HOST }).toEqual({ service, HOST: '0.0.0.0' });
      expect({ service, NODE_ENV: environment(service).NODE_ENV }).toEqual({ service, NODE_ENV: 'production' });
    }
  });
});

describe('Each subgraph finds its database and listens on its usual port', () => {
  it.each(SUBGRAPHS)('%s has a database URL and its port variable set to DEFAULT_PORTS', (name) => {
    expect(databaseUrl(name)).toMatch(/^postgres(ql)?:\/\//);
    expect(Number(environment(name)[portVariable(name)])).toBe(DEFAULT_PORTS[name]);
  });

  it.each(SUBGRAPHS)('%s reaches the compose postgres service with the user, password and database it creates', (name) => {
    const url = new URL(databaseUrl(name)!);
    const postgres = environment('postgres');
    expect(url.hostname).toBe('postgres');
    expect(url.port || '5432').toBe('5432');
    expect(decodeURIComponent(url.username)).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(decodeURIComponent(url.pathname.slice(1))).toBe(postgres.POSTGRES_DB);
  });

  it.each(SUBGRAPHS)('%s starts only once PostgreSQL is healthy', (name) => {
    expect(dependsOn(name).postgres).toBe('service_healthy');
  });

  it('PostgreSQL reports healthy with pg_isready, for the same user and database', () => {
    const check = healthcheck('postgres');
    const postgres = environment('postgres');
    expect(check).toMatch(/pg_isready/);
    expect(check).toContain(postgres.POSTGRES_USER);
    expect(check).toContain(postgres.POSTGRES_DB);
  });
});

describe('The gateway reaches the subgraphs by their service names', () => {
  it.each(SUBGRAPHS.map((name) => [urlVariable(name), name] as const))(
    '%s points at http://%s:<its DEFAULT_PORTS port>/graphql',
    (_, name) => {
      expect(environment('gateway')[urlVariable(name)]).toBe(`http://${name}:${DEFAULT_PORTS[name]}/graphql`);
    },
  );

  it('listens on DEFAULT_PORTS.gateway and is the only service published on the host', () => {
    expect(Number(environment('gateway').GATEWAY_PORT)).toBe(DEFAULT_PORTS.gateway);
    expect(publishedPorts('gateway')).toEqual([[DEFAULT_PORTS.gateway, DEFAULT_PORTS.gateway]]);
    for (const service of ['postgres', ...SUBGRAPHS])
      expect({ service, ports: publishedPorts(service) }).toEqual({ service, ports: [] });
  });

  it('starts once all three subgraphs are healthy', () => {
    for (const name of SUBGRAPHS)
      expect({ name, condition: dependsOn('gateway')[name] }).toEqual({ name, condition: 'service_healthy' });
  });
});

describe('Docker knows when each node service is ready', () => {
  it.each(NODE_SERVICES)('%s is checked on its own port at /readyz, with node (the slim image has no curl)', (service) => {
    const check = healthcheck(service);
    expect(check).toMatch(/^CMD node -e /);
    expect(check).toContain(`http://127.0.0.1:${DEFAULT_PORTS[service]}/readyz`);
  });
});

describe('The gateway and the subgraphs share their secrets, and only what they need', () => {
  it('the gateway alone holds GATEWAY_PRIVATE_KEY; every subgraph holds the same GATEWAY_PUBLIC_KEY and nothing that signs', () => {
    expect(environment('gateway').GATEWAY_PRIVATE_KEY).toMatch(/^\$\{GATEWAY_PRIVATE_KEY:\?[^}]+\}$/);
    const expressions = SUBGRAPHS.map((name) => environment(name).GATEWAY_PUBLIC_KEY);
    expect(new Set(expressions).size).toBe(1);
    expect(expressions[0]).toMatch(/^\$\{GATEWAY_PUBLIC_KEY:\?[^}]+\}$/);
    for (const name of SUBGRAPHS) {
      const signing = Object.keys(environment(name)).filter((key) => /SECRET|PRIVATE/.test(key));
      expect({ name, signing }).toEqual({ name, signing: [] });
    }
  });

  it('secrets and keys are required from the environment, never defaulted: compose refuses to start without them', () => {
    for (const service of NODE_SERVICES) {
      for (const [key, value] of Object.entries(environment(service)).filter(([key]) => /_SECRET$|_KEY$/.test(key))) {
        expect({ service, key, value }).toEqual({
          service,
          key,
          value: expect.stringMatching(new RegExp(`^\\$\\{${key}:\\?[^}]+\\}$`)),
        });
      }
    }
  });

  it('the gateway gets the token lifetime and the refresh of revocations', () => {
    expect(environment('gateway').MAX_TOKEN_DAYS).toMatch(/^\$\{MAX_TOKEN_DAYS:-\d+\}$/);
    expect(environment('gateway').IDENTITY_REFRESH_SECONDS).toMatch(/^\$\{IDENTITY_REFRESH_SECONDS:-\d+\}$/);
  });

  it('no generated secret reaches an image or the repository: .data and .env stay out', () => {
    const ignored = (file: string) =>
      readFileSync(path.join(ROOT, file), 'utf8')
        .split(/\r?\n/)
        .map((line) => line.trim());
    for (const file of ['.dockerignore', '.gitignore']) {
      expect(ignored(file).some((line) => line.replace(/\/$/, '') === '.data')).toBe(true);
      expect(ignored(file)).toContain('.env');
    }
  });

  it('the indicators subgraph reaches the organizations subgraph by its service name (to resolve names in pushes)', () => {
    expect(environment('indicators').ORGANIZATIONS_URL).toBe(`http://organizations:${DEFAULT_PORTS.organizations}/graphql`);
  });

  it("the gateway verifies callers with JWT_SECRET; the subgraphs, which never see callers' tokens, do not hold it", () => {
    expect(environment('gateway').JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?[^}]+\}$/);
    for (const name of SUBGRAPHS)
      expect({ name, JWT_SECRET: environment(name).JWT_SECRET }).toEqual({ name, JWT_SECRET: undefined });
  });
});

describe('The image runs one service of the hub from the compiled code', () => {
  const stage = finalStage();
  const last = (instruction: string) => [...stage].reverse().find((line) => line.instruction === instruction)?.args;

  it("its ENTRYPOINT is node <the services' V8 flags> dist/scripts/serve.js, built from scripts/serve.ts", () => {
    expect(JSON.parse(last('ENTRYPOINT') ?? 'null')).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/scripts/serve.js']);
    expect(existsSync(path.join(ROOT, 'scripts', 'serve.ts'))).toBe(true);
  });

  it('runs as the unprivileged node user', () => {
    expect(last('USER')).toBe('node');
  });

  it('lays out dist/, seeds/ and gateway/supergraph.graphql side by side, where PROJECT_ROOT finds them', () => {
    const workdir = last('WORKDIR') ?? '/';
    const destinations = stage
      .filter((line) => line.instruction === 'COPY')
      .map((line) => line.args.split(/\s+/).filter((arg) => !arg.startsWith('--')))
      .map((args) => path.posix.resolve(workdir, args[args.length - 1]));
    expect(destinations).toContain(path.posix.join(workdir, 'dist'));
    expect(destinations).toContain(path.posix.join(workdir, 'seeds'));
    expect(destinations).toContain(path.posix.join(workdir, 'gateway', 'supergraph.graphql'));
  });
});

describe('the image build', () => {
  it('copies every folder `npm run build` compiles', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const build = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.build as string;
    const folders = new Set<string>(['dashboard', 'report', 'client']);
    for (const entry of JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')).include as string[]) {
      if (entry !== 'bench') folders.add(entry);
    }
    expect(build).toContain('build-dashboard');
    for (const folder of folders) expect(dockerfile).toMatch(new RegExp(`^COPY ${folder} \\./${folder}$`, 'm'));
    // And every project file the build's tsc runs name at the top level (the type generator's first).
    const projects = [...build.matchAll(/tsc -p (\S+)/g)].map((m) => m[1]).filter((file) => !file.includes('/'));
    expect(projects).toEqual(['tsconfig.types.json', 'tsconfig.build.json']);
    const copied = /^COPY ((?:tsconfig\S*\.json )+)\.\/$/m.exec(dockerfile)?.[1].trim().split(' ');
    expect(copied).toEqual(expect.arrayContaining(['tsconfig.json', ...projects]));
  });
});
