import { useQuery } from '@tanstack/react-query';
import { QueryBoundary } from '@/components/query-boundary';
import { DEFAULT_TEST_SERVER, useTabsStore } from '@/stores/tabs-store';

interface CatalogueEndpoint {
  path: string;
  description: string;
  example?: string;
  /** The subprotocols the endpoint negotiates (a protocol endpoint such as /graphql), if it has its own. */
  protocols?: string[];
}

interface Catalogue {
  endpoints: CatalogueEndpoint[];
}

const catalogueUrl = () => `${DEFAULT_TEST_SERVER.replace(/^ws/, 'http')}/catalogue`;

async function fetchCatalogue(): Promise<Catalogue> {
  const response = await fetch(catalogueUrl());
  if (!response.ok) throw new Error(`The test server answered ${response.status}.`);
  const body: unknown = await response.json();
  const endpoints = (body as { endpoints?: unknown }).endpoints;
  if (!Array.isArray(endpoints)) throw new Error('The test server sent an unexpected catalogue.');
  return {
    endpoints: endpoints.filter(
      (e): e is CatalogueEndpoint =>
        typeof e === 'object' &&
        e !== null &&
        typeof e.path === 'string' &&
        typeof e.description === 'string',
    ),
  };
}

/** The bundled test server's endpoints, one click from a new tab. Only opens a tab: it never connects by itself. */
export default function TestServerCatalogue() {
  return (
    <QueryBoundary>
      <CatalogueList />
    </QueryBoundary>
  );
}

function CatalogueList() {
  const openTab = useTabsStore((s) => s.openTab);
  const catalogue = useQuery({ queryKey: ['test-server-catalogue'], queryFn: fetchCatalogue });

  return (
    <div className="sidebar-section">
      <div className="section-header">
        <h2 className="section-title">Test server</h2>
      </div>
      {catalogue.isPending && <p className="muted empty-hint">Looking for the test server…</p>}
      {catalogue.isError && (
        <p className="muted empty-hint">
          The bundled test server is not running at {DEFAULT_TEST_SERVER}. Start it with{' '}
          <code>npm start</code>.{' '}
          <button type="button" className="link-button" onClick={() => void catalogue.refetch()}>
            Retry
          </button>
        </p>
      )}
      {catalogue.data && (
        <ul className="catalogue-list">
          {catalogue.data.endpoints.map((endpoint) => {
            const url = `${DEFAULT_TEST_SERVER}${endpoint.example ?? endpoint.path}`;
            return (
              <li key={endpoint.path}>
                {/* Named by its path alone, described by the rest: a description saying "Send" or
                    "Disconnect" must not make it one more button of that name. */}
                <button
                  type="button"
                  className="catalogue-item"
                  title={`Open ${url} in a new tab`}
                  aria-describedby={descriptionId(endpoint.path)}
                  onClick={() => openTab({ url, protocolsText: offeredProtocols(endpoint) })}
                >
                  <code>{endpoint.path}</code>
                  <span className="muted" id={descriptionId(endpoint.path)} aria-hidden="true">
                    {endpoint.description}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

// Only names from the catalogue, as text: offering them is what makes /graphql or /mqtt accept the handshake.
function offeredProtocols(endpoint: CatalogueEndpoint): string {
  const protocols = Array.isArray(endpoint.protocols) ? endpoint.protocols : [];
  return protocols.filter((p): p is string => typeof p === 'string').join(', ');
}

function descriptionId(path: string): string {
  return `catalogue${path.replace(/[^a-z0-9]+/gi, '-')}`;
}
