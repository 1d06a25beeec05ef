/**
 * The directions imports may take (docs/architecture.md, Layers): scripts and bench → hub →
 * gateway and subgraphs → lib; seeds hold data of record any layer may read; the dashboard
 * is a browser bundle of its own. test/install/layers.test.ts runs these rules in `npm test`.
 */
/** A rule: imports `from` → `to` are errors. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid(
      'lib-imports-upward',
      'lib/ is the bottom layer: it imports no gateway, subgraph, hub, script or benchmark.',
      { path: '^lib/' },
      { path: '^(gateway|subgraphs|hub|scripts|bench|dashboard|report|client)/' },
    ),
    forbid(
      'services-import-upward',
      'The gateway and the subgraphs import no hub start-up, script or benchmark.',
      { path: '^(gateway|subgraphs)/' },
      { path: '^(hub|scripts|bench|dashboard|report|client)/' },
    ),
    forbid(
      'gateway-reaches-subgraphs',
      'The gateway serves the composed gateway/supergraph.graphql and loads no subgraph code, directly or through what it imports; composition lives in scripts/.',
      { path: '^gateway/' },
      { path: '^subgraphs/', reachable: true },
    ),
    forbid(
      'hub-imports-upward',
      'What starts the hub imports no script or benchmark.',
      { path: '^hub/' },
      { path: '^(scripts|bench)/' },
    ),
    forbid(
      'seeds-import-services',
      'Seeds are data of record and their model: they import lib at most.',
      { path: '^seeds/' },
      { path: '^(gateway|subgraphs|hub|scripts|bench|dashboard)/' },
    ),
    forbid(
      'subgraph-imports-another-subgraph',
      "A subgraph reaches another only through the gateway's schema or its HTTP endpoint, never its modules.",
      { path: '^subgraphs/([^/]+)/' },
      { path: '^subgraphs/([^/]+)/', pathNot: '^subgraphs/$1/' },
    ),
    forbid(
      'rules-import-edges',
      "A subgraph's model and services have their own types: they import no GraphQL schema class, resolver or seed; schema classes map to them at the resolver.",
      { path: '^subgraphs/[^/]+/(model|services)/' },
      { path: ['^seeds/', '^subgraphs/[^/]+/(schema|resolvers)/'] },
    ),
    forbid(
      'model-is-pure',
      "A subgraph's model is rules and arithmetic on values: no service, storage, notification or GraphQL module, no database or GraphQL package.",
      { path: '^subgraphs/[^/]+/model/' },
      {
        path: [
          '^subgraphs/[^/]+/(services|data|notifications|resolvers|schema)/',
          '^subgraphs/[^/]+/(context|loaders|index)\\.ts$',
          '(^|/)node_modules/(typeorm|pg|graphql|type-graphql|dataloader|@apollo/[^/]+)/',
        ],
      },
    ),
    forbid(
      'model-reads-no-config',
      "A subgraph's model is handed the settings it needs (a figure rule, a factor) as arguments: it reads no configuration.",
      { path: '^subgraphs/[^/]+/model/' },
      { path: '^lib/(config|settings)\\.ts$', dependencyTypesNot: ['type-only'] },
    ),
    forbid(
      'services-read-no-config',
      "A subgraph's services and data adapters are handed their settings (read once when the subgraph starts, carried by its context and SubgraphRuntime): they read no configuration.",
      { path: '^subgraphs/[^/]+/(services|data)/' },
      { path: '^lib/(config|settings)\\.ts$', dependencyTypesNot: ['type-only'] },
    ),
    forbid(
      'settings-read-at-start',
      'The settings are read once, where a process starts (scripts/, bench/, hub/): every other module is handed them, and imports at most their types.',
      { pathNot: '^(scripts|bench|hub|test)/|^lib/settings\\.ts$' },
      { path: '^lib/settings\\.ts$', dependencyTypesNot: ['type-only'] },
    ),
    forbid(
      'services-speak-no-graphql',
      "A subgraph's services and data adapters throw the hub's own errors (lib/errors.ts HubError) and return its own values: no GraphQL package; the resolvers and lib/format-error.ts put them into GraphQL's terms.",
      { path: '^subgraphs/[^/]+/(services|data)/' },
      { path: '(^|/)node_modules/(graphql|type-graphql|@apollo/[^/]+)/' },
    ),
    forbid(
      'data-imports-upward',
      "A subgraph's data adapters serve its model and services: they import no service, resolver or notification.",
      { path: '^subgraphs/[^/]+/data/' },
      { path: '^subgraphs/[^/]+/(services|resolvers|notifications)/' },
    ),
    forbid(
      'pages-import-server',
      'The pages (dashboard/, report/, and client/ they share) are browser bundles: nothing of the server, only their own modules and npm packages.',
      { path: '^(dashboard|report|client)/' },
      { path: '^(lib|gateway|subgraphs|hub|scripts|bench|seeds|test)/' },
    ),
    forbid(
      'pages-import-each-other',
      'A page imports another page only through client/; client/ imports no page.',
      { path: '^(dashboard|report|client)/' },
      { path: '^(dashboard|report|client)/', pathNot: ['^$1/', '^client/'] },
    ),
    forbid(
      'dashboard-imports-outside',
      'Outside its folder and client/, a page may import only npm packages and, type-only, generated schema types.',
      { path: '^(dashboard|report|client)/' },
      {
        pathNot: ['^dashboard/', '^report/', '^client/', '(^|/)node_modules/', '(^|/)(generated|gql)/'],
        dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'core'],
      },
    ),
    forbid(
      'dashboard-generated-types-only',
      'Generated schema types outside dashboard/ are imported as types only.',
      { path: '^(dashboard|report|client)/' },
      { path: '(^|/)(generated|gql)/', pathNot: '^(dashboard|report|client)/', dependencyTypesNot: ['type-only'] },
    ),
    forbid('no-circular', 'No module depends on itself through others.', {}, { circular: true }),
    forbid('not-to-unresolvable', 'Every import resolves.', {}, { couldNotResolve: true }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules stay in the graph as leaves (doNotFollow), so rules can name packages.
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // Packages of types alone (e.g. @graphql-typed-document-node/core) name only their typings.
      mainFields: ['main', 'types', 'typings'],
    },
    moduleSystems: ['cjs', 'es6'],
  },
};
