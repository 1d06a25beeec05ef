/**
 * The directions imports may take (README, Architecture): scripts and bench → hub →
 * gateway and subgraphs → lib; seeds hold data of record any layer may read; the dashboard
 * is a browser bundle of its own. test/install/layers.test.ts runs these rules in `npm test`.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-imports-upward',
      comment: 'lib/ is the bottom layer: it imports no gateway, subgraph, hub, script or benchmark.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(gateway|subgraphs|hub|scripts|bench|dashboard)/' },
    },
    {
      name: 'services-import-upward',
      comment: 'The gateway and the subgraphs import no hub start-up, script or benchmark.',
      severity: 'error',
      from: { path: '^(gateway|subgraphs)/' },
      to: { path: '^(hub|scripts|bench|dashboard)/' },
    },
    {
      name: 'hub-imports-upward',
      comment: 'What starts the hub imports no script or benchmark.',
      severity: 'error',
      from: { path: '^hub/' },
      to: { path: '^(scripts|bench)/' },
    },
    {
      name: 'seeds-import-services',
      comment: 'Seeds are data of record and their model: they import lib at most.',
      severity: 'error',
      from: { path: '^seeds/' },
      to: { path: '^(gateway|subgraphs|hub|scripts|bench|dashboard)/' },
    },
    {
      name: 'subgraph-imports-another-subgraph',
      comment: "A subgraph reaches another only through the gateway's schema or its HTTP endpoint, never its modules.",
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/([^/]+)/', pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'dashboard-imports-server',
      comment: 'The dashboard is a browser bundle: nothing of the server, only its own modules and npm packages.',
      severity: 'error',
      from: { path: '^dashboard/' },
      to: { path: '^(lib|gateway|subgraphs|hub|scripts|bench|seeds|test)/' },
    },
    {
      name: 'dashboard-imports-outside',
      comment: 'Outside dashboard/, the dashboard may import only npm packages and, type-only, generated schema types.',
      severity: 'error',
      from: { path: '^dashboard/' },
      to: {
        pathNot: ['^dashboard/', '(^|/)node_modules/', '(^|/)(generated|gql)/'],
        dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'core'],
      },
    },
    {
      name: 'dashboard-generated-types-only',
      comment: 'Generated schema types outside dashboard/ are imported as types only.',
      severity: 'error',
      from: { path: '^dashboard/' },
      to: { path: '(^|/)(generated|gql)/', pathNot: '^dashboard/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'No module depends on itself through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    moduleSystems: ['cjs', 'es6'],
  },
};
