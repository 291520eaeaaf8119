import type { ImportError } from '@/core/collection/collection-document';

/** A failed read: what is wrong and where, and the reassurance that nothing changed. */
export function ImportErrorMessage({ error }: { error: ImportError }) {
  // Field checks say "should be text." about their path; whole sentences stand alone with the path after.
  const aboutPath = /^[a-z]/.test(error.message);
  return (
    <div className="import-error" role="alert">
      <p>
        <strong>Could not import.</strong>{' '}
        {aboutPath ? (
          <>
            <code>{error.path}</code> {error.message}
          </>
        ) : (
          error.message
        )}
      </p>
      {!aboutPath && error.path !== '$' && (
        <p>
          At <code>{error.path}</code>
        </p>
      )}
      <p className="muted">Your saved collections are unchanged.</p>
    </div>
  );
}
