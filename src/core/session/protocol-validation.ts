import { err, ok, type Result } from '../shared/result';

// RFC 7230 token characters: what the Sec-WebSocket-Protocol header allows in each protocol name.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Checks a subprotocol list the way the WebSocket constructor does, but with a message instead of a throw. */
export function validateProtocols(protocols: readonly string[]): Result<string[], string> {
  const seen = new Set<string>();
  for (const protocol of protocols) {
    if (!TOKEN.test(protocol)) {
      return err(
        `Subprotocol "${protocol}" has characters a browser cannot send (allowed: letters, digits and !#$%&'*+-.^_\`|~).`,
      );
    }
    if (seen.has(protocol)) {
      return err(`Subprotocol "${protocol}" is listed twice; browsers refuse duplicates.`);
    }
    seen.add(protocol);
  }
  return ok([...protocols]);
}
